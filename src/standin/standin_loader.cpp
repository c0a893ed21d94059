#include "opsctl/standin/standin_loader.h"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/libpq_library.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/core/error.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

std::string read_script(const StandinOptions& options, const std::string& dialect,
                        const std::string& name) {
    const fs::path path = fs::path(options.sql_dir) / dialect / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read the stand-in script " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string meta_insert(const StandinOptions& options, bool postgres) {
    const std::string anchor = format_timestamp(options.anchor);
    const bool faults = options.scenario == StandinScenario::Faults;
    return "INSERT INTO standin_meta (anchor, scale, faults) VALUES (" +
           (postgres ? "TIMESTAMP '" + anchor + "'" : "'" + anchor + "'") + ", " +
           std::to_string(options.scale) + ", " +
           (postgres ? (faults ? "true" : "false") : (faults ? "1" : "0")) + ")";
}

void check_options(const StandinOptions& options) {
    if (options.scale < 1) throw UsageError("--scale must be at least 1");
}

void load_postgres(const std::string& spec, const std::string& password,
                   const StandinOptions& options) {
    std::string script = "BEGIN;\nSET LOCAL statement_timeout = 0;\n" +
                         read_script(options, "postgresql", "schema.sql") + ";\n" +
                         meta_insert(options, true) + ";\n" +
                         read_script(options, "postgresql", "data.sql") + ";\n";
    if (const auto extra = standin_scenario_script(options.scenario)) {
        script += read_script(options, "postgresql", *extra) + ";\n";
    }
    script += "COMMIT;\n";

    const LibPq& pq = libpq();
    const std::unique_ptr<PGconn, decltype(pq.finish)> connection(
        pq.connectdb(postgres_conninfo(spec, password).c_str()), pq.finish);
    if (!connection) throw ConnectionError("out of memory while connecting");
    if (pq.status(connection.get()) != CONNECTION_OK) {
        throw ConnectionError(postgres_message_line(pq.error_message(connection.get())));
    }
    // One script, one transaction: a failure anywhere leaves the database as it was
    // (closing the connection rolls the open transaction back).
    const std::unique_ptr<PGresult, decltype(pq.clear)> result(
        pq.exec(connection.get(), script.c_str()), pq.clear);
    if (!result || pq.result_status(result.get()) != PGRES_COMMAND_OK) {
        const char* sqlstate =
            result ? pq.result_error_field(result.get(), PG_DIAG_SQLSTATE) : nullptr;
        throw QueryError("loading the stand-in failed: " +
                             postgres_message_line(pq.error_message(connection.get())),
                         sqlstate ? sqlstate : "");
    }
}

}  // namespace

void load_standin_sqlite(const std::string& path, const StandinOptions& options) {
    check_options(options);
    std::string script = "BEGIN;\n" + read_script(options, "sqlite", "schema.sql") + ";\n" +
                         meta_insert(options, false) + ";\n" +
                         read_script(options, "sqlite", "data.sql") + ";\n";
    if (const auto extra = standin_scenario_script(options.scenario)) {
        script += read_script(options, "sqlite", *extra) + ";\n";
    }
    script += "COMMIT;\n";
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw ConnectionError("cannot open SQLite database " + path + ": " + message);
    }
    char* error = nullptr;
    if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(db);
        sqlite3_free(error);
        sqlite3_close(db);
        throw QueryError("loading the stand-in into " + path + " failed: " + message);
    }
    sqlite3_close(db);
}

void load_standin(const Target& target, const StandinOptions& options) {
    check_options(options);
    switch (target.kind) {
        case TargetKind::Postgres:
            load_postgres(target.spec, target.password, options);
            break;
        case TargetKind::Sqlite:
            load_standin_sqlite(target.spec.substr(7), options);
            break;
        case TargetKind::Odbc:
            throw UsageError(
                "the stand-in loads into PostgreSQL or SQLite only; give --target "
                "postgresql://... or sqlite:PATH");
        case TargetKind::Demo:
            throw UsageError(
                "the demo warehouse builds itself; give --target postgresql://... "
                "or sqlite:PATH");
    }
}

std::string standin_fingerprint(const std::string& sql_dir, const std::string& dialect) {
    // FNV-1a over the scripts: stable across runs and builds, unlike std::hash.
    std::uint64_t hash = 1469598103934665603ULL;
    StandinOptions options;
    options.sql_dir = sql_dir;
    std::vector<std::string> scripts = {"schema.sql", "data.sql"};
    for (const auto& extra : standin_scenario_scripts()) scripts.push_back(extra);
    for (const auto& name : scripts) {
        for (const char c : read_script(options, dialect, name)) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ULL;
        }
    }
    std::ostringstream out;
    out << std::hex << hash;
    return out.str();
}

}  // namespace opsctl
