// Untrusted text through the parsers that see it first: quoting for messages, secret
// masking, variable references, JSON limits and the SQL translator's nesting limit.
// Each input here once overflowed the stack (std::regex, recursion) or would have.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/connect/target.h"
#include "opsctl/core/error.h"
#include "opsctl/core/json_document.h"
#include "opsctl/core/quote.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/runbook/variables.h"
#include "opsctl/translate/dialect_translator.h"

using opsctl::quote_value;

namespace {
const std::string kMegabytes(5 * 1024 * 1024, 'a');
}

TEST_CASE("hostile text: quote_value makes one short line of valid UTF-8", "[hostile]") {
    CHECK(quote_value("plain") == "\"plain\"");
    CHECK(quote_value("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(quote_value("line\nbreak\ttab\x01") == "\"line\\nbreak\\ttab\\x01\"");
    CHECK(quote_value("caf\xC3\xA9") == "\"caf\xC3\xA9\"");       // valid UTF-8 kept
    CHECK(quote_value("bad\xFF\xC3") == "\"bad\\xFF\\xC3\"");     // invalid bytes escaped
    CHECK(quote_value("\xED\xA0\x80") == "\"\\xED\\xA0\\x80\"");  // a surrogate is invalid
    CHECK(quote_value(std::string(100, 'x'), 10) == "\"xxxxxxxxxx\"...(100 bytes)");
    // Never cut inside a character: "é" is two bytes.
    CHECK(quote_value("abcd\xC3\xA9z", 5) == "\"abcd\"...(7 bytes)");
    CHECK(quote_value(kMegabytes).size() < 120);
    CHECK(opsctl::one_line("say \"hi\"\nnow") == "say \"hi\"\\nnow");
}

TEST_CASE("hostile text: secrets are masked, however they are written", "[hostile]") {
    using opsctl::mask_secrets;
    CHECK(mask_secrets("postgresql://app:s3cret@db:5432/wh") == "postgresql://app:***@db:5432/wh");
    // An unencoded '@' in the password: the whole secret is masked.
    CHECK(mask_secrets("postgresql://app:p@ss@db/wh") == "postgresql://app:***@db/wh");
    CHECK(mask_secrets("mysql://u:x@h") == "mysql://u:***@h");
    CHECK(mask_secrets("postgresql://app@db/wh?password=s3cret&sslmode=require") ==
          "postgresql://app@db/wh?password=***&sslmode=require");
    CHECK(mask_secrets("host=db password = 's3 cr\\'et' user=ops") ==
          "host=db password = *** user=ops");
    CHECK(mask_secrets("Driver={x};Uid=ops;PWD={se;cr}}et};Server=db") ==
          "Driver={x};Uid=ops;PWD=***;Server=db");
    CHECK(mask_secrets("host=db PASSWORD=s3cret") == "host=db PASSWORD=***");
    CHECK(mask_secrets("no secret here") == "no secret here");
    // Megabytes: no stack overflow, the secret still masked.
    const std::string masked = mask_secrets("postgresql://u:" + kMegabytes + "@h/db");
    CHECK(masked == "postgresql://u:***@h/db");
}

TEST_CASE("hostile text: holds_password finds what mask_secrets masks, if not empty",
          "[hostile][secrets]") {
    using opsctl::holds_password;
    CHECK(holds_password("postgresql://app:s3cret@db/wh"));
    CHECK(holds_password("postgresql://app@db/wh?sslmode=require&password=s3cret"));
    CHECK(holds_password("host=db password = 's3 cr\\'et'"));
    CHECK(holds_password("Driver={x};PWD={se;cr}}et};Server=db"));
    CHECK(holds_password("Driver={x};PRIV_KEY_FILE_PWD=k;Server=db"));
    CHECK_FALSE(holds_password("postgresql://app@db/wh"));
    CHECK_FALSE(holds_password("postgresql://app:@db/wh"));
    CHECK_FALSE(holds_password("Driver={SQLite3};Database=/x.db;Pwd=;"));
    CHECK_FALSE(holds_password("host=db password=''"));
    CHECK_FALSE(holds_password("Driver={x};PWD={};Server=db"));
    CHECK_FALSE(holds_password("host=db user=ops"));
    // fuzz_config_loader once timed out here: a 2 KB DSN took std::regex seconds.
    CHECK_FALSE(holds_password("targ)ts.prodpostgrqe/:l=s/" + kMegabytes + "4444EEEE"));
    CHECK(holds_password("postgresql://u:" + kMegabytes + "@h/db"));
}

TEST_CASE("hostile text: an unknown target is refused with its password masked", "[hostile]") {
    try {
        opsctl::parse_target("mysql://ops:hunter2@db/wh");
        FAIL("an unknown scheme was accepted");
    } catch (const opsctl::UsageError& error) {
        const std::string message = error.what();
        CHECK(message.find("hunter2") == std::string::npos);
        CHECK(message.find("mysql://ops:***@db/wh") != std::string::npos);
    }
    CHECK_THROWS_AS(opsctl::parse_target(kMegabytes), opsctl::UsageError);
    CHECK(opsctl::parse_target(" host = db dbname=wh").kind == opsctl::TargetKind::Postgres);
}

TEST_CASE("hostile text: variable references in megabytes of SQL", "[hostile]") {
    const std::string sql = kMegabytes + "${x}" + kMegabytes + "${ y}${z";
    CHECK(opsctl::referenced_variables(sql) == std::set<std::string>{"x"});
    CHECK(opsctl::substitute_variables("a ${x} b ${y} ${${x}}", {{"x", "1"}}) == "a 1 b ${y} ${1}");
    CHECK(opsctl::variable_reference("${name_1}") == "name_1");
    CHECK_FALSE(opsctl::variable_reference("${a}${b}"));
    CHECK_FALSE(opsctl::variable_reference(" ${a}"));
    CHECK(opsctl::parse_overrides({"a=1=2"}).at("a") == "1=2");
    CHECK_THROWS_AS(opsctl::parse_overrides({"=1"}), opsctl::UsageError);
    CHECK_THROWS_AS(opsctl::parse_overrides({"A=1"}), opsctl::UsageError);
    CHECK_THROWS_AS(opsctl::parse_overrides({kMegabytes}), opsctl::UsageError);
}

TEST_CASE("hostile text: JSON nesting and string sizes are limited", "[hostile]") {
    const auto deep = opsctl::JsonDocument::parse(std::string(100000, '['));
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.syntax_error()->second.find("nesting deeper than 64") != std::string::npos);

    const std::string huge_title =
        "{\n  \"runbook\": \"r\",\n  \"title\": \"" + std::string(10 * 1024 * 1024, 't') + "\"}";
    const auto result = opsctl::load_runbook_text(huge_title, "big.json");
    REQUIRE(result.diagnostics.size() == 1);
    const std::string line = result.diagnostics[0].to_string();
    CHECK(line.rfind("big.json:3:12: title: a string of 10485760 bytes", 0) == 0);
    CHECK(line.size() < 200);
}

TEST_CASE("hostile text: SQL calls nested past the limit are refused, not recursed", "[hostile]") {
    opsctl::TranslationOptions options;
    options.target_dialect = "postgresql";
    std::string deep = "SELECT ";
    for (int i = 0; i < 10000; ++i) deep += "DATE(";
    deep += "x";
    for (int i = 0; i < 10000; ++i) deep += ")";
    CHECK_THROWS_WITH(opsctl::translate_sql(deep, options),
                      Catch::Contains("nested deeper than 32"));
    // Thousands of unclosed calls: refused at once, not rescanned per call.
    std::string unclosed = "SELECT ";
    for (int i = 0; i < 100000; ++i) unclosed += "CURRENT_DATE(";
    CHECK_THROWS_AS(opsctl::translate_sql(unclosed, options), opsctl::TranslationError);
    // Within the limit, nesting still translates.
    CHECK(opsctl::translate_sql("SELECT DATE(DATE(x))", options) ==
          "SELECT CAST(CAST(x AS DATE) AS DATE)");
}

TEST_CASE("hostile text: a rewritten CURRENT_DATE() never joins the token after it", "[hostile]") {
    // Found by fuzz_sql_translator: "CURRENT_DATE()$$" became "CURRENT_DATE$$", one
    // identifier, so a second translation (or the server) read the rest differently.
    opsctl::TranslationOptions options;
    options.target_dialect = "postgresql";
    const std::string sql = "SELECT CURRENT_DATE()$$''DATE(h)";
    const std::string once = opsctl::translate_sql(sql, options);
    CHECK(once == "SELECT CURRENT_DATE $$''DATE(h)");
    CHECK(opsctl::translate_sql(once, options) == once);
    CHECK(opsctl::translate_sql("SELECT CURRENT_DATE()x", options) == "SELECT CURRENT_DATE x");
    CHECK(opsctl::translate_sql("SELECT CURRENT_DATE()+1", options) == "SELECT CURRENT_DATE+1");
    // Found next: "CURRENT_DATE()()" became "CURRENT_DATE()", a call again.
    CHECK(opsctl::translate_sql("CURRENT_DATE()()", options) == "CURRENT_DATE()()");
    CHECK(opsctl::translate_sql("CURRENT_DATE() ()", options) == "CURRENT_DATE() ()");
}
