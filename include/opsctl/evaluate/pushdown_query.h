#pragma once
// The one query that evaluates a step's thresholds inside the warehouse (issue 22),
// built from its plan (evaluate/pushdown_plan) and the dialect's spellings. It scans
// the step's result once and groups it: every healthy row falls into one group, each
// offending row (or identical ones) into a group of its own, so that what comes back
// is the offending rows, not every row. Per row and expectation a code says which
// breach the client would have recorded, if any (the worst; between equals the
// first rule's); windows over the few groups give the totals.
//
// Columns of the result, in this order:
//   opsctl_e<E>              per expectation: 0 healthy, else 1 + the index of its branch
//   opsctl_undecided         1: the rows of the group hold what SQL cannot decide exactly
//   opsctl_key_<K>, opsctl_show_<S>, opsctl_value_<E>, opsctl_other_<E>_<R>
//                            the offending row's columns; NULL in the healthy group
//   opsctl_rows              the rows in the group
//   opsctl_measure           (with a measure) the group's worst finite value
//   opsctl_total             every row of the result
//   opsctl_undecided_rows    rows SQL could not decide: then the client evaluates the step
//   opsctl_count_<E>_<C>     rows of each expectation's branch, for every branch
//   opsctl_measure_all       (with a measure) the worst finite value of every row
// The groups come healthy first, then by key (bytes of its text, NULL last), then by
// value: at most `groups_kept` of them. A step without expectations returns only
// opsctl_total.

#include <cstddef>
#include <string>
#include <vector>

#include "opsctl/core/timestamp.h"
#include "opsctl/evaluate/pushdown_plan.h"
#include "opsctl/runbook/model.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

// What a code of opsctl_e<E> stands for.
enum class BranchKind {
    Null,       // the value is NULL (on_null)
    Breach,     // the rule's threshold is breached
    OtherNull,  // *_column: the other column is NULL
    Future,     // *_older_than: a time after the as-of time (clock skew)
};

struct PushdownBranch {
    BranchKind kind = BranchKind::Breach;
    size_t rule = 0;  // index into the expectation's rules; 0 for Null
    Severity severity = Severity::Fail;
};

struct PushdownQuery {
    std::string sql;
    // Per expectation, its branches; code c stands for branches[c - 1].
    std::vector<std::vector<PushdownBranch>> branches;
    size_t groups_kept = 0;
};

// The query for a bound `step` whose `plan` is in the warehouse; `step_sql` is the
// step's SQL as it would be sent alone. `violations_kept` bounds the groups returned.
PushdownQuery build_pushdown_query(const Step& step, const PushdownPlan& plan,
                                   const Dialect& dialect, const std::string& step_sql,
                                   Timestamp as_of, size_t violations_kept);

// `SELECT * FROM (<sql>) q LIMIT 0`: the result's column names, without a scan.
std::string column_probe_query(const std::string& step_sql);

// One row with the type name of each of `names` (dialect's type_of over the NULLs of
// an empty result); "" when the dialect has no such function (SQLite).
std::string type_probe_query(const Dialect& dialect, const std::string& step_sql,
                             const std::vector<std::string>& names);

}  // namespace opsctl
