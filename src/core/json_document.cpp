#include "opsctl/core/json_document.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <iterator>

#include "opsctl/core/quote.h"

namespace opsctl {

namespace {

// A char iterator that publishes how far the parser has read, so that each SAX
// event can be placed in the source text.
class CountingIterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    CountingIterator() = default;
    CountingIterator(const char* base, const char* position, size_t* consumed)
        : base_(base), position_(position), consumed_(consumed) {}

    reference operator*() const { return *position_; }
    CountingIterator& operator++() {
        ++position_;
        *consumed_ = static_cast<size_t>(position_ - base_);
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const CountingIterator& other) const { return position_ == other.position_; }
    bool operator!=(const CountingIterator& other) const { return position_ != other.position_; }

  private:
    const char* base_ = nullptr;
    const char* position_ = nullptr;
    size_t* consumed_ = nullptr;
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The first pass: builds the DOM without positions and gives up at the first syntax
// error, broken limit or duplicate key, leaving the explaining to the positional pass.
class PlainDomBuilder {
  public:
    using json = nlohmann::json;

    json root;
    std::map<const json*, std::string> number_spellings;

    bool null() { return add(json(nullptr)); }
    bool boolean(bool value) { return add(json(value)); }
    bool number_integer(json::number_integer_t value) { return add(json(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return add(json(value)); }
    bool number_float(json::number_float_t value, const json::string_t& spelling) {
        const bool in_object = !stack_.empty() && stack_.back()->is_object();
        const json* placed = place(json(value));
        if (in_object) number_spellings.emplace(placed, spelling);
        return true;
    }
    bool string(json::string_t& value) {
        return value.size() <= JsonDocument::kMaxStringBytes && add(json(std::move(value)));
    }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& name) {
        if (name.size() > JsonDocument::kMaxStringBytes || stack_.back()->contains(name)) {
            return false;
        }
        key_ = std::move(name);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
        return false;
    }

  private:
    json* place(json value) {
        if (stack_.empty()) {
            root = std::move(value);
            return &root;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        return &*parent.emplace(std::move(key_), std::move(value)).first;
    }
    bool add(json value) {
        place(std::move(value));
        return true;
    }
    bool open(json container) {
        if (stack_.size() >= JsonDocument::kMaxDepth) return false;
        stack_.push_back(place(std::move(container)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    std::vector<json*> stack_;
    std::string key_;
};

}  // namespace

class JsonDocumentBuilder {
  public:
    using json = nlohmann::json;

    explicit JsonDocumentBuilder(JsonDocument& doc) : doc_(doc) {}
    size_t consumed = 0;

    bool null() { return add_scalar(json(nullptr), scalar_start()); }
    bool boolean(bool value) { return add_scalar(json(value), scalar_start()); }
    bool number_integer(json::number_integer_t value) {
        return add_scalar(json(value), number_start());
    }
    bool number_unsigned(json::number_unsigned_t value) {
        return add_scalar(json(value), number_start());
    }
    bool number_float(json::number_float_t value, const json::string_t&) {
        return add_scalar(json(value), number_start());
    }
    bool string(json::string_t& value) {
        if (!stack_.empty() && too_long(value, child_path(stack_.back()))) return false;
        return add_scalar(json(value), string_start());
    }
    bool binary(json::binary_t&) { return true; }

    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        Frame& frame = stack_.back();
        if (too_long(name, frame.path)) return false;
        frame.key = name;
        const std::string path = child_path(frame);
        frame.duplicate = frame.value->contains(name);
        if (frame.duplicate) {
            doc_.duplicate_keys_.emplace_back(path, doc_.locate(string_start()));
        } else if (!frame.ignored) {
            doc_.key_offsets_[path] = string_start();
        }
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& error) {
        // nlohmann's message repeats the position we report ourselves; keep the reason.
        std::string message = error.what();
        if (const auto colon = message.find(": ", message.find("column"));
            colon != std::string::npos) {
            message = message.substr(colon + 2);
        }
        size_t offset = position > 0 ? position - 1 : 0;
        // A lexer error ("invalid literal; last read: ...") stops on the offending
        // character. A parser error ("unexpected string literal") comes after the whole
        // token was read: point at where that token starts, not at its last character.
        const size_t last_read = message.find("; last read: ");
        if (last_read == std::string::npos) {
            offset = token_start(offset);
        } else {
            // The token read so far may be megabytes of any bytes: show its end, quoted.
            std::string token = message.substr(last_read + 13);
            if (token.size() >= 2 && token.front() == '\'' && token.back() == '\'') {
                token = token.substr(1, token.size() - 2);
            }
            const size_t shown = 40;
            const bool cut = token.size() > shown;
            message.resize(last_read);
            message += "; last read: " + std::string(cut ? "..." : "") +
                       quote_value(cut ? token.substr(token.size() - shown) : token, shown);
        }
        doc_.syntax_error_.emplace(doc_.locate(offset), message);
        return false;
    }

  private:
    struct Frame {
        json* value;
        std::string path;
        std::string key;         // objects: the key whose value comes next
        size_t index = 0;        // arrays: the index of the next element
        bool ignored = false;    // inside a duplicate key's value: nothing is recorded
        bool duplicate = false;  // objects: `key` appeared before in this object
    };

    // Whether the next value of `frame` is (inside) a duplicate key's value.
    static bool ignores_next(const Frame& frame) {
        return frame.ignored || (frame.value->is_object() && frame.duplicate);
    }

    std::string child_path(const Frame& frame) const {
        if (frame.value->is_array()) return frame.path + "[" + std::to_string(frame.index) + "]";
        return frame.path.empty() ? frame.key : frame.path + "." + frame.key;
    }

    // Start offsets, from how far the lexer has read when the event fires.
    size_t string_start() const {
        // The closing quote was the last character read; walk back to the opening one.
        const std::string& text = doc_.text_;
        size_t i = consumed >= 2 ? consumed - 2 : 0;
        while (i > 0) {
            if (text[i] == '"') {
                size_t backslashes = 0;
                while (i > backslashes && text[i - 1 - backslashes] == '\\') ++backslashes;
                if (backslashes % 2 == 0) break;
            }
            --i;
        }
        return i;
    }
    size_t number_start() const {
        // The lexer reads one character past a number before it knows the number ended.
        const std::string& text = doc_.text_;
        size_t i = consumed > 0 ? consumed - 1 : 0;
        while (i > 0 && (is_space(text[i]) || text[i] == ',' || text[i] == '}' || text[i] == ']')) {
            --i;
        }
        while (i > 0 && !is_space(text[i - 1]) && text[i - 1] != ':' && text[i - 1] != '[' &&
               text[i - 1] != ',') {
            --i;
        }
        return i;
    }
    // The start of the token whose last character is at `last`.
    size_t token_start(size_t last) const {
        const std::string& text = doc_.text_;
        if (last >= text.size()) return last;  // the end of the input
        const auto in_token = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-';
        };
        if (text[last] == '"') {
            size_t i = last;
            while (i > 0) {
                --i;
                if (text[i] != '"') continue;
                size_t backslashes = 0;
                while (i > backslashes && text[i - 1 - backslashes] == '\\') ++backslashes;
                if (backslashes % 2 == 0) return i;
            }
            return i;
        }
        if (!in_token(text[last])) return last;  // { } [ ] , :
        size_t i = last;
        while (i > 0 && in_token(text[i - 1])) --i;
        return i;
    }
    size_t scalar_start() const {
        const std::string& text = doc_.text_;
        size_t i = consumed > 0 ? consumed - 1 : 0;
        while (i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1]))) --i;
        return i;
    }

    json* place(json value, size_t start) {
        if (stack_.empty()) {
            doc_.root_ = std::move(value);
            doc_.value_offsets_[""] = start;
            return &doc_.root_;
        }
        Frame& frame = stack_.back();
        // A duplicate key keeps its first value; the duplicate itself is an error, and
        // its value is parsed aside so that it moves no position of the first one.
        if (!ignores_next(frame)) doc_.value_offsets_[child_path(frame)] = start;
        json* placed = nullptr;
        if (frame.value->is_array()) {
            frame.value->push_back(std::move(value));
            placed = &frame.value->back();
            ++frame.index;
        } else if (frame.duplicate) {
            placed = &ignored_values_.emplace_back(std::move(value));
        } else {
            placed = &*frame.value->emplace(frame.key, std::move(value)).first;
        }
        return placed;
    }

    // A string (or key) past the size limit stops the parse with an error naming it.
    bool too_long(const std::string& value, const std::string& path) {
        if (value.size() <= JsonDocument::kMaxStringBytes) return false;
        doc_.syntax_error_.emplace(doc_.locate(string_start()),
                                   "a string of " + std::to_string(value.size()) +
                                       " bytes; strings are limited to " +
                                       std::to_string(JsonDocument::kMaxStringBytes) + " bytes");
        doc_.syntax_error_path_ = path;
        return false;
    }

    bool add_scalar(json value, size_t start) {
        place(std::move(value), start);
        return true;
    }

    bool open(json container) {
        const size_t start = consumed > 0 ? consumed - 1 : 0;
        std::string path = stack_.empty() ? std::string() : child_path(stack_.back());
        // Deeper nesting is refused, not followed: paths and the DOM would grow with it.
        if (stack_.size() >= JsonDocument::kMaxDepth) {
            doc_.syntax_error_.emplace(
                doc_.locate(start),
                "nesting deeper than " + std::to_string(JsonDocument::kMaxDepth) + " levels");
            doc_.syntax_error_path_ = path;
            return false;
        }
        const bool ignored = !stack_.empty() && ignores_next(stack_.back());
        json* placed = place(std::move(container), start);
        stack_.push_back({placed, std::move(path), {}, 0, ignored, false});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    JsonDocument& doc_;
    std::vector<Frame> stack_;
    std::deque<json> ignored_values_;  // duplicate keys' values (stable addresses)
};

JsonDocument JsonDocument::parse(std::string text) {
    JsonDocument doc;
    doc.text_ = std::move(text);
    doc.line_starts_.push_back(0);
    for (size_t i = 0; i < doc.text_.size(); ++i) {
        if (doc.text_[i] == '\n') doc.line_starts_.push_back(i + 1);
    }
    PlainDomBuilder plain;
    if (nlohmann::json::sax_parse(doc.text_, &plain)) {
        // Moving the root moves its object's pointer, not the members: their
        // addresses, the keys of number_spellings, stay valid.
        doc.root_ = std::move(plain.root);
        doc.number_spellings_ = std::move(plain.number_spellings);
    } else {
        doc.parse_with_positions();
    }
    return doc;
}

void JsonDocument::parse_with_positions() {
    root_ = nullptr;
    value_offsets_.clear();
    key_offsets_.clear();
    duplicate_keys_.clear();
    syntax_error_.reset();
    syntax_error_path_.clear();
    JsonDocumentBuilder builder(*this);
    const char* begin = text_.data();
    CountingIterator first(begin, begin, &builder.consumed);
    CountingIterator last(begin, begin + text_.size(), &builder.consumed);
    nlohmann::json::sax_parse(first, last, &builder);
    has_positions_ = true;
}

void JsonDocument::ensure_positions() const {
    if (has_positions_) return;
    // The first pass found the file valid, so this pass finds the same DOM and no
    // problem; only its positions are kept.
    JsonDocument located;
    located.text_ = text_;
    located.line_starts_ = line_starts_;
    located.parse_with_positions();
    value_offsets_ = std::move(located.value_offsets_);
    key_offsets_ = std::move(located.key_offsets_);
    has_positions_ = true;
}

const std::string* JsonDocument::number_spelling(const nlohmann::json& value) const {
    const auto found = number_spellings_.find(&value);
    return found == number_spellings_.end() ? nullptr : &found->second;
}

SourceLocation JsonDocument::locate(size_t offset) const {
    // A binary search in the line index: a file with many problems stays linear.
    offset = std::min(offset, text_.size());
    const auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
    return {static_cast<size_t>(line - line_starts_.begin()) + 1, offset - *line + 1};
}

SourceLocation JsonDocument::value_location(const std::string& path) const {
    ensure_positions();
    const auto it = value_offsets_.find(path);
    return it == value_offsets_.end() ? SourceLocation{1, 1} : locate(it->second);
}

SourceLocation JsonDocument::key_location(const std::string& path) const {
    ensure_positions();
    const auto it = key_offsets_.find(path);
    return it == key_offsets_.end() ? value_location(path) : locate(it->second);
}

std::string json_type_name(const nlohmann::json& value) {
    using nlohmann::json;
    switch (value.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::string:
            return "a string";
        case json::value_t::array:
            return "an array";
        case json::value_t::object:
            return "an object";
        default:
            return "a number";
    }
}

}  // namespace opsctl
