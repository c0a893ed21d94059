#pragma once
// Turns a checklist schedule into what a crontab can say. Runbook schedules mean what
// their words say ("0 9 1-7 * 1" is the first Monday of the month; "0 15 * * 5L" the
// last Friday), while cron ORs a restricted day-of-month with a restricted
// day-of-week and knows no "L". Such schedules become plain cron fields plus a sh
// guard that runs the command only on the right days.

#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

struct CrontabEntry {
    std::string fields;  // five fields every cron accepts ("0 9 * * 1")
    // A sh condition to put before "&& command", or empty. Written with plain '%':
    // escape it (escape_crontab_percent) when writing the crontab line.
    std::string guard;
};

// One entry, or two when a day-of-week list mixes "NL" and plain days. The
// expression must be valid (check_cron_expression); throws std::invalid_argument
// otherwise.
std::vector<CrontabEntry> crontab_entries(std::string_view expression);

// '%' ends the command in a crontab line: write each as "\%".
std::string escape_crontab_percent(const std::string& command);

}  // namespace opsctl
