// parse_config: the config file of named targets, and every way it can be wrong, each
// named by file:line:column and key. Inline secrets are refused without being echoed.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/config/config.h"
#include "opsctl/core/error.h"

using opsctl::Config;
using opsctl::parse_config;
using opsctl::SecretSource;
using opsctl::UsageError;

namespace {

const std::string kFile = "conf/opsctl.json";
const std::string kSecret = "Hunter2-Zx9";  // must never appear in a message

// The message parse_config throws for `text`.
std::string error_for(const std::string& text) {
    INFO("config:\n" << text);
    try {
        parse_config(text, kFile);
    } catch (const UsageError& e) {
        return e.what();
    }
    FAIL("accepted a bad config");
    return {};
}

// A config with one target "t" whose body is `body` (on line 2).
std::string one_target(const std::string& body) {
    return "{\"targets\": {\n  \"t\": {" + body + "}\n}}";
}

}  // namespace

TEST_CASE("a full config file is read", "[config]") {
    const Config config = parse_config(R"({
  "default_target": "prod",
  "targets": {
    "prod": {"connector": "postgres", "host": "db", "port": 5432, "dbname": "wh",
             "user": "ops", "password_env": "OPSCTL_PROD_PW", "dialect": "postgresql",
             "variables": {"cost_fail_usd": 2000, "region": "eu"}},
    "local": {"connector": "sqlite", "path": "wh.db"},
    "uri": {"connector": "postgres", "dsn": "postgresql://ops@db/wh?sslmode=require",
            "password_file": "/etc/opsctl/pw"},
    "snow": {"connector": "odbc", "dsn": "DSN=snow;Uid=ops;Pwd=;", "dialect": "snowflake"},
    "try": {"connector": "demo", "dsn": "demo:faults"}
  }
})",
                                       kFile);
    CHECK(config.source_name == kFile);
    CHECK(config.default_target == "prod");
    REQUIRE(config.target_names() ==
            std::vector<std::string>{"prod", "local", "uri", "snow", "try"});
    const auto* prod = config.find("prod");
    REQUIRE(prod);
    CHECK(prod->connector == "postgres");
    CHECK(prod->dsn.empty());
    CHECK(prod->parameters ==
          std::map<std::string, std::string>{
              {"host", "db"}, {"port", "5432"}, {"dbname", "wh"}, {"user", "ops"}});
    CHECK(prod->secret == SecretSource::Environment);
    CHECK(prod->secret_reference == "OPSCTL_PROD_PW");
    CHECK(prod->dialect == "postgresql");
    CHECK(prod->variables ==
          std::map<std::string, std::string>{{"cost_fail_usd", "2000"}, {"region", "eu"}});
    CHECK(prod->line == 4);
    CHECK(config.find("uri")->secret == SecretSource::File);
    CHECK(config.find("uri")->secret_reference == "/etc/opsctl/pw");
    CHECK(config.find("local")->parameters.at("path") == "wh.db");
    CHECK(config.find("snow")->secret == SecretSource::None);
    CHECK(config.find("nope") == nullptr);
}

TEST_CASE("an empty config and one without a default are fine", "[config]") {
    CHECK(parse_config("{}", kFile).targets.empty());
    const Config config = parse_config(R"({"targets": {"a": {"connector": "demo"}}})", kFile);
    CHECK(config.default_target.empty());
    CHECK(config.targets.size() == 1);
}

TEST_CASE("bad JSON is named with its line", "[config]") {
    CHECK(error_for("{\n  \"targets\": {,\n}") ==
          "conf/opsctl.json:2:15: invalid JSON: syntax error while parsing object key - "
          "unexpected ','; expected string literal");
    // nlohmann quotes what it read last; that may be a secret, so it is cut.
    const std::string message = error_for("{\"targets\": {\"t\": {\"dsn\": \"" + kSecret);
    CHECK(message.rfind("conf/opsctl.json:1:", 0) == 0);
    CHECK(message.find(kSecret) == std::string::npos);
}

TEST_CASE("a duplicate key is named", "[config]") {
    CHECK(error_for("{\"targets\": {\n  \"t\": {\"connector\": \"demo\",\n    \"connector\": "
                    "\"sqlite\"}}}") ==
          "conf/opsctl.json:3:5: targets.t.connector: duplicate key (the file must say it once)");
}

TEST_CASE("unknown keys are named with a suggestion", "[config]") {
    CHECK(error_for("{\"default\": \"x\"}") ==
          "conf/opsctl.json:1:2: default: unknown key \"default\"");
    CHECK(error_for("{\"target\": {}}") ==
          "conf/opsctl.json:1:2: target: unknown key \"target\" (did you mean \"targets\"?)");
    CHECK(error_for(one_target(R"("connector": "postgres", "hots": "db")")) ==
          "conf/opsctl.json:2:34: targets.t.hots: unknown key \"hots\" (did you mean \"host\"?)");
    CHECK(error_for(one_target(R"("connector": "postgres", "host": "db", "dialct": "x")")) ==
          "conf/opsctl.json:2:48: targets.t.dialct: unknown key \"dialct\" (did you mean "
          "\"dialect\"?)");
}

TEST_CASE("a key with a line break in it still gives a one-line error", "[config][fuzz]") {
    // Found by fuzz_config_loader: a JSON escape "\n" inside an unknown key.
    const std::string message = error_for(one_target(R"("con\nnector": "demo")"));
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.rfind("conf/opsctl.json:2:", 0) == 0);
    CHECK(message.find("con\\nnector") != std::string::npos);
    CHECK(error_for("{\"tar\ngets\": {}, \"tar\ngets\": {}}").find('\n') == std::string::npos);
}

TEST_CASE("wrong types are named", "[config]") {
    CHECK(error_for("[]") ==
          "conf/opsctl.json:1:1: a config file is a JSON object, found an array");
    CHECK(error_for(R"({"targets": []})") ==
          "conf/opsctl.json:1:13: targets: expected an object of targets by name, found an array");
    CHECK(error_for(R"({"targets": {"t": "postgresql://db"}})") ==
          "conf/opsctl.json:1:19: targets.t: a target is an object, found a string");
    CHECK(error_for(one_target(R"("connector": 1)")) ==
          "conf/opsctl.json:2:22: targets.t.connector: expected a string, found a number");
    CHECK(error_for(one_target(R"("connector": "postgres", "host": true)")) ==
          "conf/opsctl.json:2:42: targets.t.host: expected a string, found a boolean");
    CHECK(error_for(one_target(R"("connector": "postgres", "host": "")")) ==
          "conf/opsctl.json:2:42: targets.t.host: must not be empty");
    CHECK(error_for(one_target(R"("connector": "demo", "variables": [])")) ==
          "conf/opsctl.json:2:43: targets.t.variables: expected an object of variable values, "
          "found an array");
    CHECK(error_for(one_target(R"("connector": "demo", "variables": {"x": [1]})")) ==
          "conf/opsctl.json:2:49: targets.t.variables.x: expected a number or a string, found "
          "an array");
    CHECK(error_for(one_target(R"("connector": "demo", "variables": {"Bad": 1})")) ==
          "conf/opsctl.json:2:44: targets.t.variables.Bad: a variable name is lower-case "
          "letters, digits and '_'");
    CHECK(error_for(R"({"default_target": 3, "targets": {}})") ==
          "conf/opsctl.json:1:20: default_target: expected a string, found a number");
}

TEST_CASE("connectors, dialects, names and the default target are checked", "[config]") {
    CHECK(error_for(one_target(R"("host": "db")")) ==
          "conf/opsctl.json:2:3: targets.t: missing \"connector\" (one of postgres, sqlite, "
          "demo, odbc)");
    CHECK(error_for(one_target(R"("connector": "postgresql")")) ==
          "conf/opsctl.json:2:22: targets.t.connector: unknown connector \"postgresql\" "
          "(postgres, sqlite, demo, odbc) (did you mean \"postgres\"?)");
    CHECK(error_for(one_target(R"("connector": "demo", "dialect": "postgesql")")) ==
          "conf/opsctl.json:2:41: targets.t.dialect: unknown dialect \"postgesql\" (did you mean "
          "\"postgresql\"?)");
    // "postgres", the name dbt and Soda use, is PostgreSQL.
    const Config config =
        parse_config(one_target(R"("connector": "demo", "dialect": "postgres")"), kFile);
    REQUIRE(config.find("t"));
    CHECK(config.find("t")->dialect == "postgresql");
    CHECK(error_for(R"({"targets": {"a b": {"connector": "demo"}}})") ==
          "conf/opsctl.json:1:14: targets.a b: a target name is letters, digits, '_' and '-' "
          "(found \"a b\")");
    CHECK(error_for(R"({"default_target": "prd", "targets": {"prod": {"connector": "demo"}}})") ==
          "conf/opsctl.json:1:20: default_target: no target \"prd\" in targets (did you mean "
          "\"prod\"?)");
}

TEST_CASE("each connector takes only its own fields", "[config]") {
    CHECK(error_for(one_target(R"("connector": "postgres")")) ==
          "conf/opsctl.json:2:3: targets.t: a postgres target needs \"dsn\" or parameters "
          "(host, port, dbname, user)");
    CHECK(error_for(
              one_target(R"("connector": "postgres", "dsn": "postgresql://db", "host": "x")")) ==
          "conf/opsctl.json:2:60: targets.t.host: give either \"dsn\" or \"host\", not both");
    CHECK(error_for(one_target(R"("connector": "postgres", "dsn": "db.example.com")")) ==
          "conf/opsctl.json:2:41: targets.t.dsn: expected a postgresql:// URI or a key=value "
          "conninfo");
    CHECK(error_for(one_target(R"("connector": "postgres", "path": "x.db")")) ==
          "conf/opsctl.json:2:34: targets.t.path: \"path\" is for sqlite targets; use host, "
          "port, dbname, user");
    CHECK(error_for(one_target(R"("connector": "sqlite")")) ==
          "conf/opsctl.json:2:3: targets.t: an sqlite target needs \"path\" (or \"dsn\")");
    CHECK(error_for(one_target(R"("connector": "sqlite", "path": "a", "host": "x")")) ==
          "conf/opsctl.json:2:45: targets.t.host: \"host\" is for postgres targets; use path");
    CHECK(error_for(one_target(R"("connector": "sqlite", "path": "a", "password_env": "X")")) ==
          "conf/opsctl.json:2:45: targets.t.password_env: an SQLite file takes no password");
    CHECK(error_for(one_target(R"("connector": "demo", "dsn": "sqlite:x")")) ==
          "conf/opsctl.json:2:37: targets.t.dsn: a demo target's dsn is \"demo\", "
          "\"demo:faults\" or \"demo:feeds-stopped\"");
    CHECK(error_for(one_target(R"("connector": "odbc")")) ==
          "conf/opsctl.json:2:3: targets.t: an odbc target needs \"dsn\" (a DSN name or a "
          "connection string)");
    CHECK(
        error_for(one_target(
            R"("connector": "postgres", "host": "db", "password_env": "A", "password_file": "b")")) ==
        "conf/opsctl.json:2:69: targets.t.password_file: give either \"password_env\" or "
        "\"password_file\", not both");
}

TEST_CASE("an inline password is refused in every form, and never echoed", "[config][secrets]") {
    const std::string advice =
        "name an environment variable (\"password_env\") or a file "
        "(\"password_file\") that holds it";
    struct Case {
        std::string body;
        std::string where;  // file:line:column: key
    };
    const std::vector<Case> cases{
        {R"("connector": "postgres", "host": "db", "password": ")" + kSecret + "\"",
         "conf/opsctl.json:2:48: targets.t.password: "},
        {R"("connector": "odbc", "dsn": "DSN=x", "pwd": ")" + kSecret + "\"",
         "conf/opsctl.json:2:46: targets.t.pwd: "},
        {R"("connector": "postgres", "dsn": "postgresql://ops:)" + kSecret + R"(@db/wh")",
         "conf/opsctl.json:2:41: targets.t.dsn: "},
        {R"("connector": "postgres", "dsn": "postgresql://ops@db/wh?sslmode=require&password=)" +
             kSecret + "\"",
         "conf/opsctl.json:2:41: targets.t.dsn: "},
        {R"("connector": "postgres", "dsn": "host=db user=ops password=)" + kSecret + "\"",
         "conf/opsctl.json:2:41: targets.t.dsn: "},
        {R"("connector": "postgres", "dsn": "host=db password = ')" + kSecret + "'\"",
         "conf/opsctl.json:2:41: targets.t.dsn: "},
        {R"("connector": "odbc", "dsn": "Driver={PostgreSQL Unicode};Server=db;Uid=ops;PWD=)" +
             kSecret + ";\"",
         "conf/opsctl.json:2:37: targets.t.dsn: "},
        {R"("connector": "odbc", "dsn": "DSN=snow;pwd={)" + kSecret + "}\"",
         "conf/opsctl.json:2:37: targets.t.dsn: "},
    };
    for (const auto& c : cases) {
        const std::string message = error_for(one_target(c.body));
        INFO(message);
        CHECK(message.rfind(c.where, 0) == 0);
        CHECK(message.find("inline password") != std::string::npos);
        CHECK(message.find(advice) != std::string::npos);
        CHECK(message.find(kSecret) == std::string::npos);
    }
    // password_env holding the password itself instead of a variable's name.
    const std::string message = error_for(one_target(
        R"("connector": "postgres", "host": "db", "password_env": "pw )" + kSecret + "\""));
    CHECK(message.find("targets.t.password_env: expected the name of an environment variable") !=
          std::string::npos);
    CHECK(message.find(kSecret) == std::string::npos);
}

// Regression (issue 14): the check searched the text, and libpq decodes a
// percent-encoded key ("pass%77ord" is "password"); the parse finds it.
TEST_CASE("an inline password only libpq's own parse finds is refused", "[config][secrets]") {
    for (const std::string& dsn : {"postgresql://ops@db/wh?pass%77ord=" + kSecret,
                                   "postgresql://ops@db/wh?%70assword=" + kSecret}) {
        INFO(dsn);
        const std::string message =
            error_for(one_target(R"("connector": "postgres", "dsn": ")" + dsn + "\""));
        CHECK(message.find("inline password") != std::string::npos);
        CHECK(message.find(kSecret) == std::string::npos);
    }
}

TEST_CASE("password_env takes what a shell takes as a variable name", "[config][secrets]") {
    for (const std::string name : {"OPSCTL_PW", "_PW", "pw2", "A"}) {
        INFO(name);
        const Config config = parse_config(
            one_target(R"("connector": "postgres", "host": "db", "password_env": ")" + name + "\""),
            kFile);
        CHECK(config.find("t")->secret_reference == name);
    }
    for (const std::string name : {"2PW", "MY-PW", "PW.X", "P W", ""}) {
        INFO(name);
        const std::string message = error_for(one_target(
            R"("connector": "postgres", "host": "db", "password_env": ")" + name + "\""));
        CHECK(message.find("password_env") != std::string::npos);
    }
}

TEST_CASE("an empty ODBC password holds no secret", "[config][secrets]") {
    const Config config = parse_config(
        one_target(R"("connector": "odbc", "dsn": "Driver={SQLite3};Database=/x.db;Pwd=;")"),
        kFile);
    CHECK(config.find("t")->dsn == "Driver={SQLite3};Database=/x.db;Pwd=;");
}
