#pragma once
// A checklist's fields from its heading and its bold field lines: the title without
// a schedule written in it ("Morning Checklist (8:00 AM)"), the schedule from
// `**Schedule**:` or the heading, `**Duration**:`, the owner (`**Responsible**:`,
// `**Owner**:`), `**Response Time**:` and `**Resolution Time**:`.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "opsctl/import/import_result.h"
#include "opsctl/import/markdown_blocks.h"

namespace opsctl {

struct ChecklistHeading {
    std::string title;            // the heading as text, without the schedule it holds
    std::string schedule_phrase;  // what was read as a schedule from it; empty if none
    std::string prefix;           // "Monday" of "Monday: Weekly Planning"; empty if none
    // A parenthesis that names a schedule in words the importer cannot read ("9:00
    // EST"); it stays in the title.
    std::string unread_schedule;
};

// Whether a bold field names when a procedure runs or how long it takes ("Schedule",
// "Frequency", "Duration"...): a section with one is a procedure.
bool is_procedure_field(const std::string& key);

ChecklistHeading read_checklist_heading(const std::string& heading);

struct FieldPlace {
    std::string runbook;
    std::string checklist;
    size_t heading_line = 0;
};

// Adds the fields to `checklist` (a JSON object) and their review lines. `fields` are
// the checklist's Field blocks; `default_owner` applies when none names an owner.
void add_checklist_fields(nlohmann::json& checklist, const ChecklistHeading& heading,
                          const std::vector<MarkdownBlock>& fields,
                          const MarkdownBlock* default_owner, const FieldPlace& place,
                          std::vector<ReviewLine>& review);

}  // namespace opsctl
