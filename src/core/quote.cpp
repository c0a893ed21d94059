#include "opsctl/core/quote.h"

#include <cstdio>

namespace opsctl {

namespace {

// The length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one
// (overlong forms, surrogates and code points past U+10FFFF are not).
size_t utf8_sequence_length(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    size_t length = 0;
    unsigned min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) min_second = 0xA0;
        if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) min_second = 0x90;
        if (lead == 0xF4) max_second = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
    for (size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return length;
}

std::string hex_escape(unsigned char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
    return buffer;
}

// `text` escaped up to `max_bytes`; `quotes`: escape '"' and '\\' as well.
std::string escaped(std::string_view text, size_t max_bytes, bool quotes) {
    std::string out;
    size_t i = 0;
    while (i < text.size() && i < max_bytes) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const size_t length = utf8_sequence_length(text, i);
            if (length == 0) {
                out += hex_escape(c);
                ++i;
            } else {
                if (i + length > max_bytes) break;  // never cut a character in two
                out.append(text.substr(i, length));
                i += length;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += quotes ? "\\\"" : "\"";
                break;
            case '\\':
                out += quotes ? "\\\\" : "\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out += hex_escape(c);
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    if (i < text.size())
        out += (quotes ? "\"...(" : "...(") + std::to_string(text.size()) + " bytes)";
    else if (quotes)
        out += '"';
    return out;
}

}  // namespace

std::string quote_value(std::string_view text, size_t max_bytes) {
    return "\"" + escaped(text, max_bytes, true);
}

std::string one_line(std::string_view message, size_t max_bytes) {
    return escaped(message, max_bytes, false);
}

}  // namespace opsctl
