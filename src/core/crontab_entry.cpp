#include "opsctl/core/crontab_entry.h"

#include <set>
#include <sstream>
#include <stdexcept>

#include "opsctl/core/cron.h"

namespace opsctl {

namespace {

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    for (const char c : text) {
        if (c == separator) {
            parts.push_back(part);
            part.clear();
        } else {
            part += c;
        }
    }
    parts.push_back(part);
    return parts;
}

// "today is one of `days`" in sh; date +%d prints "07", which test(1) reads as 7.
std::string day_of_month_guard(const std::set<int>& days) {
    const int first = *days.begin();
    const int last = *days.rbegin();
    if (static_cast<int>(days.size()) == last - first + 1) {
        std::string guard;
        if (first > 1) guard = "[ \"$(date +%d)\" -ge " + std::to_string(first) + " ]";
        if (last < 31) {
            if (!guard.empty()) guard += " && ";
            guard += "[ \"$(date +%d)\" -le " + std::to_string(last) + " ]";
        }
        return guard;
    }
    std::string pattern;
    for (const int day : days) {
        if (!pattern.empty()) pattern += '|';
        pattern += (day < 10 ? "0" : "") + std::to_string(day);
    }
    return "case \"$(date +%d)\" in " + pattern + ") ;; *) false ;; esac";
}

// The last such weekday of the month: a week later is another month.
constexpr const char* kLastWeekOfMonthGuard = "[ \"$(date -d '+7 days' +%m)\" != \"$(date +%m)\" ]";

std::string join_guards(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + " && " + b;
}

}  // namespace

std::vector<CrontabEntry> crontab_entries(std::string_view expression) {
    if (auto problem = check_cron_expression(expression)) throw std::invalid_argument(*problem);
    std::istringstream stream{std::string(expression)};
    std::vector<std::string> f;
    for (std::string field; stream >> field;) f.push_back(field);

    std::string day_guard;
    std::string day_of_month = f[2];
    // Cron runs on either day when both are restricted; the runbook means both.
    if (f[2][0] != '*' && f[4][0] != '*') {
        day_guard = day_of_month_guard(cron_field_values(f[2], 1, 31));
        day_of_month = "*";
    }
    std::vector<std::string> plain_days, last_days;
    for (const auto& item : split(f[4], ',')) {
        if (item.size() == 2 && item[1] == 'L') {
            last_days.push_back(item.substr(0, 1));
        } else {
            plain_days.push_back(item);
        }
    }
    const auto join = [](const std::vector<std::string>& items) {
        std::string text;
        for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
        return text;
    };
    const std::string head = f[0] + " " + f[1] + " " + day_of_month + " " + f[3] + " ";
    std::vector<CrontabEntry> entries;
    if (!plain_days.empty()) entries.push_back({head + join(plain_days), day_guard});
    if (!last_days.empty()) {
        entries.push_back({head + join(last_days), join_guards(day_guard, kLastWeekOfMonthGuard)});
    }
    return entries;
}

std::string escape_crontab_percent(const std::string& command) {
    std::string escaped;
    for (const char c : command) {
        if (c == '%') escaped += '\\';
        escaped += c;
    }
    return escaped;
}

}  // namespace opsctl
