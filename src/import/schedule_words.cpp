#include "opsctl/import/schedule_words.h"

#include <array>
#include <cctype>
#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

constexpr std::array<const char*, 7> kDayNames = {"sunday",   "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};
constexpr std::array<const char*, 7> kDayTitles = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
constexpr std::array<const char*, 4> kOrdinalWords = {"first", "second", "third", "fourth"};
constexpr std::array kFillers = {"every", "each", "at", "on", "the", "of",  "month",
                                 "in",    "and",  "a",  "an", "per", "once"};

std::vector<std::string> tokens_of(std::string_view phrase) {
    std::vector<std::string> tokens;
    std::string token;
    for (const char c : ascii_lower(phrase)) {
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '(' || c == ')' ||
            c == '/' || c == '&' || c == ';' || c == '+') {
            if (!token.empty()) tokens.push_back(token);
            token.clear();
        } else {
            token += c;
        }
    }
    if (!token.empty()) tokens.push_back(token);
    return tokens;
}

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

std::optional<int> weekday_of(std::string word) {
    if (word.size() > 1 && word.back() == 's') word.pop_back();  // "mondays"
    for (int day = 0; day < 7; ++day) {
        const std::string name = kDayNames[static_cast<size_t>(day)];
        if (word == name || (word.size() == 3 && name.substr(0, 3) == word)) return day;
    }
    if (word == "tues") return 2;
    if (word == "thur" || word == "thurs") return 4;
    return std::nullopt;
}

// "15th", "1st", "22nd", "3rd" -> the number.
std::optional<int> ordinal_number(std::string_view word) {
    if (word.size() < 3) return std::nullopt;
    const std::string_view suffix = word.substr(word.size() - 2);
    if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return std::nullopt;
    const std::string_view digits = word.substr(0, word.size() - 2);
    if (!all_digits(digits) || digits.size() > 2) return std::nullopt;
    return std::stoi(std::string(digits));
}

struct ClockTime {
    int hour;
    int minute;
};

// "8:00", "14:30", "8", "8am", "8:00pm"; `meridiem` is the next token ("am", "p.m.").
std::optional<ClockTime> clock_time(std::string word, const std::string& meridiem,
                                    bool& used_meridiem) {
    used_meridiem = false;
    std::string suffix;
    for (const char* marker : {"am", "pm", "a.m.", "p.m."}) {
        const std::string m = marker;
        if (word.size() > m.size() && word.compare(word.size() - m.size(), m.size(), m) == 0) {
            suffix = m;
            word.erase(word.size() - m.size());
            break;
        }
    }
    if (suffix.empty() &&
        (meridiem == "am" || meridiem == "pm" || meridiem == "a.m." || meridiem == "p.m.")) {
        suffix = meridiem;
        used_meridiem = true;
    }
    const size_t colon = word.find(':');
    const std::string hours = word.substr(0, colon);
    const std::string minutes = colon == std::string::npos ? "00" : word.substr(colon + 1);
    if (!all_digits(hours) || hours.size() > 2 || !all_digits(minutes) || minutes.size() != 2) {
        return std::nullopt;
    }
    if (colon == std::string::npos && suffix.empty()) return std::nullopt;  // a bare number
    int hour = std::stoi(hours);
    const int minute = std::stoi(minutes);
    if (minute > 59) return std::nullopt;
    if (!suffix.empty()) {
        if (hour < 1 || hour > 12) return std::nullopt;
        const bool pm = suffix[0] == 'p';
        hour = hour % 12 + (pm ? 12 : 0);
    }
    if (hour > 23) return std::nullopt;
    return ClockTime{hour, minute};
}

class WordReader {
  public:
    explicit WordReader(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

    ScheduleWords read() {
        for (index_ = 0; index_ < tokens_.size(); ++index_) read_token(tokens_[index_]);
        return words_;
    }

  private:
    const std::string& next(size_t ahead = 1) const {
        static const std::string none;
        return index_ + ahead < tokens_.size() ? tokens_[index_ + ahead] : none;
    }

    bool is_filler(const std::string& token) const {
        for (const char* filler : kFillers) {
            if (token == filler) return true;
        }
        return false;
    }

    void read_token(const std::string& token) {
        if (read_interval(token) || read_word(token) || read_day(token) || read_time(token)) {
            return;
        }
        if (!is_filler(token)) words_.unknown.push_back(token);
    }

    // "every 4 hours", "every 15 minutes", "every hour", "hourly".
    bool read_interval(const std::string& token) {
        if (token == "hourly" || (token == "every" && is_hour_unit(next()))) {
            words_.every_hours = 1;
            if (token == "every") ++index_;
            return true;
        }
        if (token == "every" && all_digits(next()) && next().size() <= 3) {
            const int n = std::stoi(next());
            if (is_hour_unit(next(2))) {
                words_.every_hours = n;
            } else if (is_minute_unit(next(2))) {
                words_.every_minutes = n;
            } else {
                return false;
            }
            index_ += 2;
            return true;
        }
        if (token == "every" && is_minute_unit(next())) {
            words_.every_minutes = 1;
            ++index_;
            return true;
        }
        return false;
    }

    static bool is_hour_unit(const std::string& word) {
        return word == "hour" || word == "hours" || word == "hr" || word == "hrs" || word == "h";
    }
    static bool is_minute_unit(const std::string& word) {
        return word == "minute" || word == "minutes" || word == "min" || word == "mins";
    }

    bool read_word(const std::string& token) {
        if (token == "daily" || token == "nightly" || (token == "every" && next() == "day")) {
            words_.daily = true;
            if (token == "every") ++index_;
            return true;
        }
        if (token == "weekly") return words_.weekly = true;
        if (token == "monthly") return words_.monthly = true;
        if (token == "continuous" || token == "continuously" || token == "real-time" ||
            token == "realtime") {
            return words_.continuous = true;
        }
        if (token == "on-demand" || (token == "on" && next() == "demand") || token == "ad-hoc") {
            if (token == "on") ++index_;
            return words_.on_demand = true;
        }
        if (token == "utc" || token == "gmt" || token == "z") return words_.utc = true;
        if (token == "twice" || token == "thrice") {
            words_.times_said = token == "twice" ? 2 : 3;
            return true;
        }
        if (token == "noon" || token == "midday") return set_time(12, 0);
        if (token == "midnight") return set_time(0, 0);
        return false;
    }

    bool read_day(const std::string& token) {
        if (token == "weekdays" || token == "weekday") {
            for (int day = 1; day <= 5; ++day) words_.weekdays.insert(day);
            return true;
        }
        if (const auto day = weekday_of(token)) {
            words_.weekdays.insert(*day);
            return true;
        }
        for (size_t n = 0; n < kOrdinalWords.size(); ++n) {
            if (token == kOrdinalWords[n] && weekday_of(next())) {
                words_.nth = static_cast<int>(n) + 1;
                return true;
            }
        }
        if (token == "last" && weekday_of(next())) return words_.last = true;
        if (const auto number = ordinal_number(token)) {
            if (weekday_of(next()) && *number >= 1 && *number <= 4) {
                words_.nth = *number;
                return true;
            }
            if (*number < 1 || *number > 31) return false;
            words_.month_days.insert(*number);
            return true;
        }
        return false;
    }

    bool read_time(const std::string& token) {
        bool used_meridiem = false;
        const auto time = clock_time(token, next(), used_meridiem);
        if (!time) return false;
        if (used_meridiem) ++index_;
        return set_time(time->hour, time->minute);
    }

    // One cron line holds several hours only when they share their minute.
    bool set_time(int hour, int minute) {
        if (words_.minute && *words_.minute != minute) {
            words_.unknown.push_back("a second time of day at another minute");
        }
        words_.hours.insert(hour);
        words_.minute = minute;
        return true;
    }

    std::vector<std::string> tokens_;
    size_t index_ = 0;
    ScheduleWords words_;
};

std::string two_digits(int n) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d", n);
    return buffer;
}

std::string ordinal_suffix(int n) {
    if (n % 100 >= 11 && n % 100 <= 13) return "th";
    if (n % 10 == 1) return "st";
    if (n % 10 == 2) return "nd";
    if (n % 10 == 3) return "rd";
    return "th";
}

std::string day_list(const std::set<int>& days) {
    return fmt::format("{}", fmt::join(days, ","));
}

std::string day_names(const std::set<int>& days, const char* plural) {
    std::string text;
    size_t i = 0;
    for (const int day : days) {
        if (i > 0) text += i + 1 == days.size() ? " and " : ", ";
        text += std::string(kDayTitles[static_cast<size_t>(day)]) + plural;
        ++i;
    }
    return text;
}

// The day part: cron's day-of-month and day-of-week fields and the words.
struct DayPart {
    std::string month_days = "*";
    std::string weekdays = "*";
    std::string text;
};

std::optional<DayPart> day_part(const ScheduleWords& words, std::vector<std::string>& notes) {
    DayPart part;
    const bool has_days = !words.weekdays.empty();
    if ((words.nth || words.last) && words.weekdays.size() == 1) {
        const int day = *words.weekdays.begin();
        if (words.last) {
            part.weekdays = std::to_string(day) + "L";
            part.text =
                "Last " + std::string(kDayTitles[static_cast<size_t>(day)]) + " of the month";
        } else {
            const int first = (*words.nth - 1) * 7 + 1;
            part.month_days = std::to_string(first) + "-" + std::to_string(first + 6);
            part.weekdays = std::to_string(day);
            part.text = std::string(kOrdinalWords[static_cast<size_t>(*words.nth - 1)]) + " " +
                        kDayTitles[static_cast<size_t>(day)] + " of the month";
            part.text[0] =
                static_cast<char>(std::toupper(static_cast<unsigned char>(part.text[0])));
        }
        return part;
    }
    if (words.nth || words.last) {
        notes.push_back("\"first\"/\"last\" needs exactly one weekday");
        return std::nullopt;
    }
    if (!words.month_days.empty() && has_days) {
        notes.push_back("both a day of the month and a weekday");
        return std::nullopt;
    }
    if (!words.month_days.empty()) {
        part.month_days = day_list(words.month_days);
        std::vector<std::string> ordinals;
        for (const int day : words.month_days) {
            ordinals.push_back(std::to_string(day) + ordinal_suffix(day));
        }
        part.text = fmt::format("{} of the month", fmt::join(ordinals, " and "));
        return part;
    }
    if (has_days) {
        const bool working_week = words.weekdays == std::set<int>{1, 2, 3, 4, 5};
        part.weekdays = working_week ? "1-5" : day_list(words.weekdays);
        part.text = working_week ? "Weekdays" : day_names(words.weekdays, "s");
        return part;
    }
    if (words.weekly || words.monthly) {
        notes.push_back(std::string(words.weekly ? "\"weekly\"" : "\"monthly\"") +
                        " names no day: not scheduled, choose one");
        return std::nullopt;
    }
    part.text = "Daily";
    return part;
}

Schedule interval_schedule(const ScheduleWords& words) {
    Schedule schedule;
    if (words.every_minutes) {
        const int n = *words.every_minutes;
        schedule.cron = n == 1 ? "* * * * *" : "*/" + std::to_string(n) + " * * * *";
        schedule.text = n == 1 ? "Every minute" : "Every " + std::to_string(n) + " minutes";
        if (60 % n != 0) {
            schedule.notes.push_back("cron restarts */" + std::to_string(n) +
                                     " at every full hour: the gap before it is shorter");
        }
        return schedule;
    }
    const int n = *words.every_hours;
    const int minute = words.minute.value_or(0);
    schedule.cron =
        std::to_string(minute) + (n == 1 ? " * * * *" : " */" + std::to_string(n) + " * * *");
    schedule.text = n == 1 ? "Hourly" : "Every " + std::to_string(n) + " hours";
    if (24 % n != 0) {
        schedule.notes.push_back("cron restarts */" + std::to_string(n) +
                                 " at midnight: the gap before it is shorter");
    }
    return schedule;
}

}  // namespace

bool ScheduleWords::says_anything() const {
    return !hours.empty() || !weekdays.empty() || nth || last || !month_days.empty() ||
           every_hours || every_minutes || daily || weekly || monthly || continuous || on_demand;
}

ScheduleWords read_schedule_words(std::string_view phrase) {
    return WordReader(tokens_of(phrase)).read();
}

ScheduleWords combine(const ScheduleWords& a, const ScheduleWords& b) {
    ScheduleWords both = a;
    if (b.minute) {
        if (both.minute && *both.minute != *b.minute) {
            both.unknown.push_back("a second time of day at another minute");
        }
        both.hours.insert(b.hours.begin(), b.hours.end());
        both.minute = b.minute;
    }
    if (b.times_said) both.times_said = b.times_said;
    both.weekdays.insert(b.weekdays.begin(), b.weekdays.end());
    if (b.nth) both.nth = b.nth;
    both.last = both.last || b.last;
    both.month_days.insert(b.month_days.begin(), b.month_days.end());
    if (b.every_hours) both.every_hours = b.every_hours;
    if (b.every_minutes) both.every_minutes = b.every_minutes;
    both.daily = both.daily || b.daily;
    both.utc = both.utc || b.utc;
    both.weekly = both.weekly || b.weekly;
    both.monthly = both.monthly || b.monthly;
    both.continuous = both.continuous || b.continuous;
    both.on_demand = both.on_demand || b.on_demand;
    both.unknown.insert(both.unknown.end(), b.unknown.begin(), b.unknown.end());
    return both;
}

Schedule schedule_of(const ScheduleWords& words, std::string_view phrase) {
    Schedule schedule;
    const std::string quoted = "\"" + std::string(phrase) + "\"";
    if (!words.unknown.empty()) {
        schedule.text = std::string(phrase);
        schedule.notes.push_back("schedule " + quoted + " not understood (\"" +
                                 words.unknown.front() + "\"): not scheduled");
        return schedule;
    }
    if (words.continuous || words.on_demand) {
        schedule.text = std::string(phrase);
        schedule.notes.push_back(
            words.continuous ? "continuous monitoring has no cron schedule: choose an interval"
                             : "on demand: not scheduled");
        return schedule;
    }
    if (words.every_hours || words.every_minutes) {
        if (!words.weekdays.empty() || !words.month_days.empty() || words.nth || words.last) {
            schedule.text = std::string(phrase);
            schedule.notes.push_back("schedule " + quoted +
                                     " combines an interval with days: not scheduled");
            return schedule;
        }
        return interval_schedule(words);
    }
    const std::optional<DayPart> day = day_part(words, schedule.notes);
    if (!day) {
        schedule.text = std::string(phrase);
        return schedule;
    }
    if (words.times_said && static_cast<size_t>(*words.times_said) != words.hours.size()) {
        schedule.text = std::string(phrase);
        schedule.notes.push_back("schedule " + quoted + " says " +
                                 std::to_string(*words.times_said) + " times but names " +
                                 std::to_string(words.hours.size()) + ": not scheduled");
        return schedule;
    }
    const std::set<int> hours = words.hours.empty() ? std::set<int>{0} : words.hours;
    const int minute = words.minute.value_or(0);
    std::vector<std::string> times;
    for (const int hour : hours) times.push_back(two_digits(hour) + ":" + two_digits(minute));
    schedule.cron = std::to_string(minute) + " " + day_list(hours) + " " + day->month_days + " * " +
                    day->weekdays;
    schedule.text = fmt::format("{} at {}", day->text, fmt::join(times, " and "));
    if (words.utc) {
        schedule.notes.push_back("schedule " + quoted +
                                 " is in UTC: cron reads the hours in the machine's time zone");
    }
    if (words.hours.empty()) {
        schedule.text += " (no time in the document)";
        schedule.notes.push_back("schedule " + quoted + " names no time of day: 00:00 assumed");
    }
    return schedule;
}

}  // namespace opsctl
