#pragma once
// Rewrites runbook SQL (written as in the document, Snowflake style) into the SQL
// of the target: CURRENT_DATE(), CURRENT_TIMESTAMP(), DATEADD(unit, n, x),
// DATE_TRUNC(unit, x) and DATE(x). With an as-of time, the current date and time
// become literals, so that a run is reproducible.

#include <optional>
#include <stdexcept>
#include <string>

#include "opsctl/core/timestamp.h"

namespace opsctl {

// The SQL cannot be translated (an unknown date part, an unbalanced call, ...).
class TranslationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct TranslationOptions {
    std::string source_dialect = "snowflake";
    std::string target_dialect = "snowflake";
    std::optional<Timestamp> as_of;
};

std::string translate_sql(const std::string& sql, const TranslationOptions& options);

// "day", "days", "dd", 'DAY' ... -> "day"; empty when unknown. Shared with the
// SQLite functions that implement DATEADD and DATE_TRUNC.
std::string canonical_date_part(std::string part);

}  // namespace opsctl
