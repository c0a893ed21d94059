#pragma once
// A Slack incoming webhook's message in Block Kit: a header with the status, then per
// checklist a section naming it and sections of its changes (new, escalated,
// reminders and errors with key, value and threshold, then the resolved ones), within
// Slack's documented limits: 50 blocks, 150 characters of header, 3,000 per section
// text; the whole kept under 12,000 characters, where Slack starts refusing messages
// as msg_blocks_too_long. What does not fit ends as "... and N more".

#include <nlohmann/json.hpp>

#include "opsctl/notify/notice.h"

namespace opsctl {

inline constexpr size_t kSlackMaxBlocks = 50;
inline constexpr size_t kSlackMaxHeaderChars = 150;
inline constexpr size_t kSlackMaxSectionChars = 3000;
inline constexpr size_t kSlackMaxMessageChars = 12000;

nlohmann::json slack_payload(const Notice& notice);

// `text` with Slack's three control characters escaped (&, <, >), so that no value
// from a warehouse becomes a link or a mention.
std::string slack_escaped(const std::string& text);

}  // namespace opsctl
