// A step evaluated in the warehouse (evaluate/pushdown_plan, pushdown_query,
// pushdown_result) gives the verdict the client gives: random values around each
// threshold (NULL, equal, one ulp either side, text that looks like a number, NaN,
// infinities, times at the edge of the age and of the future tolerance), on a real
// PostgreSQL and a real SQLite file. Values SQL cannot judge exactly must send the
// step back to the client (undecided), never to a different verdict.

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "integration_support.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"
#include "opsctl/evaluate/pushdown_result.h"
#include "support/test_support.h"

using namespace opsctl;

namespace {

struct Engine {
    std::string dialect;
    std::function<void(const std::string&)> exec;
    Connector* connector;
    std::vector<std::string> numbers;  // SQL literals around 10
    std::vector<std::string> undecidable_numbers;
    std::vector<std::string> times;  // around 2h before the as-of time and after it
    std::vector<std::string> undecidable_times;
};

const std::vector<std::string> kWords{"'error'", "'ERROR  '", "'Error'", "'ok'", "'OK '",
                                      "'true'",  "'t'",       "''",      "'é'",  "NULL"};

Step property_step(bool with_times) {
    Step step;
    step.id = "property";
    step.kind = StepKind::Sql;
    step.key = {"k"};
    step.show = {"s"};
    Expectation v;
    v.column = "v";
    Rule above;
    above.kind = RuleKind::Above;
    above.severity = Severity::Fail;
    above.name = "fail_above";
    above.number = 10;
    above.number_text = "10";
    Rule below = above;
    below.kind = RuleKind::Below;
    below.severity = Severity::Warn;
    below.name = "warn_below";
    below.number = 9.5;
    below.number_text = "9.5";
    Rule column;
    column.kind = RuleKind::AboveColumn;
    column.severity = Severity::Warn;
    column.name = "warn_above_column";
    column.column = "o";
    v.rules = {below, above, column};
    Expectation s;
    s.column = "s";
    s.on_null = NullPolicy::Warn;
    Rule listed;
    listed.kind = RuleKind::EqualsAny;
    listed.severity = Severity::Fail;
    listed.name = "fail_if";
    listed.strings = {"error", "false"};
    Rule unlisted = listed;
    unlisted.kind = RuleKind::EqualsNone;
    unlisted.severity = Severity::Warn;
    unlisted.name = "warn_unless";
    unlisted.strings = {"ok", "true", "error"};
    s.rules = {listed, unlisted};
    step.expectations = {v, s};
    if (with_times) {
        Expectation t;
        t.column = "ts";
        t.on_null = NullPolicy::Pass;
        Rule old;
        old.kind = RuleKind::OlderThan;
        old.severity = Severity::Fail;
        old.name = "fail_older_than";
        old.age = std::chrono::hours(2);
        t.rules = {old};
        step.expectations.push_back(t);
    }
    return step;
}

StepResult client_result(Engine& engine, const Step& step, const std::string& sql) {
    RowEvaluator evaluator(step, itest::as_of(), EvaluationLimits{.rows_kept = 0});
    engine.connector->query(sql, evaluator, std::chrono::seconds(30));
    StepResult result;
    evaluator.finish(result);
    return result;
}

// nullopt: the warehouse found rows it cannot judge, and the client must.
std::optional<StepResult> warehouse_result(Engine& engine, const Step& step,
                                           const std::string& sql) {
    const Dialect& dialect = *find_dialect(engine.dialect);
    const auto names = itest::collect(*engine.connector, column_probe_query(sql)).columns;
    std::vector<ResultColumn> columns;
    const std::string types = type_probe_query(dialect, sql, names);
    const auto typed =
        types.empty() ? itest::CollectingSink{} : itest::collect(*engine.connector, types);
    for (size_t i = 0; i < names.size(); ++i) {
        columns.push_back({names[i], typed.rows.empty() ? "" : typed.rows[0][i].text});
    }
    const PushdownPlan plan = plan_pushdown(step, dialect, columns);
    INFO(plan.reason);
    REQUIRE(plan.in_warehouse);
    const PushdownQuery query = build_pushdown_query(step, plan, dialect, sql, itest::as_of(), 50);
    PushdownResultReader reader(step, plan, query, itest::as_of(), 50);
    engine.connector->query(query.sql, reader, std::chrono::seconds(30));
    if (reader.undecided()) return std::nullopt;
    StepResult result;
    reader.finish(result, names);
    return result;
}

std::string describe(const StepResult& result) {
    std::string out = std::string(to_string(result.status)) + " | " + result.message + " | " +
                      std::to_string(result.row_count.value_or(0)) + " rows, " +
                      std::to_string(result.violation_count) + " violations\n";
    for (const auto& v : result.violations) {
        out += v.key + " " + v.rule + " " + (v.severity == Severity::Fail ? "fail" : "warn") + " " +
               v.column + "=" + v.value.value_or("NULL") + " [" + v.threshold + "] " + v.reason +
               " {";
        for (const auto& c : v.context) out += c.column + "=" + c.value.value_or("NULL") + ";";
        out += "}\n";
    }
    if (result.measure) out += "measure " + result.measure->value_text + "\n";
    return out;
}

void check_equivalence(Engine& engine, unsigned seed_base) {
    const bool with_times = !engine.times.empty();
    const Step step = property_step(with_times);
    const std::string sql =
        std::string("SELECT k, v, o, s") + (with_times ? ", ts" : "") + " FROM t ORDER BY k";
    int decided = 0;
    int undecided = 0;
    for (unsigned trial = 0; trial < 24; ++trial) {
        std::mt19937 random(seed_base + trial);
        const bool doubtful = trial % 4 == 3;
        std::vector<std::string> numbers = engine.numbers;
        std::vector<std::string> times = engine.times;
        if (doubtful) {
            numbers.insert(numbers.end(), engine.undecidable_numbers.begin(),
                           engine.undecidable_numbers.end());
            times.insert(times.end(), engine.undecidable_times.begin(),
                         engine.undecidable_times.end());
        }
        const auto pick = [&](const std::vector<std::string>& pool) {
            return pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(random)];
        };
        std::string values;
        const int rows = std::uniform_int_distribution<int>(0, 70)(random);
        for (int r = 0; r < rows; ++r) {
            char key[16];
            std::snprintf(key, sizeof key, "'k%03d'", r);
            values += std::string(values.empty() ? "" : ", ") + "(" + key + ", " + pick(numbers) +
                      ", " + pick(numbers) + ", " + pick(kWords) +
                      (with_times ? ", " + pick(times) : "") + ")";
        }
        engine.exec("DELETE FROM t;" +
                    (values.empty() ? "" : "INSERT INTO t VALUES " + values + ";"));
        const StepResult client = client_result(engine, step, sql);
        const auto warehouse = warehouse_result(engine, step, sql);
        INFO(engine.dialect << " trial " << trial << ": " << values);
        if (!warehouse) {
            ++undecided;
            CHECK(doubtful);  // only a value of the doubtful pools is undecidable
            continue;
        }
        ++decided;
        CHECK(describe(*warehouse) == describe(client));
    }
    CHECK(decided >= 18);
    CHECK(undecided >= 1);
}

}  // namespace

TEST_CASE("pushdown equivalence: random values around each threshold on PostgreSQL",
          "[pushdown][postgres]") {
    const std::string database = test::fresh_pg_database("pushdown_equivalence");
    test::pg_admin(database,
                   "CREATE TABLE t (k text, v numeric, o numeric, s text, ts timestamptz)");
    PostgresConnector connector(test::pg_uri(database));
    const Timestamp as_of = itest::as_of();
    const auto at = [&](std::int64_t seconds) {
        return "'" + format_timestamp(Timestamp{as_of.epoch_seconds + seconds, false}) + "+00'";
    };
    Engine engine{"postgresql",
                  [&](const std::string& sql) { test::pg_admin(database, sql); },
                  &connector,
                  {"NULL", "10", "10.0", "9.99999999999999999999", "10.00000000000000000001", "11",
                   "9.5", "9.49", "-10", "0", "'Infinity'", "'-Infinity'", "1e30"},
                  {"'NaN'"},
                  {"NULL", at(-7200), at(-7201), at(-7199), at(300), at(301), at(302),
                   at(-7200) + "::timestamptz + interval '0.5 second'", at(-86400 * 400)},
                  {"'infinity'", "'-infinity'"}};
    check_equivalence(engine, 1000);
}

TEST_CASE("pushdown equivalence: random values around each threshold on SQLite",
          "[pushdown][sqlite]") {
    test::TempDir dir;
    itest::SqliteFile file(dir.file("pushdown.db"));
    file.exec("CREATE TABLE t (k TEXT, v, o, s TEXT)");
    SqliteConnector connector(file.path());
    Engine engine{"sqlite",
                  [&](const std::string& sql) { file.exec(sql); },
                  &connector,
                  {"NULL", "10", "10.0", "9.999999999999998", "10.000000000000002", "11", "9.5",
                   "9.499999999999998", "-10", "0", "1e999", "-1e999", "9223372036854775807"},
                  {"'10'", "' 10'", "'abc'", "X'00'"},
                  {},
                  {}};
    check_equivalence(engine, 2000);
}
