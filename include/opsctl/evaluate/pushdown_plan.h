#pragma once
// Whether a step's thresholds can be evaluated inside the warehouse with the same
// verdict as the client's (issue 22), and why not. Default deny: a rule kind, a
// column type or a step shape not positively handled here stays on the client, with
// the reason naming the rule or the column.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "opsctl/runbook/model.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

// --evaluate: where a step's thresholds are evaluated. Auto: in the warehouse when the
// plan allows, else on the client; Warehouse: a step that cannot be is an error.
enum class EvaluationMode { Auto, Warehouse, Client };

// "auto", "warehouse" or "client"; nullopt for anything else.
std::optional<EvaluationMode> parse_evaluation_mode(std::string_view word);

// What a column holds, as far as the exactness of a predicate goes.
enum class ValueClass {
    Unknown,  // not read (render), or no declared type (SQLite: checked row by row)
    Integer,
    Decimal,  // exact: NUMERIC, DECIMAL, NUMBER(p, s)
    Float,
    Text,
    Boolean,
    Date,
    Timestamp,    // without a time zone: UTC, as the client reads it
    TimestampTz,  // PostgreSQL only: its session is in UTC (connect/postgres_connector)
    Other,
};

// The class of a type as the dialect's `type_of` names it ("numeric", "NUMBER(38,0)[SB16]",
// "varchar(20)"); Other for anything not listed.
ValueClass value_class(std::string_view dialect, std::string_view type_name);

// A column of the step's result, as the engine spells its name, with its type name.
struct ResultColumn {
    std::string name;
    std::string type;
};

// A column the query refers to: as written in it (quoted when needed) and its class.
struct PlannedColumn {
    std::string sql;
    ValueClass value_class = ValueClass::Unknown;
};

struct PlannedExpectation {
    PlannedColumn value;
    std::vector<std::optional<PlannedColumn>> others;  // per rule: the other column of *_column
};

struct PushdownPlan {
    bool in_warehouse = false;
    std::string reason;          // why the client, naming the rule or column; "" in the warehouse
    bool types_checked = false;  // false: planned without the result's types (render)
    std::vector<PlannedExpectation> expectations;  // per expectation of the step
    std::vector<PlannedColumn> key;
    std::vector<PlannedColumn> show;
    std::optional<PlannedColumn> measure;  // the column evaluate/measure reads, if any
    bool measure_above = true;             // its worst value is the largest (else smallest)
};

// The plan of a bound `step` (runbook/variables.h) for `dialect`. With `columns` (the
// result's names and types, read without scanning) every column is checked; without,
// only the rules and the step's shape are (what `render` can tell), and columns are
// named as the runbook spells them.
PushdownPlan plan_pushdown(const Step& step, const Dialect& dialect,
                           const std::optional<std::vector<ResultColumn>>& columns);

// The threshold as an exact SQL number literal ("0.7", "-12", "1500"); nullopt when
// its digits cannot be carried exactly by every engine's literals and doubles alike.
std::optional<std::string> exact_number_literal(std::string_view number_text);

}  // namespace opsctl
