#pragma once
// A Microsoft Teams Workflows webhook's message: one Adaptive Card (version 1.4) in
// an attachment of contentType "application/vnd.microsoft.card.adaptive", its body a
// TextBlock headline and one wrapped TextBlock per line. Teams refuses a message over
// about 28 KB: the lines stop at kTeamsMaxCardBytes of text, then "... and N more".

#include <nlohmann/json.hpp>

#include "opsctl/notify/notice.h"

namespace opsctl {

inline constexpr size_t kTeamsMaxCardBytes = 20000;  // the lines' text, leaving room for JSON
inline constexpr size_t kTeamsMaxLines = 200;
inline constexpr size_t kTeamsMaxLineChars = 1000;

nlohmann::json teams_payload(const Notice& notice);

}  // namespace opsctl
