#pragma once
// Text from a warehouse, a runbook or a shell step, made harmless to show to a
// person. On a terminal a control character can erase a line, repaint a FAIL as
// PASS, set the window's title or hide a link (ESC and CSI/OSC sequences, C1
// controls); in a file it garbles the report. The reports for people (text,
// Markdown, Nagios) show every such character as a visible escape instead.

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace opsctl {

// `text` as valid UTF-8 (invalid bytes become U+FFFD) with every control character
// escaped: C0 controls except tab, DEL and C1 controls (U+0080 to U+009F) as
// "\xNN" of their code point, so that ESC reads "\x1b". Line breaks are escaped too.
std::string terminal_text(std::string_view text);

// Whether `text` holds a control character: a C0 control (tab and line breaks
// included), DEL, or a UTF-8 encoded C1 control (U+0080 to U+009F). What goes into
// one line of a file another program reads (a crontab) must hold none.
bool has_control_character(std::string_view text);

// `text` for one line of a report: CRLF, LF and CR each become one space, then
// terminal_text(). Cut to `max_code_points` (with "...") before escaping, so that a
// 10 MB value costs no more than a short one.
std::string terminal_line(std::string_view text,
                          size_t max_code_points = std::numeric_limits<size_t>::max());

}  // namespace opsctl
