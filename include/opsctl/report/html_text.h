#pragma once
// Text made safe for an HTML page: escaped for element content and quoted attribute
// values, and JSON made safe inside <script type="application/json">, so that no
// value from a warehouse, a runbook or a shell step can close an element, open a
// tag or leave its script.

#include <string>
#include <string_view>

namespace opsctl {

// `text` as HTML content or a quoted attribute value: & < > " ' escaped; invalid
// UTF-8, control characters (but tab and line breaks) and noncharacters, which HTML5
// does not allow in a document, become U+FFFD.
std::string html_escape(std::string_view text);

// `json` (a valid JSON document) for the inside of a <script> element: every "<" is
// written \u003c, so "</script" and "<!--" cannot occur, and U+2028/U+2029, line
// terminators in older JavaScript, as \u2028/\u2029. Still the same JSON value.
std::string script_json(std::string_view json);

}  // namespace opsctl
