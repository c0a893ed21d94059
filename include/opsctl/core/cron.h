#pragma once
// Checks the five-field cron expressions of checklist schedules.

#include <optional>
#include <string>
#include <string_view>

namespace opsctl {

// nullopt when `expression` is a valid "minute hour day-of-month month day-of-week"
// expression (numbers, *, ranges, lists, steps, and "NL" = last weekday N of the
// month in day-of-week); otherwise what is wrong with it.
std::optional<std::string> check_cron_expression(std::string_view expression);

}  // namespace opsctl
