#pragma once
// What a report keeps of one warehouse value: at most kKeptValueBytes, cut between
// UTF-8 characters, with the value's full length beside it. Memory and report size
// are then bounded by the values kept times this cap, whatever one value's size.
// Values are evaluated whole before they are cut: only what is kept is cut.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "opsctl/connect/row_sink.h"

namespace opsctl {

inline constexpr size_t kKeptValueBytes = 4096;

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside
// a well-formed UTF-8 sequence (bytes that are not UTF-8 are cut like single bytes).
std::string_view utf8_prefix_bytes(std::string_view text, size_t max_bytes);

// `cell` as kept for a report: its text cut to kKeptValueBytes, and full_bytes set
// to the whole length when it was cut. A NULL stays NULL.
Cell kept_cell(const Cell& cell);

// The text of `cell` as kept (nullopt for NULL); `full_bytes` becomes the whole
// length when it was cut, else 0.
std::optional<std::string> kept_value(const Cell& cell, size_t& full_bytes);

// For text that is shown, not a value (a key, a threshold, a reason): cut to
// kKeptValueBytes with "…(N bytes)" after it.
std::string kept_text(std::string_view text);

}  // namespace opsctl
