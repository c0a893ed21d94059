// The statement a connector sends: one, without its ';' and the comments after it,
// whatever quotes and comments hold a ';' of their own.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/translate/sql_lexer.h"

using opsctl::first_statement;
using opsctl::has_several_statements;

TEST_CASE("first_statement drops the ';' and the comments after it", "[sql-lexer]") {
    CHECK(first_statement("SELECT 1 AS one") == "SELECT 1 AS one");
    CHECK(first_statement("SELECT 1 AS one;") == "SELECT 1 AS one");
    CHECK(first_statement("SELECT 1 AS one; -- a comment\n") == "SELECT 1 AS one");
    CHECK(first_statement("SELECT 1 AS one ;/* c */ ;") == "SELECT 1 AS one");
    CHECK(first_statement("SELECT 1 AS one -- a comment") == "SELECT 1 AS one -- a comment");
    CHECK(first_statement("  \n") == "");
}

TEST_CASE("first_statement keeps a ';' inside strings, identifiers and comments", "[sql-lexer]") {
    CHECK(first_statement("SELECT ';' AS s; -- x") == "SELECT ';' AS s");
    CHECK(first_statement("SELECT 1 AS \"a;b\"") == "SELECT 1 AS \"a;b\"");
    CHECK(first_statement("SELECT 1 /* ; */ AS one;") == "SELECT 1 /* ; */ AS one");
    CHECK(first_statement("SELECT 1 -- ;\n AS one") == "SELECT 1 -- ;\n AS one");
}

TEST_CASE("has_several_statements sees a statement after the ';', not a comment", "[sql-lexer]") {
    CHECK_FALSE(has_several_statements("SELECT 1; -- done"));
    CHECK_FALSE(has_several_statements("SELECT ';DELETE FROM t'"));
    CHECK(has_several_statements("SELECT 1; DELETE FROM t"));
    CHECK(has_several_statements("SELECT 1;;SELECT 2"));
}
