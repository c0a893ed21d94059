#include "opsctl/notify/notice_text.h"

#include <map>

#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

std::string kind_label(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::New:
            return "NEW";
        case ChangeKind::Escalated:
            return "ESCALATED";
        case ChangeKind::Reminder:
            return "STILL";
        case ChangeKind::Ongoing:
            return "ONGOING";
        case ChangeKind::Resolved:
            return "RESOLVED";
        case ChangeKind::Error:
            return "ERROR";
    }
    return "NEW";
}

std::string counts(const Notice& notice) {
    std::map<ChangeKind, size_t> count;
    for (const ChecklistNotice& checklist : notice.checklists) {
        for (const NoticeItem& item : checklist.changes) ++count[item.kind];
    }
    std::string text;
    for (const auto& [kind, n] : count) {
        if (!text.empty()) text += ", ";
        text += std::to_string(n) + " " + change_kind_word(kind);
    }
    return text;
}

}  // namespace

std::string checklist_line(const ChecklistNotice& checklist) {
    std::string line = checklist.runbook + "/" + checklist.checklist;
    if (!checklist.target.empty()) line += " on " + checklist.target;
    line += ": " + status_label(checklist.status);
    if (checklist.partial) line += " (partial)";
    return line;
}

std::string notice_headline(const Notice& notice) {
    std::string headline = "opsctl: " + status_label(notice.status);
    if (!notice.checklists.empty()) {
        const ChecklistNotice& first = notice.checklists.front();
        headline += " " + first.runbook + "/" + first.checklist;
        if (!first.target.empty()) headline += " on " + first.target;
        if (notice.checklists.size() > 1) {
            headline += " +" + std::to_string(notice.checklists.size() - 1) + " more checklists";
        }
    }
    const std::string changed = counts(notice);
    return changed.empty() ? headline : headline + ": " + changed;
}

std::string item_line(const NoticeItem& item) {
    std::string line = kind_label(item.kind) + " " + item.step_id;
    if (item.kind == ChangeKind::Error) return line + ": " + item.text;
    if (item.column == kStepErrorColumn) return line + ": " + item.text;
    line += " · " + (item.key.empty() ? std::string("(no key)") : item.key);
    if (item.kind == ChangeKind::Resolved) return line + " (" + item.column + ")";
    line += ": " + item.text;
    if (item.kind == ChangeKind::Escalated) line += " (warn -> fail)";
    return line;
}

std::vector<std::string> capped_lines(const std::vector<std::string>& lines, size_t max_lines,
                                      size_t max_chars, size_t max_line_chars) {
    std::vector<std::string> kept;
    size_t used = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string line = utf8_shorten(lines[i], max_line_chars);
        const std::string more = "... and " + std::to_string(lines.size() - i - 1) + " more";
        // Room for this line and, unless it is the last, for the marker after it.
        const size_t needed = utf8_length(line) + (i + 1 < lines.size() ? more.size() + 1 : 0);
        const size_t lines_needed = i + 1 < lines.size() ? kept.size() + 2 : kept.size() + 1;
        if (used + needed + 1 > max_chars || lines_needed > max_lines) {
            kept.push_back("... and " + std::to_string(lines.size() - i) + " more");
            return kept;
        }
        kept.push_back(line);
        used += utf8_length(line) + 1;
    }
    return kept;
}

std::vector<std::string> change_lines(const ChecklistNotice& checklist, bool with_ongoing) {
    std::vector<std::string> lines;
    for (const NoticeItem& item : checklist.changes) {
        if (item.kind != ChangeKind::Resolved) lines.push_back(item_line(item));
    }
    for (const NoticeItem& item : checklist.changes) {
        if (item.kind == ChangeKind::Resolved) lines.push_back(item_line(item));
    }
    if (with_ongoing) {
        for (const NoticeItem& item : checklist.ongoing) lines.push_back(item_line(item));
    }
    return lines;
}

}  // namespace opsctl
