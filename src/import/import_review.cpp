#include "opsctl/import/import_review.h"

#include <map>
#include <sstream>

#include "opsctl/core/terminal_text.h"

namespace opsctl {

namespace {

char mark_of(ReviewMark mark) {
    switch (mark) {
        case ReviewMark::Inferred:
            return '+';
        case ReviewMark::NotInferred:
            return '!';
        case ReviewMark::Skipped:
            return '-';
    }
    return '?';
}

void write_line(std::ostringstream& out, const ReviewLine& line, const std::string& indent) {
    out << indent << mark_of(line.mark) << " line " << line.line << ": ";
    if (!line.step.empty()) out << line.step << ": ";
    out << terminal_line(line.text) << '\n';
}

size_t count(const ImportResult& result, ReviewMark mark) {
    size_t n = 0;
    for (const ReviewLine& line : result.review) n += line.mark == mark;
    return n;
}

}  // namespace

std::string format_review(const ImportResult& result, const std::string& written_to) {
    std::ostringstream out;
    out << "import " << terminal_line(result.document) << ": " << result.runbooks.size()
        << " runbook(s), " << result.checklist_count() << " checklist(s), " << result.step_count()
        << " step(s)\n";
    for (const ReviewLine& line : result.review) {
        if (line.runbook.empty()) write_line(out, line, "");
    }
    for (const ImportedRunbook& runbook : result.runbooks) {
        out << "\n"
            << runbook.name << ".json (line " << runbook.line << ": \""
            << terminal_line(runbook.json.at("title").get<std::string>()) << "\")\n";
        std::map<std::string, bool> checklists;
        for (const auto& checklist : runbook.json.at("checklists")) {
            checklists[checklist.at("name").get<std::string>()] = true;
        }
        // The runbook's own lines, and those of procedures that gave no checklist.
        for (const ReviewLine& line : result.review) {
            if (line.runbook == runbook.name && checklists.count(line.checklist) == 0) {
                write_line(out, line, "  ");
            }
        }
        for (const auto& checklist : runbook.json.at("checklists")) {
            const std::string name = checklist.at("name").get<std::string>();
            out << "  " << name << ": \"" << terminal_line(checklist.at("title").get<std::string>())
                << "\"\n";
            for (const ReviewLine& line : result.review) {
                if (line.runbook == runbook.name && line.checklist == name) {
                    write_line(out, line, "    ");
                }
            }
        }
    }
    std::map<std::string, bool> made;
    for (const ImportedRunbook& runbook : result.runbooks) made[runbook.name] = true;
    for (const ReviewLine& line : result.review) {
        if (!line.runbook.empty() && made.count(line.runbook) == 0) write_line(out, line, "");
    }
    out << "\n"
        << count(result, ReviewMark::Inferred) << " inferred (+), "
        << count(result, ReviewMark::NotInferred) << " to review (!), "
        << count(result, ReviewMark::Skipped) << " skipped (-); ";
    if (written_to.empty()) {
        out << "nothing written (pass --out DIR to write the runbooks)\n";
    } else {
        out << "written to " << terminal_line(written_to) << "\n";
    }
    return out.str();
}

}  // namespace opsctl
