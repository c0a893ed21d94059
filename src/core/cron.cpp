#include "opsctl/core/cron.h"

#include <array>
#include <charconv>
#include <sstream>
#include <vector>

namespace opsctl {

namespace {

struct FieldSpec {
    const char* name;
    int min;
    int max;
};

constexpr std::array<FieldSpec, 5> kFields{{{"minute", 0, 59},
                                            {"hour", 0, 23},
                                            {"day-of-month", 1, 31},
                                            {"month", 1, 12},
                                            {"day-of-week", 0, 7}}};

bool parse_int(std::string_view text, int& out) {
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

std::optional<std::string> check_part(std::string_view part, const FieldSpec& spec,
                                      bool is_day_of_week) {
    const auto bad = [&](const std::string& why) {
        return std::string(spec.name) + " field \"" + std::string(part) + "\": " + why;
    };
    std::string_view range = part;
    if (const auto slash = part.find('/'); slash != std::string_view::npos) {
        int step = 0;
        if (!parse_int(part.substr(slash + 1), step) || step <= 0) {
            return bad("the step after / must be a positive number");
        }
        range = part.substr(0, slash);
    }
    if (range == "*") return std::nullopt;
    if (is_day_of_week && range.size() == 2 && range[1] == 'L') {
        const int weekday = range[0] - '0';
        if (weekday < 0 || weekday > 7) return bad("NL needs a weekday 0-7 before L");
        return std::nullopt;
    }
    int low = 0, high = 0;
    if (const auto dash = range.find('-'); dash != std::string_view::npos) {
        if (!parse_int(range.substr(0, dash), low) || !parse_int(range.substr(dash + 1), high)) {
            return bad("a range is two numbers, like 1-5");
        }
        if (low > high) return bad("the range runs backwards");
    } else {
        if (!parse_int(range, low)) return bad("expected a number, *, a range, a list or a step");
        high = low;
    }
    if (low < spec.min || high > spec.max) {
        return bad("out of range " + std::to_string(spec.min) + "-" + std::to_string(spec.max));
    }
    return std::nullopt;
}

}  // namespace

std::set<int> cron_field_values(std::string_view field, int min, int max) {
    std::set<int> values;
    std::string_view rest = field;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        std::string_view range = item;
        int step = 1;
        const auto slash = item.find('/');
        if (slash != std::string_view::npos) {
            parse_int(item.substr(slash + 1), step);
            range = item.substr(0, slash);
        }
        int low = min, high = max;
        if (range.size() == 2 && range[1] == 'L') {
            high = low - 1;  // "NL": not a plain value
        } else if (range != "*") {
            const auto dash = range.find('-');
            parse_int(range.substr(0, dash), low);
            if (dash != std::string_view::npos) {
                parse_int(range.substr(dash + 1), high);
            } else if (slash == std::string_view::npos) {
                high = low;  // "5/10" runs from 5 to max, as cron reads it
            }
        }
        for (int value = low; value <= high && step > 0; value += step) values.insert(value);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return values;
}

std::optional<std::string> check_cron_expression(std::string_view expression) {
    std::istringstream stream{std::string(expression)};
    std::vector<std::string> fields;
    for (std::string field; stream >> field;) fields.push_back(field);
    if (fields.size() != kFields.size()) {
        return "expected five fields (minute hour day-of-month month day-of-week), found " +
               std::to_string(fields.size());
    }
    for (size_t i = 0; i < fields.size(); ++i) {
        std::string_view rest = fields[i];
        while (true) {
            const auto comma = rest.find(',');
            if (auto problem = check_part(rest.substr(0, comma), kFields[i], i == 4))
                return problem;
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
    }
    return std::nullopt;
}

}  // namespace opsctl
