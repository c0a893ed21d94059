// The stand-in's list of its own relations, and when a load may replace what it finds.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "opsctl/core/error.h"
#include "opsctl/standin/standin_inventory.h"

using opsctl::StandinInventory;

namespace {

// The names of "CREATE TABLE name" and "CREATE VIEW name" in a schema script.
std::set<std::string> created_in(const std::string& dialect) {
    std::ifstream in(std::string(OPSCTL_SOURCE_DIR) + "/sql/" + dialect + "/schema.sql");
    std::set<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string create, kind, name;
        words >> create >> kind >> name;
        if (create == "CREATE" && (kind == "TABLE" || kind == "VIEW")) names.insert(name);
    }
    return names;
}

}  // namespace

TEST_CASE("standin inventory: its relations are exactly what schema.sql creates", "[standin]") {
    const auto& listed = opsctl::standin_relations();
    const std::set<std::string> names(listed.begin(), listed.end());
    CHECK(names.size() == listed.size());
    CHECK(created_in("postgresql") == names);
    CHECK(created_in("sqlite") == names);
}

TEST_CASE("standin inventory: unmarked relations or dependents are refused, --replace allows",
          "[standin]") {
    StandinInventory fresh;
    CHECK_NOTHROW(opsctl::check_replaceable(fresh, false, "db"));
    StandinInventory ours;
    ours.existing = {{"tbl_fact_shipments", "table"}, {"vw_consolidated_dashboard", "view"}};
    ours.marked = true;
    CHECK_NOTHROW(opsctl::check_replaceable(ours, false, "db"));
    CHECK(opsctl::drop_order(ours).front().name == "vw_consolidated_dashboard");

    StandinInventory real = ours;
    real.marked = false;
    CHECK_THROWS_WITH(opsctl::check_replaceable(real, false, "db"),
                      "refusing to load the stand-in into db: it holds table tbl_fact_shipments, "
                      "view vw_consolidated_dashboard without the stand-in's marker (standin_meta "
                      "with its signature); nothing was changed (--replace replaces them, and "
                      "drops what depends on them)");
    CHECK_NOTHROW(opsctl::check_replaceable(real, true, "db"));

    StandinInventory depended = ours;
    depended.dependents = {"view public.mine"};
    CHECK_THROWS_WITH(opsctl::check_replaceable(depended, false, "db"),
                      Catch::Contains("depend on its relations: view public.mine"));
    CHECK_NOTHROW(opsctl::check_replaceable(depended, true, "db"));
}
