#include "opsctl/import/markdown_blocks.h"

#include <cctype>
#include <optional>

#include "opsctl/core/error.h"
#include "opsctl/core/utf8.h"

namespace opsctl {

namespace {

size_t leading_spaces(std::string_view line) {
    size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
    return n;
}

std::string_view trim(std::string_view text) {
    const size_t begin = leading_spaces(text);
    size_t end = text.size();
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return text.substr(begin, end - begin);
}

std::string located(const std::string& name, size_t line, const std::string& message) {
    return name + ":" + std::to_string(line) + ": " + message;
}

// The document is text: no NUL byte, valid UTF-8. Names the first bad line.
void check_is_text(std::string_view text, const std::string& name) {
    size_t line = 1;
    for (size_t at = 0; at < text.size();) {
        if (text[at] == '\0') {
            throw UsageError(located(name, line, "not a text document: it holds a NUL byte"));
        }
        if (text[at] == '\n') ++line;
        const size_t length = utf8_sequence_length(text, at);
        if (length == 0) {
            throw UsageError(located(name, line, "not a UTF-8 text document"));
        }
        at += length;
    }
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (end == text.size() && line.empty()) break;
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

struct FenceOpening {
    char marker;
    size_t length;
    size_t indent;
    std::string language;
};

std::optional<FenceOpening> fence_opening(std::string_view line) {
    const size_t indent = leading_spaces(line);
    if (indent >= line.size()) return std::nullopt;
    const char marker = line[indent];
    if (marker != '`' && marker != '~') return std::nullopt;
    size_t length = 0;
    while (indent + length < line.size() && line[indent + length] == marker) ++length;
    if (length < 3) return std::nullopt;
    std::string_view info = trim(line.substr(indent + length));
    if (marker == '`' && info.find('`') != std::string_view::npos) return std::nullopt;
    const size_t blank = info.find_first_of(" \t{");
    std::string language(info.substr(0, blank));
    for (char& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return FenceOpening{marker, length, indent, language};
}

bool closes_fence(std::string_view line, const FenceOpening& opening) {
    const std::string_view trimmed = trim(line);
    if (trimmed.size() < opening.length) return false;
    for (const char c : trimmed) {
        if (c != opening.marker) return false;
    }
    return true;
}

bool is_thematic_break(std::string_view line) {
    const std::string_view trimmed = trim(line);
    if (trimmed.size() < 3) return false;
    const char marker = trimmed[0];
    if (marker != '-' && marker != '*' && marker != '_') return false;
    size_t count = 0;
    for (const char c : trimmed) {
        if (c == marker) {
            ++count;
        } else if (c != ' ' && c != '\t') {
            return false;
        }
    }
    return count >= 3;
}

// `## Title ##` -> level 2, "Title".
std::optional<MarkdownBlock> atx_heading(std::string_view line) {
    const size_t indent = leading_spaces(line);
    if (indent > 3) return std::nullopt;
    size_t level = 0;
    while (indent + level < line.size() && line[indent + level] == '#') ++level;
    if (level == 0 || level > 6) return std::nullopt;
    const size_t after = indent + level;
    if (after < line.size() && line[after] != ' ' && line[after] != '\t') return std::nullopt;
    std::string_view text = trim(line.substr(after));
    size_t end = text.size();
    while (end > 0 && text[end - 1] == '#') --end;
    if (end < text.size() && (end == 0 || text[end - 1] == ' ')) text = trim(text.substr(0, end));
    MarkdownBlock block;
    block.kind = BlockKind::Heading;
    block.level = static_cast<int>(level);
    block.text = std::string(text);
    return block;
}

// `**Owner**: Team` or `**Owner:** Team`.
std::optional<MarkdownBlock> field_line(std::string_view line) {
    const std::string_view trimmed = trim(line);
    if (trimmed.substr(0, 2) != "**") return std::nullopt;
    const size_t close = trimmed.find("**", 2);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view key = trim(trimmed.substr(2, close - 2));
    std::string_view rest = trimmed.substr(close + 2);
    if (!key.empty() && key.back() == ':') {
        key.remove_suffix(1);
    } else if (!rest.empty() && rest.front() == ':') {
        rest.remove_prefix(1);
    } else {
        return std::nullopt;
    }
    if (key.empty()) return std::nullopt;
    MarkdownBlock block;
    block.kind = BlockKind::Field;
    block.key = std::string(trim(key));
    block.text = std::string(trim(rest));
    return block;
}

std::optional<MarkdownBlock> list_item(std::string_view line) {
    const size_t indent = leading_spaces(line);
    const std::string_view rest = line.substr(indent);
    if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') &&
        (rest[1] == ' ' || rest[1] == '\t')) {
        MarkdownBlock block;
        block.kind = BlockKind::Bullet;
        block.indent = indent;
        block.text = std::string(trim(rest.substr(2)));
        return block;
    }
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) {
        ++digits;
    }
    if (digits == 0 || digits > 9 || digits + 1 >= rest.size()) return std::nullopt;
    if (rest[digits] != '.' && rest[digits] != ')') return std::nullopt;
    if (rest[digits + 1] != ' ' && rest[digits + 1] != '\t') return std::nullopt;
    MarkdownBlock block;
    block.kind = BlockKind::Numbered;
    block.indent = indent;
    block.text = std::string(trim(rest.substr(digits + 2)));
    return block;
}

bool is_setext_underline(std::string_view line, char marker) {
    const std::string_view trimmed = trim(line);
    if (trimmed.empty()) return false;
    for (const char c : trimmed) {
        if (c != marker) return false;
    }
    return true;
}

class BlockReader {
  public:
    BlockReader(std::string_view text, const std::string& name)
        : lines_(split_lines(text)), name_(name) {}

    std::vector<MarkdownBlock> read() {
        for (index_ = 0; index_ < lines_.size(); ++index_) read_line(lines_[index_]);
        return std::move(blocks_);
    }

  private:
    void read_line(std::string_view line) {
        const size_t number = index_ + 1;
        if (trim(line).empty()) {
            paragraph_open_ = false;
            return;
        }
        if (const auto opening = fence_opening(line)) return read_fence(*opening, number);
        if (paragraph_open_ && (is_setext_underline(line, '=') || is_setext_underline(line, '-'))) {
            blocks_.back().kind = BlockKind::Heading;
            blocks_.back().level = trim(line)[0] == '=' ? 1 : 2;
            paragraph_open_ = false;
            return;
        }
        std::optional<MarkdownBlock> block;
        if (is_thematic_break(line)) {
            block = MarkdownBlock{};
            block->kind = BlockKind::Rule;
        }
        if (!block) block = atx_heading(line);
        if (!block) block = field_line(line);
        if (!block) block = list_item(line);
        if (!block) {
            block = MarkdownBlock{};
            block->text = std::string(trim(line));
            block->indent = leading_spaces(line);
        }
        block->line = number;
        paragraph_open_ = block->kind == BlockKind::Text;
        blocks_.push_back(std::move(*block));
    }

    void read_fence(const FenceOpening& opening, size_t number) {
        MarkdownBlock block;
        block.kind = BlockKind::Fence;
        block.line = number;
        block.indent = opening.indent;
        block.language = opening.language;
        for (++index_; index_ < lines_.size(); ++index_) {
            const std::string_view body = lines_[index_];
            if (closes_fence(body, opening)) {
                blocks_.push_back(std::move(block));
                paragraph_open_ = false;
                return;
            }
            const size_t strip = std::min(opening.indent, leading_spaces(body));
            block.lines.emplace_back(body.substr(strip));
        }
        throw UsageError(located(name_, number,
                                 "unterminated code fence: the " +
                                     std::string(opening.length, opening.marker) +
                                     " opened here is never closed"));
    }

    std::vector<std::string_view> lines_;
    const std::string& name_;
    std::vector<MarkdownBlock> blocks_;
    size_t index_ = 0;
    bool paragraph_open_ = false;
};

}  // namespace

std::vector<MarkdownBlock> read_markdown_blocks(std::string_view text, const std::string& name) {
    check_is_text(text, name);
    return BlockReader(text, name).read();
}

std::string plain_text(std::string_view text) {
    std::string_view rest = trim(text);
    if (rest.substr(0, 3) == "[ ]" || rest.substr(0, 3) == "[x]" || rest.substr(0, 3) == "[X]") {
        rest = trim(rest.substr(3));
    }
    std::string out;
    for (size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (c == '*' || c == '`' ||
            (c == '_' &&
             (i == 0 || i + 1 == rest.size() || rest[i - 1] == ' ' || rest[i + 1] == ' '))) {
            continue;
        }
        if (c == ']' && i + 1 < rest.size() && rest[i + 1] == '(') {
            const size_t close = rest.find(')', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (c == '[') continue;
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace opsctl
