#pragma once
// Durations as written in runbooks and on the command line: "500ms", "90s", "5m",
// "24h", "1d", "1w".

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace opsctl {

using Duration = std::chrono::milliseconds;

// The longest step timeout or --timeout: PostgreSQL's statement_timeout is a 32-bit
// count of milliseconds (about 24.8 days), and a deadline in steady_clock
// nanoseconds overflows near 16,000 weeks.
inline constexpr Duration kLongestTimeout = std::chrono::hours(24 * 24);

// Returns nullopt for anything that is not a positive integer followed by a unit.
std::optional<Duration> parse_duration(std::string_view text);

// The shortest exact form: 90000ms -> "90s", 86400000ms -> "1d".
std::string format_duration(Duration duration);

}  // namespace opsctl
