#pragma once
// Text from a warehouse or a shell step is bytes, not necessarily UTF-8. Formats
// that must be valid UTF-8 (XML, Nagios, Prometheus) repair it first, and cut
// long text only between code points, never inside one.

#include <string>
#include <string_view>

namespace opsctl {

// U+FFFD REPLACEMENT CHARACTER, what stands in for a byte that is not UTF-8.
inline constexpr std::string_view kUtf8Replacement = "\xEF\xBF\xBD";

// The length of the well-formed UTF-8 sequence starting at `text[at]` (1 to 4), or 0
// when the bytes there are not one (the Unicode standard's table of well-formed byte
// sequences: no overlong forms, surrogates or code points above U+10FFFF).
size_t utf8_sequence_length(std::string_view text, size_t at);

// `text` with every byte that does not start or belong to a well-formed UTF-8
// sequence (overlong forms, surrogates and code points above U+10FFFF included)
// replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

// The number of code points of valid UTF-8 `text`.
size_t utf8_length(std::string_view text);

// The longest prefix of valid UTF-8 `text` with at most `max_code_points` code
// points.
std::string_view utf8_prefix(std::string_view text, size_t max_code_points);

// `text` cut to at most `max_code_points` code points, ending with "..." when it
// was cut.
std::string utf8_shorten(std::string_view text, size_t max_code_points);

}  // namespace opsctl
