#pragma once
// Schedules as documents write them ("8:00 AM", "Every 4 hours", "Every Sunday at
// 3:00 AM", "First Monday", "Last Friday, 3:00 PM", "15th", "Hourly", "Mondays at
// 06:00") read into a five-field cron expression and its words. Only what every word
// of the phrase says: a phrase with a word it cannot read ("Every other Tuesday",
// "9:00 EST") gives no schedule, with the reason, rather than a guess.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

struct ScheduleWords {
    std::set<int> hours;  // "06:00 and 18:00": one minute, several hours
    std::optional<int> minute;
    std::optional<int> times_said;  // "twice daily": the number of times the phrase names
    std::set<int> weekdays;         // 0 = Sunday ... 6 = Saturday
    std::optional<int> nth;         // 1..4: the nth of `weekdays` in the month
    bool last = false;              // the last of `weekdays` in the month
    std::set<int> month_days;       // 1..31
    std::optional<int> every_hours, every_minutes;
    bool daily = false, weekly = false, monthly = false;
    bool utc = false;  // "UTC", "GMT", "Z": cron reads hours in the machine's zone
    bool continuous = false, on_demand = false;
    std::vector<std::string> unknown;  // words that are not schedule words

    bool says_anything() const;
};

ScheduleWords read_schedule_words(std::string_view phrase);

// Both phrases of one schedule (a heading's "Monday:" and its "(9:00 AM)").
ScheduleWords combine(const ScheduleWords& a, const ScheduleWords& b);

struct Schedule {
    std::string cron;                // empty: on demand, or not understood
    std::string text;                // "Daily at 08:00", "Every 4 hours"
    std::vector<std::string> notes;  // assumptions and what could not be read
};

// The cron form of what the words say. A day without a time runs at 00:00, and the
// notes say so; a frequency without a day ("Weekly"), continuous monitoring or a word
// that is not understood gives no cron schedule and a note.
Schedule schedule_of(const ScheduleWords& words, std::string_view phrase);

}  // namespace opsctl
