#include "opsctl/connect/sqlite_functions.h"

#include <sqlite3.h>

#include <cmath>
#include <string>

#include "opsctl/core/timestamp.h"
#include "opsctl/translate/dialect_translator.h"

namespace opsctl {

namespace {

std::string text_arg(sqlite3_value* value) {
    const auto* text = sqlite3_value_text(value);
    return text ? reinterpret_cast<const char*>(text) : "";
}

void set_timestamp_result(sqlite3_context* context, const Timestamp& ts) {
    const std::string text = ts.date_only ? format_date(ts) : format_timestamp(ts);
    sqlite3_result_text(context, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

bool read_timestamp(sqlite3_context* context, sqlite3_value* value, const char* function,
                    Timestamp& out) {
    const std::string text = text_arg(value);
    const auto parsed = parse_timestamp(text);
    if (!parsed) {
        const std::string message =
            std::string(function) + ": cannot read '" + text + "' as a date or timestamp";
        sqlite3_result_error(context, message.c_str(), -1);
        return false;
    }
    out = *parsed;
    return true;
}

bool read_part(sqlite3_context* context, sqlite3_value* value, const char* function,
               std::string& out) {
    out = canonical_date_part(text_arg(value));
    if (out.empty()) {
        const std::string message =
            std::string(function) + ": unknown date part '" + text_arg(value) + "'";
        sqlite3_result_error(context, message.c_str(), -1);
        return false;
    }
    return true;
}

void dateadd(sqlite3_context* context, int, sqlite3_value** args) {
    if (sqlite3_value_type(args[1]) == SQLITE_NULL || sqlite3_value_type(args[2]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    std::string part;
    Timestamp ts;
    if (!read_part(context, args[0], "DATEADD", part) ||
        !read_timestamp(context, args[2], "DATEADD", ts)) {
        return;
    }
    const double amount_value = sqlite3_value_double(args[1]);
    if (!std::isfinite(amount_value) || std::fabs(amount_value) > 1e9) {
        sqlite3_result_error(context, "DATEADD: the amount is out of range", -1);
        return;
    }
    const auto amount = static_cast<std::int64_t>(amount_value);
    if (part == "year" || part == "quarter" || part == "month") {
        const std::int64_t months = part == "year" ? 12 : part == "quarter" ? 3 : 1;
        set_timestamp_result(context, add_months(ts, amount * months));
        return;
    }
    static const std::pair<const char*, std::int64_t> kSeconds[] = {
        {"week", 7 * 86400}, {"day", 86400}, {"hour", 3600}, {"minute", 60}, {"second", 1}};
    for (const auto& [name, seconds] : kSeconds) {
        if (part != name) continue;
        ts.epoch_seconds += amount * seconds;
        // Adding hours to a date yields a timestamp, as in Snowflake.
        if (seconds < 86400) ts.date_only = false;
        set_timestamp_result(context, ts);
        return;
    }
}

void date_trunc(sqlite3_context* context, int, sqlite3_value** args) {
    if (sqlite3_value_type(args[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    std::string part;
    Timestamp ts;
    if (!read_part(context, args[0], "DATE_TRUNC", part) ||
        !read_timestamp(context, args[1], "DATE_TRUNC", ts)) {
        return;
    }
    set_timestamp_result(context, truncate_to(ts, part));
}

}  // namespace

int register_sqlite_date_functions(sqlite3* db) {
    constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    int rc = sqlite3_create_function(db, "DATEADD", 3, kFlags, nullptr, dateadd, nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_create_function(db, "DATE_TRUNC", 2, kFlags, nullptr, date_trunc, nullptr,
                                   nullptr);
}

}  // namespace opsctl
