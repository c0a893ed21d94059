#include "opsctl/import/document_outline.h"

namespace opsctl {

namespace {

// The open sections, outermost first, as indices into their parents' children.
class OutlineBuilder {
  public:
    void add(const MarkdownBlock& block) {
        if (block.kind == BlockKind::Heading) return open(block);
        if (block.kind == BlockKind::Rule) {
            after_rule_ = true;
            return;
        }
        if (after_rule_ || open_.empty()) {
            outline_.document_blocks.push_back(block);
        } else {
            open_.back()->body.push_back(block);
        }
    }

    DocumentOutline finish() { return std::move(outline_); }

  private:
    void open(const MarkdownBlock& heading) {
        after_rule_ = false;
        while (!open_.empty() && open_.back()->level >= heading.level) open_.pop_back();
        OutlineSection section;
        section.title = heading.text;
        section.line = heading.line;
        section.level = heading.level;
        std::vector<OutlineSection>& siblings =
            open_.empty() ? outline_.sections : open_.back()->children;
        siblings.push_back(std::move(section));
        // Pointers stay valid: only the innermost open section's children grow.
        open_.push_back(&siblings.back());
    }

    DocumentOutline outline_;
    std::vector<OutlineSection*> open_;
    bool after_rule_ = false;
};

}  // namespace

DocumentOutline outline_of(const std::vector<MarkdownBlock>& blocks) {
    OutlineBuilder builder;
    for (const MarkdownBlock& block : blocks) builder.add(block);
    return builder.finish();
}

}  // namespace opsctl
