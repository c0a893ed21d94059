// resolve_target: --target / OPSCTL_TARGET, else the config's default target, else the
// demo; names resolve to spec strings without secrets; secrets are read only from
// the environment or a private file.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "opsctl/config/config.h"
#include "opsctl/config/target_resolution.h"
#include "opsctl/core/error.h"
#include "support/test_support.h"

using opsctl::Config;
using opsctl::parse_config;
using opsctl::resolve_target;
using opsctl::ResolvedTarget;
using opsctl::SecretSource;
using opsctl::TargetKind;
using opsctl::UsageError;

namespace {

Config sample_config() {
    Config config = parse_config(R"({
  "default_target": "prod",
  "targets": {
    "prod": {"connector": "postgres", "host": "db.example", "port": 5433, "dbname": "wh",
             "user": "o'ps", "password_env": "OPSCTL_TEST_PROD_PW",
             "variables": {"freshness_fail_minutes": 500, "unused_elsewhere": 1}},
    "uri": {"connector": "postgres", "dsn": "postgresql://ops@db/wh", "dialect": "redshift",
            "password_file": "secrets/pw"},
    "local": {"connector": "sqlite", "path": "data/wh.db"},
    "abs": {"connector": "sqlite", "dsn": "sqlite:/srv/wh.db"},
    "snow": {"connector": "odbc", "dsn": "DSN=snow;Uid=ops", "dialect": "snowflake",
             "password_env": "SNOW_PW"},
    "faulty": {"connector": "demo", "dsn": "demo:faults"}
  }
})",
                                 "/etc/opsctl/config.json");
    config.base_dir = "/etc/opsctl";
    return config;
}

std::string usage_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("no UsageError");
    return {};
}

}  // namespace

TEST_CASE("precedence: the requested target, else the default target, else the demo",
          "[config][resolution]") {
    const Config config = sample_config();
    CHECK(resolve_target("", config).name == "prod");
    CHECK(resolve_target("local", config).name == "local");
    const ResolvedTarget spec = resolve_target("postgresql://x@h/db", config);
    CHECK(spec.name.empty());
    CHECK(spec.spec == "postgresql://x@h/db");
    CHECK_FALSE(spec.implicit_demo);
    const ResolvedTarget demo = resolve_target("", std::nullopt);
    CHECK(demo.spec == "demo");
    CHECK(demo.implicit_demo);
    Config no_default = config;
    no_default.default_target.clear();
    CHECK(resolve_target("", no_default).implicit_demo);
    CHECK(resolve_target("demo", config).spec == "demo");
    CHECK_FALSE(resolve_target("demo", config).implicit_demo);
}

TEST_CASE("a name resolves to a spec, a dialect and variables, never a secret",
          "[config][resolution]") {
    const Config config = sample_config();
    const ResolvedTarget prod = resolve_target("prod", config);
    CHECK(prod.spec == R"(host=db.example port=5433 dbname=wh user='o\'ps')");
    CHECK(prod.effective_dialect() == "postgresql");
    CHECK(prod.secret == SecretSource::Environment);
    CHECK(prod.secret_reference == "OPSCTL_TEST_PROD_PW");
    CHECK(prod.variables.at("freshness_fail_minutes") == "500");
    CHECK(prod.describe() == R"(prod (host=db.example port=5433 dbname=wh user='o\'ps'))");

    const ResolvedTarget uri = resolve_target("uri", config);
    CHECK(uri.spec == "postgresql://ops@db/wh");
    CHECK(uri.effective_dialect() == "redshift");
    CHECK(uri.secret_reference == "/etc/opsctl/secrets/pw");  // next to the config file

    CHECK(resolve_target("local", config).spec == "sqlite:/etc/opsctl/data/wh.db");
    CHECK(resolve_target("abs", config).spec == "sqlite:/srv/wh.db");
    CHECK(resolve_target("faulty", config).spec == "demo:faults");
    CHECK(resolve_target("faulty", config).connect_target().demo_scenario ==
          opsctl::StandinScenario::Faults);

    // ODBC: the spec parse_target will learn; the password is added at connect time.
    const ResolvedTarget snow = resolve_target("snow", config);
    CHECK(snow.spec == "odbc:DSN=snow;Uid=ops");
    CHECK(snow.effective_dialect() == "snowflake");
}

TEST_CASE("an unknown name is an error with a suggestion", "[config][resolution]") {
    const Config config = sample_config();
    CHECK(usage_error([&] { resolve_target("prd", config); }) ==
          "unknown target \"prd\": /etc/opsctl/config.json has no such target (did you mean "
          "\"prod\"?)");
    CHECK(usage_error([&] {
              resolve_target("prod", std::nullopt);
          }).rfind("unknown target \"prod\": no config file defines it", 0) == 0);
    // A spec of an unknown kind keeps the connector's message, masked.
    const std::string message =
        usage_error([&] { resolve_target("mysql://u:Secret9@h/db", config); });
    CHECK(message.find("Secret9") == std::string::npos);
    CHECK(message.rfind("unknown target", 0) == 0);
}

TEST_CASE("the target's variables apply below --set, and only declared ones",
          "[config][resolution]") {
    const Config config = sample_config();
    const ResolvedTarget prod = resolve_target("prod", config);
    opsctl::Runbook runbook;
    runbook.variables["freshness_fail_minutes"] = opsctl::Variable{};
    opsctl::Checklist checklist;
    checklist.variables["row_floor"] = opsctl::Variable{};
    CHECK(prod.overrides(runbook, {&checklist}, {}) ==
          opsctl::VariableValues{{"freshness_fail_minutes", "500"}});
    CHECK(prod.overrides(runbook, {&checklist}, {{"freshness_fail_minutes", "42"}}) ==
          opsctl::VariableValues{{"freshness_fail_minutes", "42"}});
    CHECK(prod.overrides(runbook, {&checklist}, {{"row_floor", "3"}}) ==
          opsctl::VariableValues{{"freshness_fail_minutes", "500"}, {"row_floor", "3"}});
}

TEST_CASE("the secret comes from the environment at connect time", "[config][resolution]") {
    const Config config = sample_config();
    const ResolvedTarget prod = resolve_target("prod", config);
    unsetenv("OPSCTL_TEST_PROD_PW");
    CHECK(usage_error([&] { prod.connect_target(); }) ==
          "target \"prod\": password_env OPSCTL_TEST_PROD_PW is not set");
    setenv("OPSCTL_TEST_PROD_PW", "", 1);
    CHECK(usage_error([&] { prod.connect_target(); }) ==
          "target \"prod\": password_env OPSCTL_TEST_PROD_PW is empty");
    setenv("OPSCTL_TEST_PROD_PW", "Pw-From-Env", 1);
    const opsctl::Target target = prod.connect_target();
    unsetenv("OPSCTL_TEST_PROD_PW");
    CHECK(target.kind == TargetKind::Postgres);
    CHECK(target.password == "Pw-From-Env");
    CHECK(target.spec.find("Pw-From-Env") == std::string::npos);
    CHECK(target.describe().find("Pw-From-Env") == std::string::npos);
}

TEST_CASE("a password file must be private, and its line break is dropped",
          "[config][resolution]") {
    const opsctl::test::TempDir dir;
    const std::string file = dir.write("pw", "Pw-From-File\n");
    chmod(file.c_str(), 0600);
    CHECK(opsctl::read_target_secret("t", SecretSource::File, file) == "Pw-From-File");
    chmod(file.c_str(), 0640);
    CHECK(usage_error([&] { opsctl::read_target_secret("t", SecretSource::File, file); }) ==
          "target \"t\": password_file " + file +
              " is accessible to group or others; chmod 600 it");
    chmod(file.c_str(), 0604);
    CHECK_THROWS_AS(opsctl::read_target_secret("t", SecretSource::File, file), UsageError);
    const std::string empty = dir.write("empty", "\n");
    chmod(empty.c_str(), 0600);
    CHECK(usage_error([&] { opsctl::read_target_secret("t", SecretSource::File, empty); }) ==
          "target \"t\": password_file " + empty + " is empty");
    CHECK(usage_error(
              [&] { opsctl::read_target_secret("t", SecretSource::File, dir.file("missing")); }) ==
          "target \"t\": password_file " + dir.file("missing") + ": No such file or directory");
    CHECK(opsctl::read_target_secret("t", SecretSource::None, "").empty());
}

TEST_CASE("an ODBC password is appended at connect time, braced", "[config][resolution]") {
    CHECK(opsctl::odbc_string_with_password("DSN=snow;Uid=ops", "p;w}x") ==
          "DSN=snow;Uid=ops;PWD={p;w}}x};");
    CHECK(opsctl::odbc_string_with_password("DSN=snow;", "pw") == "DSN=snow;PWD={pw};");
    CHECK(opsctl::odbc_string_with_password("DSN=snow", "") == "DSN=snow");
    // The result is masked like any ODBC string shown to a user.
    CHECK(opsctl::mask_secrets(opsctl::odbc_string_with_password("DSN=snow", "pw")).find("pw}") ==
          std::string::npos);
}
