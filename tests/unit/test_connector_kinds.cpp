// The texts that list the kinds of target come from the connector_kinds table: the
// message for a target of no kind and the --target help.

#include <catch2/catch.hpp>

#include "opsctl/connect/connector_kinds.h"
#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"

TEST_CASE("connector kinds: every kind's forms, the demo's last", "[kinds]") {
    CHECK(opsctl::target_forms_for_message() ==
          "postgresql://..., a key=value conninfo, sqlite:PATH, odbc:... or demo");
    CHECK(opsctl::target_forms_for_help() ==
          "postgresql://..., key=value conninfo, sqlite:PATH, odbc:DSN=name, "
          "odbc:Driver={...};..., demo, demo:faults or demo:feeds-stopped");
    CHECK_THROWS_WITH(opsctl::parse_target("mysql://db"),
                      "unknown target \"mysql://db\": expected postgresql://..., a key=value "
                      "conninfo, sqlite:PATH, odbc:... or demo");
}
