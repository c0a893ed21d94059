#include "opsctl/notify/slack_payload.h"

#include "opsctl/core/utf8.h"
#include "opsctl/notify/notice_text.h"

namespace opsctl {

namespace {

using nlohmann::json;

json section(const std::string& text) {
    return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}};
}

// Every line of the message, in order: per checklist its line, then its changes.
std::vector<std::string> message_lines(const Notice& notice) {
    std::vector<std::string> lines;
    for (const ChecklistNotice& checklist : notice.checklists) {
        lines.push_back("*" + slack_escaped(checklist_line(checklist)) + "*");
        for (const std::string& line : change_lines(checklist, false)) {
            lines.push_back("• " + slack_escaped(line));
        }
    }
    return lines;
}

}  // namespace

std::string slack_escaped(const std::string& text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        if (c == '&') {
            escaped += "&amp;";
        } else if (c == '<') {
            escaped += "&lt;";
        } else if (c == '>') {
            escaped += "&gt;";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

json slack_payload(const Notice& notice) {
    const std::string headline = utf8_shorten(notice_headline(notice), kSlackMaxHeaderChars);
    json blocks = json::array();
    blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", headline}}}});
    // One line per section: each fits one section's limit, and the block limit is then
    // the line limit (the header takes one block).
    const std::vector<std::string> lines =
        capped_lines(message_lines(notice), kSlackMaxBlocks - 1,
                     kSlackMaxMessageChars - utf8_length(headline), kSlackMaxSectionChars);
    for (const std::string& line : lines) blocks.push_back(section(line));
    // "text" is the notification's fallback, shown where blocks are not.
    return {{"text", headline}, {"blocks", blocks}};
}

}  // namespace opsctl
