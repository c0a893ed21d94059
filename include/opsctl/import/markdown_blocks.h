#pragma once
// A Markdown document read as the blocks a runbook is made of: headings (ATX `##` with
// or without closing hashes, and setext underlines), bold field lines
// (`**Owner**: Team`), fenced code blocks (``` or ~~~, indented or not), bullet and
// numbered items, thematic breaks and other text, each with its line number. Only
// what the importer needs; inline Markdown stays in the text.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

enum class BlockKind { Heading, Field, Fence, Bullet, Numbered, Rule, Text };

struct MarkdownBlock {
    BlockKind kind = BlockKind::Text;
    size_t line = 0;                 // 1-based line of the block's first line
    int level = 0;                   // Heading: 1 for `#`, 2 for `##`, ...
    size_t indent = 0;               // Bullet, Numbered, Fence, Text: the columns before it
    std::string text;                // Heading, Bullet, Numbered, Text: the text; Field: the value
    std::string key;                 // Field: the bold name, without its ':'
    std::string language;            // Fence: the info string's first word, lower case
    std::vector<std::string> lines;  // Fence: the body, without the fences
};

// Reads `text`, the contents of the file `name` (for messages). Throws UsageError
// "NAME:LINE: ..." for a file that is not text (a NUL byte, invalid UTF-8) and for a
// fence that is never closed.
std::vector<MarkdownBlock> read_markdown_blocks(std::string_view text, const std::string& name);

// `text` without inline Markdown: `**bold**`, `*em*`, `` `code` ``, `[label](target)`
// become their text, a task box (`[ ]`, `[x]`) is dropped, blanks are collapsed.
std::string plain_text(std::string_view text);

}  // namespace opsctl
