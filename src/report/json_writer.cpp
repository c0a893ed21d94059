#include "opsctl/report/json_writer.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

constexpr size_t kFlushAt = size_t{64} * 1024;

// The escape of an ASCII byte, or an empty view when it stands for itself.
std::string_view short_escape(unsigned char byte) {
    switch (byte) {
        case '"':
            return "\\\"";
        case '\\':
            return "\\\\";
        case '\b':
            return "\\b";
        case '\f':
            return "\\f";
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        default:
            return {};
    }
}

}  // namespace

JsonWriter::JsonWriter(std::ostream& out) : out_(out) {
    buffer_.reserve(kFlushAt + 4096);
}

void JsonWriter::new_line() {
    buffer_ += '\n';
    buffer_.append(levels_.size() * 2, ' ');
}

// A member or an element: after a comma if the container has one already, on a line
// of its own.
void JsonWriter::next_item() {
    if (levels_.back().has_items) buffer_ += ',';
    levels_.back().has_items = true;
    new_line();
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;  // the document itself
    next_item();                  // an array element
}

void JsonWriter::key(std::string_view name) {
    next_item();
    append_quoted(name);
    buffer_ += ": ";
    after_key_ = true;
}

void JsonWriter::begin_object() {
    open('{');
}

void JsonWriter::end_object() {
    close('}');
}

void JsonWriter::begin_array() {
    open('[');
}

void JsonWriter::end_array() {
    close(']');
}

void JsonWriter::open(char bracket) {
    before_value();
    buffer_ += bracket;
    levels_.emplace_back();
}

void JsonWriter::close(char bracket) {
    // An empty object or array stays on one line: {} and [], as dump(2) writes them.
    const bool had_items = levels_.back().has_items;
    levels_.pop_back();
    if (had_items) new_line();
    buffer_ += bracket;
    flush_if_large();
}

void JsonWriter::string(std::string_view text) {
    before_value();
    append_quoted(text);
    flush_if_large();
}

void JsonWriter::integer(std::int64_t number) {
    before_value();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    buffer_.append(digits, result.ptr);
}

void JsonWriter::number(double value) {
    before_value();
    // nlohmann's own shortest round-trip formatting, so "1e12" stays 1000000000000.0.
    buffer_ += nlohmann::json(value).dump();
}

namespace {

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, the grammar of RFC 8259.
bool is_json_number(std::string_view text) {
    size_t i = 0;
    const auto digits = [&] {
        const size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    if (i < text.size() && text[i] == '-') ++i;
    if (i < text.size() && text[i] == '0') {
        ++i;
    } else if (digits() == 0) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0) return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

}  // namespace

void JsonWriter::exact_number(std::string_view text) {
    if (!is_json_number(text)) {
        string(text);
        return;
    }
    before_value();
    buffer_ += text;
}

void JsonWriter::null() {
    before_value();
    buffer_ += "null";
}

void JsonWriter::finish() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

void JsonWriter::flush_if_large() {
    if (buffer_.size() >= kFlushAt) finish();
}

void JsonWriter::append_quoted(std::string_view text) {
    buffer_ += '"';
    size_t plain_from = 0;  // the start of bytes not yet copied that need no escape
    size_t at = 0;
    const auto copy_plain = [&] { buffer_.append(text.data() + plain_from, at - plain_from); };
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x80) {
            const size_t length = utf8_sequence_length(text, at);
            if (length > 0) {
                at += length;
                continue;
            }
            copy_plain();
            buffer_ += kUtf8Replacement;
            plain_from = ++at;
            continue;
        }
        if (byte >= 0x20 && byte != '"' && byte != '\\') {
            ++at;
            continue;
        }
        copy_plain();
        const std::string_view escape = short_escape(byte);
        if (!escape.empty()) {
            buffer_ += escape;
        } else {
            static constexpr char kHex[] = "0123456789abcdef";
            buffer_ += "\\u00";
            buffer_ += kHex[byte >> 4];
            buffer_ += kHex[byte & 0x0F];
        }
        plain_from = ++at;
    }
    copy_plain();
    buffer_ += '"';
}

}  // namespace opsctl
