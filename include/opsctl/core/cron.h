#pragma once
// Checks the five-field cron expressions of checklist schedules.

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace opsctl {

// nullopt when `expression` is a valid "minute hour day-of-month month day-of-week"
// expression (numbers, *, ranges, lists, steps, and "NL" = last weekday N of the
// month in day-of-week); otherwise what is wrong with it.
std::optional<std::string> check_cron_expression(std::string_view expression);

// The numbers min..max that one field of a valid expression names ("*/15", "1-5",
// "0,30", "5/10" = from 5 to max every 10). "NL" items (day-of-week) are left out.
std::set<int> cron_field_values(std::string_view field, int min, int max);

}  // namespace opsctl
