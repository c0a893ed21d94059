#pragma once
// What `opsctl import` made of a document: the runbooks (JSON of the runbook format,
// each validated) and the review, one line per inference or non-inference, each with
// the document's line.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace opsctl {

enum class ReviewMark {
    Inferred,     // "+": read from the document
    NotInferred,  // "!": left as written, assumed, or not understood: read it
    Skipped,      // "-": a part of the document that gives no step
};

struct ReviewLine {
    ReviewMark mark = ReviewMark::Inferred;
    size_t line = 0;
    std::string runbook;    // empty: the document
    std::string checklist;  // empty: the runbook
    std::string step;       // empty: the checklist
    std::string text;
};

struct ImportedRunbook {
    std::string name;  // also its file name, NAME.json
    size_t line = 0;
    nlohmann::json json;
};

struct ImportResult {
    std::string document;  // the file name as given
    std::vector<ImportedRunbook> runbooks;
    std::vector<ReviewLine> review;

    size_t checklist_count() const;
    size_t step_count() const;
};

}  // namespace opsctl
