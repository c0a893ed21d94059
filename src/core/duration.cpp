#include "opsctl/core/duration.h"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace opsctl {

namespace {
constexpr std::array<std::pair<std::string_view, long long>, 6> kUnits{{
    {"w", 7LL * 24 * 3600 * 1000},
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
}};
}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
    long long amount = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto [rest, ec] = std::from_chars(begin, end, amount);
    if (ec != std::errc{} || rest == begin || amount <= 0) return std::nullopt;
    const std::string_view unit(rest, static_cast<size_t>(end - rest));
    for (const auto& [name, millis] : kUnits) {
        if (unit != name) continue;
        if (amount > std::numeric_limits<long long>::max() / millis) return std::nullopt;
        return Duration(amount * millis);
    }
    return std::nullopt;
}

std::string format_duration(Duration duration) {
    const long long millis = duration.count();
    for (const auto& [name, unit_millis] : kUnits) {
        if (millis != 0 && millis % unit_millis == 0) {
            return std::to_string(millis / unit_millis) + std::string(name);
        }
    }
    return std::to_string(millis) + "ms";
}

}  // namespace opsctl
