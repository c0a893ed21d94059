#pragma once
// A SQL dialect as data: how one engine spells today's date and time, date
// arithmetic, truncation, casts and literals, and every clock it has. The translator
// reads nothing else, so a new dialect is one table in dialect_tables.cpp (and its
// golden renders), nothing more.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

// The date parts runbook SQL may name, in this order in every `Units` table.
inline constexpr std::array<std::string_view, 8> kDateParts{"year", "quarter", "month",  "week",
                                                            "day",  "hour",    "minute", "second"};

// One spelling per date part, in kDateParts order; empty: the dialect cannot.
using Units = std::array<std::string_view, 8>;

// What a clock reads, i.e. which literal replaces it under --as-of.
enum class ClockValue {
    Date,         // today
    Yesterday,    // today - 1 day
    Timestamp,    // the date and time
    Time,         // the time of day
    UnixSeconds,  // seconds since 1970-01-01 UTC
    Unpinnable,   // a clock no literal can stand for (timeofday(): text): refused
};

// How a clock may be written (several may hold).
enum ClockForm : unsigned {
    kBare = 1,           // CURRENT_DATE
    kCall = 2,           // NOW()
    kPrecision = 4,      // CURRENT_TIMESTAMP(3): one number argument
    kArgsNotAClock = 8,  // UNIX_TIMESTAMP(x) with arguments is a conversion, not a clock
    kOneArgument = 16,   // age(x) reads the clock; age(x, y) does not
};

struct Clock {
    std::string_view name;  // upper case; matched case-insensitively
    ClockValue value;
    unsigned forms;
    std::string_view instead = "CURRENT_TIMESTAMP";  // what to write for an unpinnable one
};

// A function that reads the clock when a time-value argument is the string 'now'
// (SQLite's date(), strftime(), ...), or when it has no time value at all.
struct NowArgumentFunction {
    std::string_view name;    // upper case
    size_t first_time_value;  // index of the first time-value argument
    bool defaults_to_now;     // date() alone reads the clock
};

// How an engine spells what a check evaluated inside it needs (evaluate/pushdown_query).
// A dialect whose `as_text` is empty has none: its steps are evaluated on the client.
struct PushdownSpellings {
    std::string_view as_text;       // {x} as the text the engine prints for it
    std::string_view byte_order;    // {x} as text that sorts by its bytes (for ORDER BY)
    std::string_view ascii_lower;   // {x} with A-Z lowered and nothing else
    std::string_view rtrim_blanks;  // {x} without its trailing blanks (' ' only)
    // The name of {x}'s type, read without scanning (a NULL of a LIMIT 0 result); empty:
    // values carry their own types (SQLite), checked row by row instead.
    std::string_view type_of;
    // Row by row: {x} holds what the predicate cannot decide exactly, so the step is
    // evaluated on the client instead; empty: the declared type decides.
    std::string_view undecided_number;  // {x} is no integer or float (text, blob)
    std::string_view undecided_text;    // {x} is no text
    std::string_view not_a_number;      // {x} is NaN in an exact-number column
    std::string_view undecided_time;    // {x} is a time the client cannot read (infinity)
    // What an unquoted name becomes: "lower", "upper", or "any" (matched ignoring case).
    std::string_view folds_unquoted;
};

struct Dialect {
    std::string_view name;
    std::vector<std::string_view> aliases;  // other names for it ("postgres")
    bool backslash_escapes;                 // '\'' escapes a quote inside a string

    // Placeholders: {x} the value, {n} the amount, {unit} the part's spelling from
    // the units table (which may itself hold {x} and {n}), {value} a literal's
    // text, {name} the function name as written.
    std::string_view current_date;       // CURRENT_DATE() without --as-of
    std::string_view current_timestamp;  // CURRENT_TIMESTAMP() without --as-of
    std::string_view date_literal;       // {value}: 2026-11-26
    std::string_view timestamp_literal;  // {value}: 2026-11-26 08:00:00 (UTC)
    std::string_view time_literal;       // {value}: 08:00:00; empty: no TIME type
    std::string_view cast_to_date;       // DATE(x)
    std::string_view date_add;           // DATEADD(unit, n, x)
    Units add_units;
    std::string_view date_trunc;  // DATE_TRUNC(unit, x); a week starts on Monday
    Units trunc_units;

    std::vector<Clock> clocks;
    std::vector<NowArgumentFunction> now_argument_functions;
    // 'now', 'today', 'tomorrow', 'yesterday' read the clock when cast to a date or
    // time ('now'::timestamp, DATE 'today'): PostgreSQL and its descendants.
    bool clock_strings_in_casts;

    PushdownSpellings pushdown{};
};

// Every dialect opsctl translates to, in the order `known_dialects()` lists them.
const std::vector<Dialect>& dialect_tables();

// The dialect named `name` (or one of its aliases); nullptr when there is none.
const Dialect* find_dialect(std::string_view name);

// "postgres" -> "postgresql"; a name that is no alias is returned as it is.
std::string canonical_dialect(std::string_view name);

bool is_known_dialect(std::string_view name);  // a name or an alias

// The canonical names, for messages and did-you-mean.
const std::vector<std::string>& known_dialects();

// Why `name` is no dialect, for the message of whoever read it: "unknown <what>
// \"postgress\" (did you mean \"postgres\"?)"; nullopt for a known name or alias.
std::optional<std::string> unknown_dialect(std::string_view name,
                                           std::string_view what = "dialect");

}  // namespace opsctl
