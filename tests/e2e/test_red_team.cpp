// Issue 14, tried as an attacker would: against the tests' real PostgreSQL, as the
// superuser and as the password-authenticated role opsctl_secret. Every bypass the
// issue lists is a case here; the data is checked unchanged by row count and
// checksum, an SQLite file by its bytes, and no password, in any target form, shows
// in any output.

#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::fresh_pg_database;
using opsctl::test::pg_admin;
using opsctl::test::pg_odbc;
using opsctl::test::pg_port;
using opsctl::test::pg_scalar;
using opsctl::test::pg_socket_dir;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

const std::map<std::string, std::string> kStubDbt{{"PATH", stub_dbt_path()}, {"PGPASSWORD", ""}};

// A runbook folder "rt" with one checklist "main" of `steps`.
std::string runbook_of(const TempDir& dir, const json& steps) {
    dir.write(
        "rt.json",
        json{{"runbook", "rt"}, {"checklists", {{{"name", "main"}, {"steps", steps}}}}}.dump());
    return dir.path();
}

json sql_step(const std::string& id, const std::string& sql) {
    return {{"id", id}, {"sql", sql}, {"report", true}};
}

// A table of 10 rows and its fingerprint (row count and checksum).
struct Victim {
    std::string db;
    explicit Victim(const std::string& name) : db(fresh_pg_database(name)) {
        pg_admin(db,
                 "CREATE TABLE t (id int, v text); "
                 "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g; "
                 "GRANT SELECT ON t TO opsctl_secret");
    }
    std::string fingerprint() const {
        return pg_scalar(db,
                         "SELECT count(*) || ':' || md5(string_agg(id || '=' || v, ',' ORDER BY "
                         "id)) || ':' || (SELECT count(*) FROM pg_largeobject_metadata) FROM t");
    }
};

Process run_rt(const std::string& runbooks, const std::string& target,
               const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--runbooks", runbooks,   "rt",   "main",     "--target",
                                  target,       "--format", "json", "--no-lock"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args, kStubDbt);
}

std::string percent_encoded(const std::string& text) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte)) {
            out += c;
        } else {
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 15];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("red team: SQL the old splitter misread does not write, as superuser or role",
          "[e2e][red-team]") {
    const Victim victim("rt_splitter");
    const std::string before = victim.fingerprint();
    const std::string secret_uri =
        "postgresql://opsctl_secret:" + std::string(opsctl::test::kSecretRolePassword) + "@/" +
        victim.db + "?host=" + pg_socket_dir() + "&port=" + pg_port();
    for (const std::string& target : {pg_uri(victim.db), secret_uri}) {
        for (const std::string sql :
             {"SELECT E'\\'') TO STDOUT; COMMIT; DELETE FROM t WHERE id=7; COPY (SELECT 'x'",
              "SELECT 1 /* /* */ ' */ ) TO STDOUT; COMMIT; UPDATE t SET v='pwned' WHERE id=8; "
              "COPY (SELECT 'x'",
              "SELECT lo_from_bytea(0, 'planted') AS oid"}) {
            INFO(sql);
            TempDir dir;
            const Process run = run_rt(runbook_of(dir, json::array({sql_step("s", sql)})), target);
            INFO(run.err);
            if (contains(sql, "lo_from")) {
                CHECK(run.exit_code != 3);  // may pass: it was rolled back
            } else {
                CHECK(run.exit_code == 3);
                CHECK(step_of(run.json(), "s").at("status") == "error");
            }
            CHECK(victim.fingerprint() == before);
        }
    }
}

TEST_CASE("red team: statements outside the reading list are refused before anything runs",
          "[e2e][red-team]") {
    const Victim victim("rt_keywords");
    const std::string before = victim.fingerprint();
    TempDir marker_dir;
    const std::string marker = marker_dir.file("pwned");
    const std::vector<std::pair<std::string, std::string>> attempts = {
        {"COPY t TO PROGRAM 'touch " + marker + "'", "COPY"},
        {"COPY t TO '" + marker + "'", "COPY"},
        {"CHECKPOINT", "CHECKPOINT"},
        {"LOCK TABLE t IN ACCESS EXCLUSIVE MODE", "LOCK"},
        {"/* comment */ ( DELETE FROM t )", "DELETE"},
        {"EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN ANALYZE"},
        {"DO $$ BEGIN DELETE FROM t; END $$", "DO"},
        {"CALL p()", "CALL"},
        {"SET transaction_read_only = off", "SET"},
    };
    for (const auto& [sql, keyword] : attempts) {
        INFO(sql);
        TempDir dir;
        const std::string runbooks = runbook_of(dir, json::array({sql_step("attack", sql)}));
        const Process run = run_rt(runbooks, pg_uri(victim.db));
        CHECK(run.exit_code == 3);
        CHECK(contains(run.err, "step \"attack\""));
        CHECK(contains(run.err, keyword));
        const Process validate = run_opsctl({"validate", "--runbooks", runbooks}, kStubDbt);
        CHECK(validate.exit_code != 0);
        CHECK(contains(validate.out + validate.err, keyword));
    }
    CHECK(victim.fingerprint() == before);
    struct stat info {};
    CHECK(stat(marker.c_str(), &info) != 0);
}

TEST_CASE("red team: an SQLite file is unchanged, natively and through ODBC", "[e2e][red-team]") {
    TempDir dir;
    const std::string file = dir.file("victim.db");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE victim (id int); INSERT INTO victim VALUES (1), (2);", nullptr,
                 nullptr, nullptr);
    sqlite3_close(db);
    const std::string before = read_file(file);
    const json unlock = json::array(
        {sql_step("unlock", "PRAGMA query_only = 0"), sql_step("wipe", "DELETE FROM victim")});
    const json sneak = json::array(
        {sql_step("attach", "ATTACH DATABASE '" + file + "' AS w"), sql_step("vacuum", "VACUUM")});
    for (const std::string& target :
         {"sqlite:" + file, "odbc:Driver={SQLite3};Database=" + file + ";"}) {
        for (const json& steps : {unlock, sneak}) {
            INFO(target << " " << steps.dump());
            TempDir runbooks;
            const Process run = run_rt(runbook_of(runbooks, steps), target);
            CHECK(run.exit_code == 3);
            CHECK(read_file(file) == before);
        }
        // What passes the rule still cannot write.
        TempDir runbooks;
        const Process run =
            run_rt(runbook_of(runbooks,
                              json::array({sql_step("read", "SELECT count(*) AS n FROM victim")})),
                   target);
        CHECK(run.exit_code == 0);
        CHECK(read_file(file) == before);
    }
}

namespace {

// Passwords with every character that broke the text search, each between two
// markers: a partial leak ("***;cd") shows as a marker in the output.
struct Password {
    std::string value;
    std::vector<std::string> markers;
};

std::vector<Password> hostile_passwords() {
    std::vector<Password> passwords;
    int n = 0;
    for (const std::string special : {"?", "#", "@", "/", ":", " ", ";", "&", "%", "'", "\"",
                                      "\xC3\xA9t\xC3\xA9", "%zz", "}"}) {
        const std::string left = "Lq" + std::to_string(n) + "x";
        const std::string right = "Rq" + std::to_string(n) + "y";
        passwords.push_back({left + special + right, {left, right}});
        ++n;
    }
    return passwords;
}

std::string conninfo_quoted(const std::string& value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string odbc_braced(const std::string& value) {
    std::string out = "{";
    for (const char c : value) {
        out += c;
        if (c == '}') out += '}';
    }
    return out + "}";
}

// Every form a password can take in a target.
std::vector<std::string> target_forms(const std::string& password) {
    const std::string where = "host=" + pg_socket_dir() + "&port=" + pg_port();
    std::vector<std::string> forms = {
        "postgresql://opsctl_secret:" + percent_encoded(password) + "@/wh_healthy?" + where,
        "postgresql:///wh_healthy?" + where +
            "&user=opsctl_secret&pass%77ord=" + percent_encoded(password),
        "postgresql:///wh_healthy?" + where +
            "&user=opsctl_secret&password=" + percent_encoded(password),
        "host=" + pg_socket_dir() + " port=" + pg_port() +
            " dbname=wh_healthy user=opsctl_secret password=" + conninfo_quoted(password),
        "odbc:" + pg_odbc("wh_healthy") + "Uid=opsctl_secret;PWD=" + odbc_braced(password) + ";",
        "odbc:" + pg_odbc("wh_healthy") + "Uid=opsctl_secret;Password=" + odbc_braced(password) +
            ";",
    };
    // Unencoded, where the grammar allows it.
    if (password.find_first_of("/@") == std::string::npos) {
        forms.push_back("postgresql://opsctl_secret:" + password + "@/wh_healthy?" + where);
    }
    if (password.find_first_of(" '\\") == std::string::npos) {
        forms.push_back("host=" + pg_socket_dir() + " port=" + pg_port() +
                        " dbname=wh_healthy user=opsctl_secret password=" + password);
    }
    if (password.find_first_of(";{}") == std::string::npos) {
        forms.push_back("odbc:" + pg_odbc("wh_healthy") + "Uid=opsctl_secret;PWD=" + password +
                        ";");
    }
    return forms;
}

void require_not_shown(const Password& password, const std::string& text) {
    CHECK_FALSE(contains(text, password.value));
    CHECK_FALSE(contains(text, percent_encoded(password.value)));
    for (const std::string& marker : password.markers) CHECK_FALSE(contains(text, marker));
}

}  // namespace

TEST_CASE("red team: no password in any target form shows in any output", "[e2e][red-team]") {
    TempDir dir;
    const std::string runbooks = runbook_of(dir, json::array({sql_step("one", "SELECT 1 AS one")}));
    for (const Password& password : hostile_passwords()) {
        for (const std::string& target : target_forms(password.value)) {
            INFO(target);
            std::string seen;
            for (const std::string format : {"json", "text", "junit", "markdown"}) {
                const Process run = run_rt(runbooks, target, {"--format", format, "-vv"});
                seen += run.out + run.err;
            }
            const Process ping = run_opsctl({"ping", "--target", target}, kStubDbt);
            seen += ping.out + ping.err;
            const Process cron =
                run_opsctl({"cron", "--runbooks", runbooks, "--target", target}, kStubDbt);
            seen += cron.out + cron.err;
            CHECK(cron.exit_code == 3);
            require_not_shown(password, seen);
        }
    }
}

// Regression (issue 14): a shell step inherited the password_env variable, and
// `env` put it into the report.
TEST_CASE("red team: shell steps inherit no secret and show none", "[e2e][red-team]") {
    TempDir dir;
    const std::string config = dir.write(
        "config.json",
        R"({"targets": {"secret": {"connector": "postgres", "host": ")" + pg_socket_dir() +
            R"(", "port": )" + pg_port() +
            R"(, "dbname": "wh_healthy", "user": "opsctl_secret", "password_env": "RT_PW"}}})");
    const std::string runbooks = runbook_of(
        dir, json::array({sql_step("one", "SELECT 1 AS one"),
                          {{"id", "leak"},
                           {"shell", {"/bin/sh", "-c", "env; echo \"said: $RT_PW\"; exit 1"}}}}));
    const std::string password = opsctl::test::kSecretRolePassword;
    std::map<std::string, std::string> env = kStubDbt;
    env["RT_PW"] = password;
    env["PGPASSWORD"] = password;
    const Process run = run_opsctl({"--runbooks", runbooks, "--config", config, "rt", "main",
                                    "--target", "secret", "--format", "json", "--no-lock"},
                                   env);
    INFO(run.err);
    const json report = run.json();
    CHECK(step_of(report, "one").at("status") == "pass");  // the password did reach libpq
    const std::string output = step_of(report, "leak").dump();
    CHECK(contains(output, "said: "));
    CHECK_FALSE(contains(output, "RT_PW="));
    CHECK_FALSE(contains(output, "PGPASSWORD="));
    CHECK_FALSE(contains(run.out + run.err, password));
}

// Regression (issue 14): a --set value was pasted into the SQL of a shipped runbook.
TEST_CASE("red team: a --set value is a value, never SQL", "[e2e][red-team]") {
    const Victim victim("rt_set");
    const std::string before = victim.fingerprint();
    // low_confidence_score appears only in the SQL of ml/daily, in no threshold.
    const std::string attack =
        "low_confidence_score=1 THEN 1 END) FROM (SELECT E'\\'' AS model_name, 1 AS "
        "confidence_score) x GROUP BY 1) TO STDOUT; COMMIT; DELETE FROM t; COPY (SELECT 1 --";
    const Process run = run_opsctl(
        {"ml", "daily", "--target", pg_uri(victim.db), "--set", attack, "--no-lock"}, kStubDbt);
    const std::string line = require_usage_error(run);
    CHECK(contains(line, "--set low_confidence_score: "));
    CHECK(contains(line, "is not a number"));
    const Process render =
        run_opsctl({"render", "ml", "daily", "--dialect", "postgresql", "--set", attack}, kStubDbt);
    CHECK(render.exit_code == 3);
    CHECK(victim.fingerprint() == before);
    // render shows what is sent: the number itself, a negative one in parentheses.
    const Process shown = run_opsctl(
        {"render", "ml", "daily", "--dialect", "postgresql", "--set", "low_confidence_score=-7"},
        kStubDbt);
    CHECK(contains(shown.out, "confidence_score < (-7) THEN"));
}
