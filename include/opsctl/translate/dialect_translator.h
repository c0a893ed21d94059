#pragma once
// Rewrites runbook SQL (written as in the document, Snowflake style) into the SQL
// of the target, as the target's table in dialect.h spells it: CURRENT_DATE(),
// CURRENT_TIMESTAMP(), DATEADD(unit, n, x), DATE_TRUNC(unit, x) and DATE(x). With
// an as-of time, every clock of the source and the target dialect becomes the
// literal of that time, so that a run has one clock and is reproducible; a clock
// that no literal can replace throws TranslationError naming it.

#include <optional>
#include <stdexcept>
#include <string>

#include "opsctl/core/error.h"
#include "opsctl/core/timestamp.h"

namespace opsctl {

// The SQL cannot be translated (an unknown date part, an unbalanced call, a clock
// that cannot be pinned to the as-of time, an unknown dialect, ...).
class TranslationError : public Error {
  public:
    using Error::Error;
};

struct TranslationOptions {
    std::string source_dialect = "snowflake";  // names or aliases of dialect.h
    std::string target_dialect = "snowflake";
    std::optional<Timestamp> as_of;
};

std::string translate_sql(const std::string& sql, const TranslationOptions& options);

// "day", "days", "dd", 'DAY' ... -> "day"; empty when unknown. Shared with the
// SQLite functions that implement DATEADD and DATE_TRUNC.
std::string canonical_date_part(std::string part);

}  // namespace opsctl
