// Which columns of a report step become which series, from the values as connectors
// return them (text), never from the column names.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "opsctl/core/display_value.h"
#include "opsctl/report/chart_choice.h"

using opsctl::Cell;
using opsctl::ChartKind;
using opsctl::choose_charts;
using opsctl::classify_value;
using opsctl::ValueKind;

namespace {

// A row of cells; nullptr is NULL.
std::vector<Cell> row(std::initializer_list<const char*> values) {
    std::vector<Cell> cells;
    for (const char* value : values) cells.push_back(value ? Cell::of(value) : Cell::null());
    return cells;
}

std::vector<std::string> series_names(const opsctl::ChartSpec& chart) {
    std::vector<std::string> names;
    for (const auto& series : chart.series) names.push_back(series.name);
    return names;
}

}  // namespace

TEST_CASE("values are read as the warehouse returns them", "[chart_choice]") {
    CHECK(classify_value(Cell::of("2026-11")) == ValueKind::Month);
    CHECK(classify_value(Cell::of("2026-W47")) == ValueKind::Week);
    CHECK(classify_value(Cell::of("2026-11-01")) == ValueKind::Date);
    CHECK(classify_value(Cell::of("2026-11-01 00:00:00+00")) == ValueKind::Timestamp);
    CHECK(classify_value(Cell::of("2026-11-01T08:30:00.123Z")) == ValueKind::Timestamp);
    CHECK(classify_value(Cell::of("2026-11-01 08:30+05:30")) == ValueKind::Timestamp);
    CHECK(classify_value(Cell::of("-12.50")) == ValueKind::Number);
    CHECK(classify_value(Cell::of(" 42 ")) == ValueKind::Number);
    CHECK(classify_value(Cell::of("4.2E-7")) == ValueKind::Number);
    CHECK(classify_value(Cell::of("")) == ValueKind::Blank);
    CHECK(classify_value(Cell::of("   ")) == ValueKind::Blank);
    CHECK(classify_value(Cell::null()) == ValueKind::Blank);
    CHECK(classify_value(Cell::of("2026-13")) == ValueKind::Text);
    CHECK(classify_value(Cell::of("2026-11-01 noon")) == ValueKind::Text);
    CHECK(classify_value(Cell::of("NaN")) == ValueKind::Text);
    CHECK(classify_value(Cell::of("1,234")) == ValueKind::Text);
    CHECK(classify_value(Cell::of("eu-west")) == ValueKind::Text);
}

TEST_CASE("a first column of months, weeks, dates or time stamps makes lines", "[chart_choice]") {
    for (const auto& [first, second] : {std::pair{"2026-10", "2026-11"},
                                        {"2026-W46", "2026-W47"},
                                        {"2026-10-01", "2026-11-01"},
                                        {"2026-10-01 00:00:00+00", "2026-11-01 00:00:00+00"}}) {
        const auto choice =
            choose_charts({"period", "shipments", "late_shipments"},
                          {row({first, "1570", "920"}), row({second, "1569", "870"})});
        REQUIRE(choice.charts.size() == 1);
        CHECK(choice.charts[0].kind == ChartKind::Line);
        CHECK(choice.charts[0].axis == "period");
        // As the tables show them: midnight UTC as its date.
        CHECK(choice.charts[0].labels == std::vector<std::string>{opsctl::display_value(first),
                                                                  opsctl::display_value(second)});
        CHECK(series_names(choice.charts[0]) ==
              std::vector<std::string>{"shipments", "late_shipments"});
        CHECK(choice.notes.empty());
    }
}

TEST_CASE("a label reads as the table shows its value", "[chart_choice]") {
    const auto choice = choose_charts({"hour", "n"}, {row({"2026-11-01 00:00:00+00", "1"}),
                                                      row({"2026-11-01 08:00:00+00", "2"})});
    REQUIRE(choice.charts.size() == 1);
    CHECK(choice.charts[0].labels ==
          std::vector<std::string>{"2026-11-01", "2026-11-01 08:00 UTC"});
}

TEST_CASE("the names do not decide: a column called month of categories makes bars",
          "[chart_choice]") {
    const auto choice = choose_charts(
        {"month", "cost"}, {row({"wh_etl", "120.5"}), row({"wh_bi", "80"}), row({nullptr, "3"})});
    REQUIRE(choice.charts.size() == 1);
    CHECK(choice.charts[0].kind == ChartKind::Bar);
    CHECK(choice.charts[0].labels == std::vector<std::string>{"wh_etl", "wh_bi", "(null)"});
    CHECK(choice.charts[0].series[0].values ==
          std::vector<std::optional<double>>{120.5, 80.0, 3.0});
}

TEST_CASE("NULLs and blanks are gaps in a line, not zeros", "[chart_choice]") {
    const auto choice =
        choose_charts({"month", "growth_pct"},
                      {row({"2026-09", nullptr}), row({"2026-10", ""}), row({"2026-11", "-3.25"})});
    REQUIRE(choice.charts.size() == 1);
    CHECK(choice.charts[0].series[0].values ==
          std::vector<std::optional<double>>{std::nullopt, std::nullopt, -3.25});
}

TEST_CASE("what is not charted is said", "[chart_choice]") {
    SECTION("a column of numbers and text") {
        const auto choice =
            choose_charts({"month", "revenue", "note"},
                          {row({"2026-10", "12", "ok"}), row({"2026-11", "n/a", "late"})});
        CHECK(choice.charts.empty());
        CHECK(choice.notes ==
              std::vector<std::string>{"revenue: mixed numbers and text, not charted"});
    }
    SECTION("more rows than points") {
        const auto choice =
            choose_charts({"month", "n"},
                          {row({"2026-09", "1"}), row({"2026-10", "2"}), row({"2026-11", "3"})}, 2);
        CHECK(choice.charts.empty());
        CHECK(choice.notes == std::vector<std::string>{"3 rows: more than 2 points, not charted"});
    }
    SECTION("a total row without a month on a time axis") {
        const auto choice = choose_charts(
            {"month", "n"}, {row({"2026-10", "1"}), row({"2026-11", "2"}), row({nullptr, "3"})});
        REQUIRE(choice.charts.size() == 1);
        CHECK(choice.charts[0].labels == std::vector<std::string>{"2026-10", "2026-11"});
        CHECK(choice.notes == std::vector<std::string>{"a row without month, not charted"});
    }
}

TEST_CASE("no chart without numbers, or with one row", "[chart_choice]") {
    CHECK(
        choose_charts({"table_name", "owner"}, {row({"a", "x"}), row({"b", "y"})}).charts.empty());
    CHECK(choose_charts({"month", "n"}, {row({"2026-11", "1"})}).charts.empty());
    CHECK(choose_charts({"n"}, {row({"1"}), row({"2"})}).charts.empty());
    CHECK(choose_charts({"month", "n"}, {row({"2026-10", nullptr}), row({"2026-11", ""})})
              .charts.empty());
}

TEST_CASE("series of different scales get their own chart", "[chart_choice]") {
    const auto choice = choose_charts({"month", "on_time_rate", "revenue", "shipments"},
                                      {row({"2026-10", "92.04", "2079508.15", "1570"}),
                                       row({"2026-11", "92", "1693153.16", "1288"})});
    REQUIRE(choice.charts.size() == 3);
    CHECK(series_names(choice.charts[0]) == std::vector<std::string>{"revenue"});
    CHECK(series_names(choice.charts[1]) == std::vector<std::string>{"shipments"});
    CHECK(series_names(choice.charts[2]) == std::vector<std::string>{"on_time_rate"});

    const auto close =
        choose_charts({"month", "compute", "cloud"},
                      {row({"2026-10", "146.5", "16.3"}), row({"2026-11", "144", "16"})});
    REQUIRE(close.charts.size() == 1);
    CHECK(series_names(close.charts[0]) == std::vector<std::string>{"compute", "cloud"});
}
