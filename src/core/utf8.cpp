#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

}  // namespace

size_t utf8_sequence_length(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const size_t left = text.size() - at;
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // no overlong forms
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (left < length) return 0;
    if (byte(1) < low || byte(1) > high) return 0;
    for (size_t i = 2; i < length; ++i) {
        if (!is_continuation(byte(i))) return 0;
    }
    return length;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t at = 0;
    while (at < text.size()) {
        const size_t length = utf8_sequence_length(text, at);
        if (length == 0) {
            out += kUtf8Replacement;
            ++at;
        } else {
            out.append(text.substr(at, length));
            at += length;
        }
    }
    return out;
}

size_t utf8_length(std::string_view text) {
    size_t count = 0;
    for (const char c : text) {
        if (!is_continuation(static_cast<unsigned char>(c))) ++count;
    }
    return count;
}

std::string_view utf8_prefix(std::string_view text, size_t max_code_points) {
    size_t seen = 0;
    for (size_t at = 0; at < text.size(); ++at) {
        if (is_continuation(static_cast<unsigned char>(text[at]))) continue;
        if (seen == max_code_points) return text.substr(0, at);
        ++seen;
    }
    return text;
}

std::string utf8_shorten(std::string_view text, size_t max_code_points) {
    if (utf8_length(text) <= max_code_points) return std::string(text);
    if (max_code_points < 3) return std::string(utf8_prefix(text, max_code_points));
    return std::string(utf8_prefix(text, max_code_points - 3)) + "...";
}

}  // namespace opsctl
