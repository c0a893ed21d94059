#include "opsctl/core/terminal_text.h"

#include <fmt/format.h>

#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

bool is_c0_or_del(unsigned char byte) {
    return (byte < 0x20 && byte != '\t') || byte == 0x7F;
}

// U+0080 to U+009F are encoded as C2 80 to C2 9F.
bool is_c1_at(std::string_view text, size_t at) {
    return static_cast<unsigned char>(text[at]) == 0xC2 && at + 1 < text.size() &&
           static_cast<unsigned char>(text[at + 1]) <= 0x9F;
}

std::string hex_escape(unsigned code_point) {
    return fmt::format("\\x{:02x}", code_point);
}

std::string joined_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF: one space
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
}

}  // namespace

std::string terminal_text(std::string_view raw) {
    const std::string text = repair_utf8(raw);
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (is_c0_or_del(byte)) {
            out += hex_escape(byte);
        } else if (is_c1_at(text, at)) {
            out += hex_escape(static_cast<unsigned char>(text[at + 1]));
            ++at;
        } else {
            out += text[at];
        }
    }
    return out;
}

std::string terminal_line(std::string_view text, size_t max_code_points) {
    return terminal_text(joined_lines(utf8_shorten(repair_utf8(text), max_code_points)));
}

bool has_control_character(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7f) return true;
        // U+0080 to U+009F are encoded 0xC2 0x80 to 0xC2 0x9F.
        if (byte == 0xc2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            return true;
        }
    }
    return false;
}

}  // namespace opsctl
