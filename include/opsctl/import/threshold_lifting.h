#pragma once
// Thresholds lifted out of a query's WHERE and HAVING. A document's query selects its
// problem rows (`WHERE minutes_since_sync > 360`); as an `expect` rule the threshold
// is evaluated on every row instead, so that a NULL fails rather than vanishing. Lifted
// exactly or not at all: `col > N`, `col < N`, `col = 'FAIL'`, `col IN (...)`, `col
// <> 'PASS'`, `col > other_col` and such comparisons joined by OR. A time window stays
// in the SQL; a threshold that has no exact rule (`>=`, two thresholds joined by AND)
// stays too, and then any row returned fails (`row_count`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace opsctl {

struct ThresholdLifting {
    std::string sql;                     // what the step runs, on one line
    std::vector<nlohmann::json> expect;  // expectation objects of the runbook format
    std::optional<nlohmann::json> row_count;
    std::optional<std::string> on_empty;    // "warn" or "pass"
    bool has_window = false;                // a time window stays in the SQL
    std::vector<std::string> inferred;      // review lines: what became a rule
    std::vector<std::string> not_inferred;  // review lines: what stayed, and why
};

ThresholdLifting lift_thresholds(std::string_view sql);

// Adds `rule` (an object of one rule, {"fail_above": 5}) to the expectation of `column`
// in `expect`, or a new expectation; a second fail_if on a column joins the first.
void add_rule(std::vector<nlohmann::json>& expect, const std::string& column,
              const nlohmann::json& rule);

}  // namespace opsctl
