#pragma once
// Checklist schedules as systemd timers say them (systemd.time(5), OnCalendar=).
// Runbook schedules mean what their words say: a restricted day-of-month and
// day-of-week must both hold ("0 9 1-7 * 1" is the first Monday), which is how
// systemd reads its own expressions, and "NL" in day-of-week is the last weekday N of
// the month: "Fri *-*~07/1", a Friday among the month's last seven days.

#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

// One OnCalendar= value, or one per "NL" weekday when the day-of-week list holds
// some ("1,5L": Mondays, and the last Friday). The expression must be valid
// (check_cron_expression); throws std::invalid_argument otherwise, and for a last
// weekday together with a restricted day-of-month, which has no OnCalendar form.
std::vector<std::string> systemd_on_calendar(std::string_view expression);

}  // namespace opsctl
