#include "opsctl/notify/teams_payload.h"

#include "opsctl/notify/notice_text.h"

namespace opsctl {

namespace {

using nlohmann::json;

json text_block(const std::string& text) {
    return {{"type", "TextBlock"}, {"text", text}, {"wrap", true}};
}

}  // namespace

json teams_payload(const Notice& notice) {
    json body = json::array();
    json headline = text_block(notice_headline(notice));
    headline["weight"] = "Bolder";
    headline["size"] = "Medium";
    body.push_back(headline);
    std::vector<std::string> lines;
    for (const ChecklistNotice& checklist : notice.checklists) {
        lines.push_back("**" + checklist_line(checklist) + "**");
        for (const std::string& line : change_lines(checklist, false)) lines.push_back("- " + line);
    }
    for (const std::string& line :
         capped_lines(lines, kTeamsMaxLines, kTeamsMaxCardBytes / 4, kTeamsMaxLineChars)) {
        body.push_back(text_block(line));
    }
    const json card = {{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                       {"type", "AdaptiveCard"},
                       {"version", "1.4"},
                       {"body", body}};
    return {
        {"type", "message"},
        {"attachments", json::array({{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                      {"contentUrl", nullptr},
                                      {"content", card}}})}};
}

}  // namespace opsctl
