#pragma once
// Text from files, the command line or a warehouse, made fit for a one-line error
// message: whatever it holds (newlines, control or invalid UTF-8 bytes, megabytes),
// the quoted form is one short line of valid UTF-8.

#include <cstddef>
#include <string>
#include <string_view>

namespace opsctl {

// `text` in double quotes, with '"', '\\' and control characters escaped (\n, \t,
// \x01), invalid UTF-8 bytes as \xNN, and anything past `max_bytes` of input cut at a
// character boundary and replaced by "...(N bytes)".
std::string quote_value(std::string_view text, size_t max_bytes = 80);

// A message made one line of valid UTF-8: newlines and control characters escaped,
// invalid UTF-8 bytes as \xNN, cut after `max_bytes` with "...(N bytes)". Quotes are
// kept as they are: the message is already written for a reader.
std::string one_line(std::string_view message, size_t max_bytes = 2000);

}  // namespace opsctl
