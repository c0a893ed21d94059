// The parser of PostgreSQL's COPY ... (FORMAT csv) rows, on the shapes the server
// produces: NULL as an unquoted empty field, the empty string quoted, quotes doubled,
// delimiters and line breaks inside quotes.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/connect/copy_csv_row.h"

using opsctl::Cell;
using opsctl::parse_copy_csv_row;

namespace {

std::vector<Cell> parse(const std::string& line) {
    std::vector<Cell> cells;
    REQUIRE(parse_copy_csv_row(line, cells));
    return cells;
}

}  // namespace

TEST_CASE("COPY csv: plain fields, with and without the final newline", "[unit][copy]") {
    for (const std::string line : {"1,abc,2.5\n", "1,abc,2.5"}) {
        const auto cells = parse(line);
        REQUIRE(cells.size() == 3);
        CHECK(cells[0].text == "1");
        CHECK(cells[1].text == "abc");
        CHECK(cells[2].text == "2.5");
        for (const Cell& cell : cells) CHECK_FALSE(cell.is_null);
    }
}

TEST_CASE("COPY csv: an unquoted empty field is NULL, a quoted one the empty string",
          "[unit][copy]") {
    const auto cells = parse(",\"\",x,\n");
    REQUIRE(cells.size() == 4);
    CHECK(cells[0].is_null);
    CHECK_FALSE(cells[1].is_null);
    CHECK(cells[1].text.empty());
    CHECK(cells[2].text == "x");
    CHECK(cells[3].is_null);

    const auto single_null = parse("\n");
    REQUIRE(single_null.size() == 1);
    CHECK(single_null[0].is_null);
}

TEST_CASE("COPY csv: quotes, delimiters and line breaks inside quoted fields", "[unit][copy]") {
    const auto cells = parse("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\"\"\n");
    REQUIRE(cells.size() == 4);
    CHECK(cells[0].text == "a,b");
    CHECK(cells[1].text == "say \"hi\"");
    CHECK(cells[2].text == "two\nlines");
    CHECK(cells[3].text == "\"");
}

TEST_CASE("COPY csv: Unicode passes through byte for byte", "[unit][copy]") {
    const auto cells = parse("tbl_配送_ü,\"Ωmega 🚚\"\n");
    REQUIRE(cells.size() == 2);
    CHECK(cells[0].text == "tbl_配送_ü");
    CHECK(cells[1].text == "Ωmega 🚚");
}

TEST_CASE("COPY csv: cells are reused across rows, and a shorter row shrinks them",
          "[unit][copy]") {
    std::vector<Cell> cells;
    REQUIRE(parse_copy_csv_row("a long first value,2,3\n", cells));
    REQUIRE(parse_copy_csv_row(",b\n", cells));
    REQUIRE(cells.size() == 2);
    CHECK(cells[0].is_null);
    CHECK(cells[0].text.empty());
    CHECK(cells[1].text == "b");
}

TEST_CASE("COPY csv: malformed rows are refused, not half-read", "[unit][copy]") {
    std::vector<Cell> cells;
    CHECK_FALSE(parse_copy_csv_row("\"unterminated\n", cells));
    CHECK_FALSE(parse_copy_csv_row("\"quoted\"tail,1\n", cells));
    CHECK_FALSE(parse_copy_csv_row("bare\"quote,1\n", cells));
}
