#include "opsctl/evaluate/kept_value.h"

#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

std::string_view utf8_prefix_bytes(std::string_view text, size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    // The start of the sequence the cut falls in: at most 3 continuation bytes back.
    size_t start = max_bytes;
    while (start > 0 && max_bytes - start < 3 &&
           is_continuation(static_cast<unsigned char>(text[start]))) {
        --start;
    }
    const size_t length = utf8_sequence_length(text, start);
    if (length > 0 && start + length > max_bytes) return text.substr(0, start);
    return text.substr(0, max_bytes);
}

Cell kept_cell(const Cell& cell) {
    if (cell.is_null || cell.text.size() <= kKeptValueBytes) return cell;
    Cell kept{false, std::string(utf8_prefix_bytes(cell.text, kKeptValueBytes))};
    kept.full_bytes = cell.text.size();
    return kept;
}

std::optional<std::string> kept_value(const Cell& cell, size_t& full_bytes) {
    full_bytes = 0;
    if (cell.is_null) return std::nullopt;
    if (cell.text.size() <= kKeptValueBytes) return cell.text;
    full_bytes = cell.text.size();
    return std::string(utf8_prefix_bytes(cell.text, kKeptValueBytes));
}

std::string kept_text(std::string_view text) {
    if (text.size() <= kKeptValueBytes) return std::string(text);
    return std::string(utf8_prefix_bytes(text, kKeptValueBytes)) + "\u2026(" +
           std::to_string(text.size()) + " bytes)";
}

}  // namespace opsctl
