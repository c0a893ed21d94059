#include "opsctl/import/runbook_import.h"

#include <set>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/error.h"
#include "opsctl/import/checklist_fields.h"
#include "opsctl/import/code_steps.h"
#include "opsctl/import/document_outline.h"
#include "opsctl/import/import_names.h"
#include "opsctl/import/step_import.h"
#include "opsctl/runbook/loader.h"

namespace opsctl {

namespace {

using nlohmann::json;

constexpr std::string_view kNameStopWords = "and the of for a an to";

bool is_owner_field(const MarkdownBlock& block) {
    const std::string key = ascii_lower(block.key);
    return block.kind == BlockKind::Field && (key == "owner" || key == "responsible");
}

const MarkdownBlock* owner_field(const std::vector<MarkdownBlock>& blocks) {
    for (const MarkdownBlock& block : blocks) {
        if (is_owner_field(block)) return &block;
    }
    return nullptr;
}

// "[Daily Operations](#daily-operations)": an item that only links within the page.
bool is_page_link(const std::string& text) {
    return text.size() > 4 && text.front() == '[' && text.find("](#") != std::string::npos &&
           text.back() == ')';
}

// "**P1 (Critical)**: System down": a term and its definition, not a thing to do.
bool is_definition(const std::string& text) {
    if (!text.starts_with("**")) return false;
    const size_t close = text.find("**", 2);
    return close != std::string::npos &&
           (text.compare(close + 2, 1, ":") == 0 || (close > 2 && text[close - 1] == ':'));
}

// "1. System Health Check" -> "System Health Check".
std::string without_number(const std::string& title) {
    size_t i = 0;
    while (i < title.size() && std::isdigit(static_cast<unsigned char>(title[i]))) ++i;
    if (i > 0 && i + 1 < title.size() && (title[i] == '.' || title[i] == ')') &&
        title[i + 1] == ' ') {
        return title.substr(i + 2);
    }
    return title;
}

struct Draft {
    StepDraft step;
    std::string group;
    bool definition = false;
    bool page_link = false;
};

// The step drafts of a section's blocks, in order, numbered items with steps under
// them (indented) read as groups.
class DraftCollector {
  public:
    DraftCollector(std::vector<Draft>& drafts, std::vector<ReviewLine>& skipped,
                   const std::string& runbook, const std::string& checklist)
        : drafts_(drafts), skipped_(skipped), runbook_(runbook), checklist_(checklist) {}

    void collect(const std::vector<MarkdownBlock>& blocks, const std::string& group) {
        for (size_t i = 0; i < blocks.size(); ++i) {
            const MarkdownBlock& block = blocks[i];
            if (block.kind == BlockKind::Numbered && block.indent == 0 && i + 1 < blocks.size() &&
                is_nested(blocks[i + 1])) {
                numbered_group_ = without_number(plain_text(block.text));
                continue;
            }
            if (!is_nested(block) && block.kind != BlockKind::Numbered) numbered_group_.clear();
            if (block.kind == BlockKind::Numbered && block.indent == 0) numbered_group_.clear();
            const std::string in_group = join(group, numbered_group_);
            if (block.kind == BlockKind::Text) note_unread(block, i > 0 ? &blocks[i - 1] : nullptr);
            if (block.kind == BlockKind::Fence) add_fence(block, in_group);
            if (block.kind == BlockKind::Bullet || block.kind == BlockKind::Numbered) {
                add_item(block, in_group);
            }
        }
    }

  private:
    static bool is_nested(const MarkdownBlock& block) {
        return (block.kind == BlockKind::Bullet || block.kind == BlockKind::Numbered ||
                block.kind == BlockKind::Fence) &&
               block.indent > 0;
    }

    static std::string join(const std::string& a, const std::string& b) {
        if (a.empty()) return b;
        if (b.empty()) return a;
        return a + " / " + b;
    }

    void add_fence(const MarkdownBlock& block, const std::string& group) {
        const FenceSteps steps = steps_of_fence(block);
        if (!steps.skipped.empty()) skip(block, steps.skipped);
        for (const StepDraft& step : steps.steps) drafts_.push_back({step, group, false, false});
    }

    // Text a reader may take for a check, which the importer does not read: said in the
    // review, so that nothing is dropped unseen.
    void note_unread(const MarkdownBlock& block, const MarkdownBlock* previous) {
        if (block.indent >= 4 && starts_query(block.text)) {
            skip(block, "an indented code block holding SQL: not imported (fence it as ```sql)");
        }
        const bool table_row = block.text.starts_with('|');
        const bool continues_table =
            previous && previous->kind == BlockKind::Text && previous->text.starts_with('|');
        if (table_row && !continues_table) {
            skip(block, "a table: not read (a threshold written in a table is not lifted)");
        }
    }

    void skip(const MarkdownBlock& block, const std::string& why) {
        skipped_.push_back({ReviewMark::Skipped, block.line, runbook_, checklist_, "", why});
    }

    void add_item(const MarkdownBlock& block, const std::string& group) {
        Draft draft;
        draft.step.kind = DraftKind::Manual;
        draft.step.title = plain_text(block.text);
        draft.step.line = block.line;
        draft.group = group;
        draft.definition = is_definition(block.text);
        draft.page_link = is_page_link(block.text);
        if (draft.step.title.empty()) return;
        drafts_.push_back(draft);
    }

    std::vector<Draft>& drafts_;
    std::vector<ReviewLine>& skipped_;
    const std::string& runbook_;
    const std::string& checklist_;
    std::string numbered_group_;
};

// "P3/P4 Incident Response (Medium/Low)" -> "P3 Incident Response (Medium)" and "P4
// Incident Response (Low)": one procedure written for several levels, when the first
// word and the closing parenthesis name as many of them.
std::vector<std::string> shared_procedure_titles(const std::string& title) {
    const size_t space = title.find(' ');
    const size_t open = title.rfind('(');
    if (space == std::string::npos || open == std::string::npos || title.back() != ')' ||
        open < space) {
        return {title};
    }
    auto parts = [](const std::string& text) {
        std::vector<std::string> out;
        size_t start = 0;
        for (size_t slash = text.find('/');; slash = text.find('/', start)) {
            out.push_back(
                text.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        return out;
    };
    const std::vector<std::string> levels = parts(title.substr(0, space));
    const std::vector<std::string> words = parts(title.substr(open + 1, title.size() - open - 2));
    if (levels.size() < 2 || levels.size() != words.size()) return {title};
    for (const std::string& level : levels) {
        if (level.empty()) return {title};
        for (const char c : level) {
            if (!std::isalnum(static_cast<unsigned char>(c))) return {title};
        }
    }
    std::vector<std::string> titles;
    const std::string middle = title.substr(space, open - space);
    for (size_t i = 0; i < levels.size(); ++i) {
        titles.push_back(levels[i] + middle + "(" + words[i] + ")");
    }
    return titles;
}

class DocumentImporter {
  public:
    DocumentImporter(const std::string& name, const std::string& dialect) : dialect_(dialect) {
        result_.document = name;
    }

    ImportResult run(const DocumentOutline& outline) {
        std::vector<const OutlineSection*> sections;
        std::vector<MarkdownBlock> document_blocks = outline.document_blocks;
        if (outline.sections.size() == 1 && !outline.sections[0].children.empty()) {
            const OutlineSection& title = outline.sections[0];
            document_blocks.insert(document_blocks.end(), title.body.begin(), title.body.end());
            for (const OutlineSection& child : title.children) sections.push_back(&child);
        } else {
            for (const OutlineSection& section : outline.sections) sections.push_back(&section);
        }
        document_owner_ = owner_field(document_blocks);
        for (const OutlineSection* section : sections) add_runbook(*section);
        return std::move(result_);
    }

  private:
    void add_runbook(const OutlineSection& section) {
        const std::string title = plain_text(section.title);
        const std::string name =
            unique_name(slug_of(read_checklist_heading(title).title, "runbook", 40, kNameStopWords),
                        runbook_names_);
        json runbook = {{"runbook", name}, {"title", title}, {"dialect", dialect_}};
        runbook["description"] = "Imported from the document's section \"" + title + "\" (line " +
                                 std::to_string(section.line) + ").";
        json checklists = json::array();
        std::set<std::string> checklist_names;
        const MarkdownBlock* section_owner = owner_field(section.body);
        if (!section_owner) section_owner = document_owner_;
        if (section.children.empty() || is_procedure(section)) {
            add_checklists(section, {}, title, name, section_owner, checklists, checklist_names);
        } else {
            report_loose_steps(section, name);
            for (const OutlineSection& child : section.children) {
                add_checklists(child, title, title, name, section_owner, checklists,
                               checklist_names);
            }
        }
        if (checklists.empty()) {
            // One line for the section, not one more for the procedure it was.
            std::erase_if(result_.review,
                          [&](const ReviewLine& line) { return line.runbook == name; });
            skip(section.line, name, "", "section \"" + title + "\" holds no step: no runbook");
            runbook_names_.erase(name);
            return;
        }
        runbook["checklists"] = checklists;
        validate(name, runbook);
        result_.runbooks.push_back({name, section.line, runbook});
    }

    void report_loose_steps(const OutlineSection& section, const std::string& runbook) {
        std::vector<Draft> drafts;
        std::vector<ReviewLine> ignored;
        DraftCollector(drafts, ignored, runbook, "").collect(section.body, "");
        if (!drafts.empty() && !all_page_links(drafts)) {
            skip(drafts.front().step.line, runbook, "",
                 std::to_string(drafts.size()) +
                     " step(s) before the section's first procedure heading belong to no "
                     "checklist: not imported");
        }
    }

    // A section whose heading or fields say when it runs, or how long it takes, is a
    // procedure itself, whatever level it has: its sub-headings are groups of steps.
    static bool is_procedure(const OutlineSection& section) {
        if (!read_checklist_heading(plain_text(section.title)).schedule_phrase.empty()) return true;
        for (const MarkdownBlock& block : section.body) {
            if (block.kind == BlockKind::Field && is_procedure_field(block.key)) return true;
        }
        return false;
    }

    static bool all_page_links(const std::vector<Draft>& drafts) {
        for (const Draft& draft : drafts) {
            if (!draft.page_link) return false;
        }
        return true;
    }

    static bool all_definitions(const std::vector<Draft>& drafts) {
        for (const Draft& draft : drafts) {
            if (!draft.definition) return false;
        }
        return true;
    }

    void add_checklists(const OutlineSection& section, const std::string& runbook_title,
                        const std::string& runbook_title_words, const std::string& runbook,
                        const MarkdownBlock* owner, json& checklists,
                        std::set<std::string>& names) {
        static_cast<void>(runbook_title);
        const std::vector<std::string> titles = shared_procedure_titles(plain_text(section.title));
        if (titles.size() > 1) {
            std::string list;
            for (const std::string& t : titles) list += (list.empty() ? "\"" : ", \"") + t + "\"";
            review(ReviewMark::NotInferred, section.line, runbook, "",
                   "\"" + plain_text(section.title) + "\" is one procedure for " +
                       std::to_string(titles.size()) + " levels: a checklist each (" + list + ")");
        }
        for (const std::string& title : titles) {
            add_checklist(section, title, runbook_title_words, runbook, owner, checklists, names);
        }
    }

    void add_checklist(const OutlineSection& section, const std::string& heading_text,
                       const std::string& runbook_title, const std::string& runbook,
                       const MarkdownBlock* owner, json& checklists, std::set<std::string>& names) {
        const ChecklistHeading heading = read_checklist_heading(heading_text);
        const std::string base =
            heading.prefix.empty()
                ? slug_of(strip_parenthesis(heading.title), "checklist", 32,
                          std::string(runbook_title) + " checklist " + std::string(kNameStopWords))
                : slug_of(heading.prefix, "checklist", 32);
        const std::string name = unique_name(base, names);
        std::vector<Draft> drafts;
        std::vector<ReviewLine> skipped;
        std::vector<MarkdownBlock> fields;
        DraftCollector collector(drafts, skipped, runbook, name);
        collect_fields(section.body, fields);
        collector.collect(section.body, "");
        for (const OutlineSection& group : section.children)
            collect_group(group, "", collector, fields);
        if (drafts.empty() || all_page_links(drafts)) {
            skip(section.line, runbook, name,
                 "\"" + heading.title + "\" holds no step: no checklist");
            names.erase(name);
            return;
        }
        if (all_definitions(drafts)) {
            skip(section.line, runbook, name,
                 "\"" + heading.title + "\" only defines terms (**term**: meaning): no checklist");
            names.erase(name);
            return;
        }
        json checklist = {{"name", name}, {"title", heading.title}};
        checklist["description"] =
            "Imported from the document, line " + std::to_string(section.line) + ".";
        add_checklist_fields(checklist, heading, fields, owner, {runbook, name, section.line},
                             result_.review);
        result_.review.insert(result_.review.end(), skipped.begin(), skipped.end());
        json steps = json::array();
        std::set<std::string> ids;
        for (const Draft& draft : drafts) {
            steps.push_back(import_step(draft.step, {runbook, name, draft.group, dialect_}, ids,
                                        result_.review));
        }
        checklist["steps"] = steps;
        checklists.push_back(checklist);
    }

    void collect_group(const OutlineSection& group, const std::string& outer,
                       DraftCollector& collector, std::vector<MarkdownBlock>& fields) {
        const std::string name = outer.empty()
                                     ? without_number(plain_text(group.title))
                                     : outer + " / " + without_number(plain_text(group.title));
        collect_fields(group.body, fields);
        collector.collect(group.body, name);
        for (const OutlineSection& child : group.children)
            collect_group(child, name, collector, fields);
    }

    static void collect_fields(const std::vector<MarkdownBlock>& blocks,
                               std::vector<MarkdownBlock>& fields) {
        for (const MarkdownBlock& block : blocks) {
            if (block.kind == BlockKind::Field) fields.push_back(block);
        }
    }

    static std::string strip_parenthesis(const std::string& title) {
        const size_t open = title.rfind('(');
        if (open == std::string::npos || title.back() != ')' || open == 0) return title;
        return title.substr(0, open);
    }

    void validate(const std::string& name, const json& runbook) {
        const LoadResult loaded = load_runbook_text(runbook.dump(2), name + ".json");
        if (!loaded.diagnostics.empty()) {
            throw Error("internal error: the imported runbook " + name +
                        " does not validate: " + loaded.diagnostics.front().to_string());
        }
    }

    void skip(size_t line, const std::string& runbook, const std::string& checklist,
              const std::string& text) {
        review(ReviewMark::Skipped, line, runbook, checklist, text);
    }

    void review(ReviewMark mark, size_t line, const std::string& runbook,
                const std::string& checklist, const std::string& text) {
        result_.review.push_back({mark, line, runbook, checklist, "", text});
    }

    std::string dialect_;
    ImportResult result_;
    std::set<std::string> runbook_names_;
    const MarkdownBlock* document_owner_ = nullptr;
};

}  // namespace

ImportResult import_document(std::string_view text, const std::string& name,
                             const std::string& dialect) {
    const std::vector<MarkdownBlock> blocks = read_markdown_blocks(text, name);
    const DocumentOutline outline = outline_of(blocks);
    if (outline.sections.empty()) {
        throw UsageError(name +
                         ":1: no sections: the document has no heading (# or ##) to make "
                         "a runbook of");
    }
    ImportResult result = DocumentImporter(name, dialect).run(outline);
    if (result.runbooks.empty()) {
        throw UsageError(name + ":" + std::to_string(outline.sections.front().line) +
                         ": no steps: no section holds SQL, a shell command or a list item");
    }
    return result;
}

}  // namespace opsctl
