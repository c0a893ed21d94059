#pragma once
// Which result columns identify a row of a step's query (its `key`): the GROUP BY
// columns, else the first `*_name` or `*_id` column, else the first text column.

#include <string>
#include <vector>

#include "opsctl/import/select_list.h"

namespace opsctl {

struct KeyChoice {
    std::vector<std::string> columns;  // empty: rows are identified by their number
    std::string reason;                // for the review
};

KeyChoice infer_key(const SelectShape& shape);

}  // namespace opsctl
