#include "opsctl/notify/notice.h"

#include <array>
#include <utility>

namespace opsctl {

namespace {

constexpr std::array<std::pair<ChangeKind, const char*>, 6> kWords{{
    {ChangeKind::New, "new"},
    {ChangeKind::Escalated, "escalated"},
    {ChangeKind::Reminder, "reminder"},
    {ChangeKind::Ongoing, "ongoing"},
    {ChangeKind::Resolved, "resolved"},
    {ChangeKind::Error, "error"},
}};

}  // namespace

std::string change_kind_word(ChangeKind kind) {
    for (const auto& [each, word] : kWords) {
        if (each == kind) return word;
    }
    return "new";
}

std::optional<ChangeKind> change_kind_named(const std::string& word) {
    for (const auto& [kind, each] : kWords) {
        if (word == each) return kind;
    }
    return std::nullopt;
}

}  // namespace opsctl
