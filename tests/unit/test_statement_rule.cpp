// What a check may say (issue 14, item 2): reading statements pass, everything else is
// refused at load naming its keyword, whatever comments, blanks and parentheses
// come first.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/runbook/loader.h"
#include "opsctl/runbook/statement_rule.h"

using opsctl::load_runbook_text;
using opsctl::refused_statement;

TEST_CASE("statement rule: reading statements pass", "[statement-rule]") {
    const std::vector<std::string> reading = {
        "SELECT 1",
        "  select 1",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "VALUES (1), (2)",
        "TABLE t",
        "SHOW TimeZone",
        "DESCRIBE t",
        "desc t",
        "EXPLAIN SELECT 1",
        "EXPLAIN (FORMAT json) SELECT 1",
        "EXPLAIN VERBOSE SELECT 1",
        "((SELECT 1))",
        "-- a comment\n/* another /* nested */ one */ (SELECT 1)",
        "SELECT 1 -- COPY t TO PROGRAM 'x'",
    };
    for (const auto& sql : reading) {
        INFO(sql);
        CHECK_FALSE(refused_statement(sql).has_value());
    }
}

TEST_CASE("statement rule: everything else is refused, naming its keyword", "[statement-rule]") {
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"COPY t TO PROGRAM 'touch /tmp/x'", "COPY"},
        {"copy (select 1) to '/tmp/x'", "COPY"},
        {"CALL p()", "CALL"},
        {"DO $$ BEGIN END $$", "DO"},
        {"PRAGMA query_only = 0", "PRAGMA"},
        {"VACUUM", "VACUUM"},
        {"ATTACH DATABASE 'x' AS y", "ATTACH"},
        {"SET transaction_read_only = off", "SET"},
        {"COMMIT", "COMMIT"},
        {"LOCK TABLE t IN ACCESS EXCLUSIVE MODE", "LOCK"},
        {"CHECKPOINT", "CHECKPOINT"},
        {"DELETE FROM t", "DELETE"},
        {"/* SELECT */ DELETE FROM t", "DELETE"},
        // Nested comments as PostgreSQL reads them: the comment ends after the second */.
        {"/* /* */ SELECT */ TRUNCATE t", "TRUNCATE"},
        {"( INSERT INTO t VALUES (1))", "INSERT"},
    };
    for (const auto& [sql, keyword] : refused) {
        INFO(sql);
        const auto refusal = refused_statement(sql);
        REQUIRE(refusal.has_value());
        CHECK(refusal->find("not " + keyword) != std::string::npos);
    }
}

TEST_CASE("statement rule: EXPLAIN ANALYZE runs its statement and is refused", "[statement-rule]") {
    for (const std::string sql :
         {"EXPLAIN ANALYZE DELETE FROM t", "explain analyse select 1",
          "EXPLAIN VERBOSE ANALYZE SELECT 1", "EXPLAIN (ANALYZE) DELETE FROM t",
          "EXPLAIN (FORMAT json, ANALYZE true) SELECT 1", "EXPLAIN (ANALYZE false) SELECT 1"}) {
        INFO(sql);
        const auto refusal = refused_statement(sql);
        REQUIRE(refusal.has_value());
        CHECK(refusal->find("EXPLAIN ANALYZE") != std::string::npos);
    }
    CHECK_FALSE(refused_statement("EXPLAIN SELECT analyze FROM t").has_value());
    CHECK(refused_statement("-- nothing").has_value());
    CHECK(refused_statement("'SELECT'").has_value());
}

TEST_CASE("statement rule: the loader refuses the step, naming it and the keyword",
          "[statement-rule][loader]") {
    const std::string text =
        R"({"runbook": "r", "checklists": [{"name": "c", "steps": [)"
        R"({"id": "plant", "sql": {"postgresql": "SELECT 1", "sqlite": "PRAGMA query_only = 0"}, "report": true},)"
        R"({"id": "wipe", "sql": "COPY t TO PROGRAM 'rm -rf /'", "report": true}]}]})";
    const auto result = load_runbook_text(text, "r.json");
    CHECK_FALSE(result.runbook.has_value());
    std::vector<std::string> lines;
    for (const auto& diagnostic : result.diagnostics) lines.push_back(diagnostic.to_string());
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("checklists[0].steps[0].sql.sqlite: step \"plant\": a check only reads") !=
          std::string::npos);
    CHECK(lines[0].find("not PRAGMA") != std::string::npos);
    CHECK(lines[1].find("checklists[0].steps[1].sql: step \"wipe\"") != std::string::npos);
    CHECK(lines[1].find("not COPY") != std::string::npos);
}
