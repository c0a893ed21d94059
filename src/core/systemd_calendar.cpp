#include "opsctl/core/systemd_calendar.h"

#include <array>
#include <set>
#include <sstream>
#include <stdexcept>

#include "opsctl/core/cron.h"

namespace opsctl {

namespace {

constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string two_digits(int value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

// "*" for every value of min..max, else a list with runs of three or more as "a..b".
std::string calendar_values(const std::set<int>& values, int min, int max) {
    if (static_cast<int>(values.size()) == max - min + 1) return "*";
    std::string text;
    for (auto it = values.begin(); it != values.end();) {
        auto last = it;
        while (std::next(last) != values.end() && *std::next(last) == *last + 1) ++last;
        if (!text.empty()) text += ',';
        if (*last - *it >= 2) {
            text += two_digits(*it) + ".." + two_digits(*last);
            it = std::next(last);
        } else {
            text += two_digits(*it);
            ++it;
        }
    }
    return text;
}

// Plain weekdays 0-7 (0 and 7 are Sunday) as "Mon,Wed"; empty for every day.
std::string weekday_names(const std::set<int>& days) {
    std::set<int> folded;
    for (const int day : days) folded.insert(day % 7);
    if (folded.size() == 7) return "";
    std::string names;
    for (const int day : folded) names += (names.empty() ? "" : ",") + std::string(kWeekdays[day]);
    return names;
}

struct CronFields {
    std::string minute, hour, day_of_month, month, day_of_week;
};

CronFields split_fields(std::string_view expression) {
    if (auto problem = check_cron_expression(expression)) throw std::invalid_argument(*problem);
    std::istringstream stream{std::string(expression)};
    CronFields f;
    stream >> f.minute >> f.hour >> f.day_of_month >> f.month >> f.day_of_week;
    return f;
}

// The "NL" items of a day-of-week field, as weekdays 0-6.
std::set<int> last_weekdays(const std::string& field) {
    std::set<int> days;
    std::istringstream items(field);
    for (std::string item; std::getline(items, item, ',');) {
        if (item.size() == 2 && item[1] == 'L') days.insert((item[0] - '0') % 7);
    }
    return days;
}

}  // namespace

std::vector<std::string> systemd_on_calendar(std::string_view expression) {
    const CronFields f = split_fields(expression);
    const std::string time = calendar_values(cron_field_values(f.hour, 0, 23), 0, 23) + ":" +
                             calendar_values(cron_field_values(f.minute, 0, 59), 0, 59) + ":00";
    const std::string month = calendar_values(cron_field_values(f.month, 1, 12), 1, 12);
    const std::set<int> plain_days = cron_field_values(f.day_of_week, 0, 7);
    const std::set<int> last_days = last_weekdays(f.day_of_week);

    std::vector<std::string> values;
    if (!plain_days.empty()) {
        const std::string weekdays = weekday_names(plain_days);
        const std::string day = calendar_values(cron_field_values(f.day_of_month, 1, 31), 1, 31);
        values.push_back((weekdays.empty() ? "" : weekdays + " ") + "*-" + month + "-" + day + " " +
                         time);
    }
    if (!last_days.empty() && f.day_of_month != "*") {
        throw std::invalid_argument("a last weekday (NL) with a day of month (" + f.day_of_month +
                                    ") has no systemd OnCalendar form");
    }
    for (const int day : last_days) {
        values.push_back(std::string(kWeekdays[day]) + " *-" + month + "~07/1 " + time);
    }
    return values;
}

}  // namespace opsctl
