#include "opsctl/import/key_inference.h"

#include <array>

#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

bool names_identity(const std::string& output) {
    const std::string name = ascii_lower(output);
    return name == "name" || name == "id" || name.ends_with("_name") || name.ends_with("_id");
}

// Without column types, a text column is one computed as text or named like one.
bool looks_like_text(const SelectItem& item) {
    if (item.text_value) return true;
    const std::string name = ascii_lower(item.output);
    constexpr std::array kTextSuffixes = {"_type", "_category", "_metric",
                                          "_code", "_label",    "_key"};
    for (const char* suffix : kTextSuffixes) {
        if (name.ends_with(suffix)) return true;
    }
    return false;
}

}  // namespace

KeyChoice infer_key(const SelectShape& shape) {
    if (!shape.found) return {{}, "not a SELECT: rows are identified by their number"};
    if (shape.has_star()) {
        return {{}, "SELECT *: the document names no columns, rows are identified by their number"};
    }
    if (!shape.group_by && shape.has_aggregate()) {
        return {{}, "an aggregate without GROUP BY returns one row: no key"};
    }
    if (shape.group_by && !shape.group_outputs.empty()) {
        bool all_named = true;
        for (const std::string& output : shape.group_outputs) all_named &= !output.empty();
        if (all_named) return {shape.group_outputs, "the GROUP BY columns"};
    }
    for (const SelectItem& item : shape.items) {
        if (!item.output.empty() && names_identity(item.output)) {
            return {{item.output}, "the first *_name or *_id column"};
        }
    }
    for (const SelectItem& item : shape.items) {
        if (!item.output.empty() && looks_like_text(item)) {
            return {{item.output}, "the first text column"};
        }
    }
    return {{}, "no *_name, *_id or text column: rows are identified by their number"};
}

}  // namespace opsctl
