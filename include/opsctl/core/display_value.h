#pragma once
// Values as a person reads them in the text and Markdown reports: numbers rounded
// to what matters, time stamps without the noise, ages in days, hours and minutes.
// Display only: the evaluation and the JSON report keep the exact text.

#include <cstddef>
#include <string>
#include <string_view>

#include "opsctl/core/duration.h"

namespace opsctl {

// A decimal for people: integers exactly as written ("9223372036854775808"), other
// numbers rounded half away from zero to 2 decimals ("92.0096852300242131" ->
// "92.01"), or to 2 significant digits below 1 ("0.000123456" -> "0.00012"),
// below 1e-5 in exponent form ("1e-9"). Zeros lose their sign. Anything that is not
// a decimal (NaN, "Infinity", text) comes back unchanged.
std::string display_number(std::string_view text);

// `value` with just enough decimals to be on the same side of `threshold` as its
// exact text: "360.0004" against "360" is "360.0004", never "360".
std::string display_number_against(std::string_view value, std::string_view threshold);

// A time stamp for people: midnight UTC as a date ("2025-11-01"), else
// "2026-12-02 08:00 UTC" (seconds only when there are some). nullopt-free: text that
// is no time stamp comes back unchanged.
std::string display_timestamp(std::string_view text);

// A value from the warehouse for people: a number, a time stamp, or the text as is.
std::string display_value(std::string_view text);

// An age or a duration in its two largest units, cut (never rounded up, so an age is
// never overstated): "9h 33m" for 34437 s, "2d 3h", "5m 3s", "42s".
std::string display_age(Duration duration);

// `age` with as many units as it takes to show it is more than `limit`: 24h 30s
// against 24h is "1d 0h 0m 30s", never "1d".
std::string display_age_beyond(Duration age, Duration limit);

// "1 row", "2 rows", "0 rows".
std::string count_of(size_t count, std::string_view singular, std::string_view plural);

}  // namespace opsctl
