#pragma once
// The words every chat payload (Slack, Teams, PagerDuty) uses for a notice: its
// headline, one line per change, and a list of lines cut to a service's limits,
// ending with "... and N more".

#include <string>
#include <vector>

#include "opsctl/notify/notice.h"

namespace opsctl {

// "opsctl: FAIL daily/morning on prod: 2 new, 1 resolved" (the first checklist's name,
// "+N more checklists" when the run had several).
std::string notice_headline(const Notice& notice);

// "daily/morning on prod: FAIL (partial)".
std::string checklist_line(const ChecklistNotice& checklist);

// One change: "NEW depth · eu: depth 400 > 360 (fail)", "RESOLVED depth · eu (depth)",
// "ERROR depth: <message>".
std::string item_line(const NoticeItem& item);

// The first of `lines` that fit in `max_lines` lines and `max_chars` characters in all
// (each line cut to `max_line_chars`), then "... and N more" when some did not: the
// marker counts against both limits.
std::vector<std::string> capped_lines(const std::vector<std::string>& lines, size_t max_lines,
                                      size_t max_chars, size_t max_line_chars);

// Every line of a checklist's changes (new, escalated, reminders, errors first, then
// resolved), and with `with_ongoing` its other ongoing violations after them.
std::vector<std::string> change_lines(const ChecklistNotice& checklist, bool with_ongoing);

}  // namespace opsctl
