#pragma once
// A document's blocks as a tree of sections: each heading holds the blocks up to the
// next heading and the deeper headings under it. Whatever heading levels a document
// uses (`#` for procedures, `##` under a title), the tree is the same shape.

#include <string>
#include <vector>

#include "opsctl/import/markdown_blocks.h"

namespace opsctl {

struct OutlineSection {
    std::string title;  // the heading's text as written
    size_t line = 0;
    int level = 0;
    std::vector<MarkdownBlock> body;  // the blocks before the first sub-heading
    std::vector<OutlineSection> children;
};

struct DocumentOutline {
    // Blocks of the document itself: before the first heading, and after a thematic
    // break up to the next heading (a closing "---" with "**Owner**: ..." under it
    // belongs to no section).
    std::vector<MarkdownBlock> document_blocks;
    std::vector<OutlineSection> sections;  // the top-level headings
};

DocumentOutline outline_of(const std::vector<MarkdownBlock>& blocks);

}  // namespace opsctl
