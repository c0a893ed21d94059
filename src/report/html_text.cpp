#include "opsctl/report/html_text.h"

#include <algorithm>

#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

// Code points HTML5 does not allow as text: C0 and C1 controls other than
// whitespace, DEL, and the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF.
bool disallowed_in_html(std::string_view sequence) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(sequence[i]); };
    if (sequence.size() == 1) {
        const unsigned char c = byte(0);
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
    }
    if (sequence.size() == 2) return byte(0) == 0xC2 && byte(1) < 0xA0;  // U+0080..U+009F
    const unsigned char last = byte(sequence.size() - 1);
    if (sequence.size() == 3) {
        if (byte(0) == 0xEF && byte(1) == 0xB7) return last >= 0x90 && last <= 0xAF;
        return byte(0) == 0xEF && byte(1) == 0xBF && last >= 0xBE;  // U+FFFE, U+FFFF
    }
    return (byte(1) & 0x0F) == 0x0F && byte(2) == 0xBF && last >= 0xBE;  // U+1FFFE, ...
}

}  // namespace

std::string html_escape(std::string_view text) {
    const std::string repaired = repair_utf8(text);
    std::string out;
    out.reserve(repaired.size() + repaired.size() / 8);
    for (size_t i = 0; i < repaired.size();) {
        const size_t length = std::max<size_t>(1, utf8_sequence_length(repaired, i));
        const std::string_view sequence(repaired.data() + i, length);
        i += length;
        if (disallowed_in_html(sequence)) {
            out += kUtf8Replacement;
            continue;
        }
        switch (sequence[0]) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += sequence;
        }
    }
    return out;
}

std::string script_json(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
                   (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace opsctl
