#pragma once
// What a check may say: a step's SQL reads. It starts (after comments, blanks and
// opening parentheses) with SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE/DESC or
// EXPLAIN without ANALYZE. COPY, CALL, DO, PRAGMA, ATTACH, SET, COMMIT, LOCK... are
// refused before anything runs: a read-only transaction alone does not stop all of
// them, and some (PRAGMA query_only, SET) would change what a later step may do.

#include <optional>
#include <string>
#include <string_view>

namespace opsctl {

// Why `sql` may not be a check's statement (naming its first keyword), or nothing
// when it may.
std::optional<std::string> refused_statement(std::string_view sql);

}  // namespace opsctl
