#include "opsctl/standin/standin_loader.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/libpq_library.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/core/error.h"
#include "opsctl/core/terminal_text.h"

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
    return "INSERT INTO standin_meta (anchor, scale, faults, signature) VALUES (" +
           (postgres ? "TIMESTAMP '" + anchor + "'" : "'" + anchor + "'") + ", " +
           std::to_string(options.scale) + ", " +
           (postgres ? (faults ? "true" : "false") : (faults ? "1" : "0")) + ", '" +
           kStandinSignature + "')";
}

void check_options(const StandinOptions& options) {
    if (options.scale < 1) throw UsageError("--scale must be at least 1");
}

// The stand-in's names as an SQL list: 'a', 'b', ... (constants, no quote inside).
std::string relation_list() {
    std::string list;
    for (const auto& name : standin_relations()) list += (list.empty() ? "'" : ", '") + name + "'";
    return list;
}

// Drops what is there by name, views first; CASCADE only on --replace, so that
// anything else that depends on them makes the load fail instead of vanishing.
std::string drop_statements(const StandinInventory& inventory, bool cascade) {
    std::string drops;
    for (const auto& relation : drop_order(inventory)) {
        drops += "DROP " + relation.kind + " IF EXISTS " + relation.name +
                 (cascade ? " CASCADE" : "") + ";\n";
    }
    return drops;
}

// The scripts after the drops: schema, the marker row, data, the scenario.
std::string load_script(const StandinOptions& options, const std::string& dialect) {
    const bool postgres = dialect == "postgresql";
    std::string script = read_script(options, dialect, "schema.sql") + ";\n" +
                         meta_insert(options, postgres) + ";\n" +
                         read_script(options, dialect, "data.sql") + ";\n";
    if (const auto extra = standin_scenario_script(options.scenario)) {
        script += read_script(options, dialect, *extra) + ";\n";
    }
    return script;
}

using PgResult = std::unique_ptr<PGresult, void (*)(PGresult*)>;

PgResult pg_exec(PGconn* connection, const std::string& sql, const char* doing) {
    const LibPq& pq = libpq();
    PgResult result(pq.exec(connection, sql.c_str()), pq.clear);
    const auto status = result ? pq.result_status(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* sqlstate =
            result ? pq.result_error_field(result.get(), PG_DIAG_SQLSTATE) : nullptr;
        throw QueryError(
            std::string(doing) + " failed: " + postgres_message_line(pq.error_message(connection)),
            sqlstate ? sqlstate : "");
    }
    return result;
}

std::vector<std::vector<std::string>> pg_rows(PGconn* connection, const std::string& sql) {
    const LibPq& pq = libpq();
    const PgResult result = pg_exec(connection, sql, "looking at the database");
    std::vector<std::vector<std::string>> rows;
    for (int row = 0; row < pq.ntuples(result.get()); ++row) {
        std::vector<std::string> values;
        for (int column = 0; column < pq.nfields(result.get()); ++column) {
            values.emplace_back(pq.getvalue(result.get(), row, column));
        }
        rows.push_back(std::move(values));
    }
    return rows;
}

// What the current schema holds of the stand-in's, and what depends on it (normal
// dependencies of views, foreign keys, functions... that are not the stand-in's).
StandinInventory postgres_inventory(PGconn* connection) {
    const std::string ours =
        "SELECT c.oid FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND c.relname = ANY (ARRAY[" +
        relation_list() + "])";
    StandinInventory inventory;
    for (const auto& row : pg_rows(
             connection,
             "SELECT c.relname, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized "
             "view' WHEN 'f' THEN 'foreign table' WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' "
             "WHEN 'I' THEN 'index' WHEN 'c' THEN 'type' ELSE 'table' END FROM pg_class c WHERE "
             "c.oid IN (" +
                 ours + ") ORDER BY array_position(ARRAY[" + relation_list() +
                 "], c.relname::text)")) {
        inventory.existing.push_back({row[0], row[1]});
    }
    const bool has_signature =
        pg_rows(connection,
                "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE "
                "c.relnamespace = current_schema()::regnamespace AND c.relname = 'standin_meta' "
                "AND c.relkind = 'r' AND a.attname = 'signature' AND NOT a.attisdropped")[0][0] ==
        "1";
    inventory.marked =
        has_signature && pg_rows(connection, std::string("SELECT count(*) > 0 FROM standin_meta "
                                                         "WHERE signature = '") +
                                                 kStandinSignature + "'")[0][0] == "t";
    for (const auto& row : pg_rows(
             connection,
             "SELECT DISTINCT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT CASE "
             "v.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END || "
             "r.ev_class::regclass::text FROM pg_rewrite r JOIN pg_class v ON v.oid = r.ev_class "
             "WHERE r.oid = d.objid) ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END "
             "FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass AND d.deptype = 'n' AND "
             "d.refobjid IN (" +
                 ours +
                 ") AND NOT (d.classid = 'pg_rewrite'::regclass AND (SELECT r.ev_class FROM "
                 "pg_rewrite r WHERE r.oid = d.objid) IN (" +
                 ours +
                 ")) AND NOT (d.classid = 'pg_constraint'::regclass AND (SELECT k.conrelid FROM "
                 "pg_constraint k WHERE k.oid = d.objid) IN (" +
                 ours + ")) AND NOT (d.classid = 'pg_class'::regclass AND d.objid IN (" + ours +
                 ")) ORDER BY 1")) {
        inventory.dependents.push_back(terminal_text(row[0]));  // a user's names
    }
    return inventory;
}

StandinInventory load_postgres(const std::string& spec, const std::string& password,
                               const std::string& where, const StandinOptions& options) {
    const std::string script = load_script(options, "postgresql");
    const LibPq& pq = libpq();
    const std::unique_ptr<PGconn, decltype(pq.finish)> connection(
        pq.connectdb(postgres_conninfo(spec, password).c_str()), pq.finish);
    if (!connection) throw ConnectionError("out of memory while connecting");
    if (pq.status(connection.get()) != CONNECTION_OK) {
        throw ConnectionError(postgres_message_line(pq.error_message(connection.get())));
    }
    // One transaction, from the look at the database to the last row: a refusal or
    // a failure anywhere leaves it as it was (closing the connection rolls back).
    pg_exec(connection.get(), "BEGIN; SET LOCAL statement_timeout = 0", "starting the load");
    const StandinInventory inventory = postgres_inventory(connection.get());
    check_replaceable(inventory, options.replace, where);
    pg_exec(connection.get(),
            "SET LOCAL client_min_messages = warning;\n" +
                drop_statements(inventory, options.replace) + script + "COMMIT;\n",
            "loading the stand-in");
    return inventory;
}

// Whether `text` (lower case) names `name` as a whole word.
bool names(const std::string& text, const std::string& name) {
    const auto is_word = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    };
    for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        const bool starts = at == 0 || !is_word(text[at - 1]);
        const size_t end = at + name.size();
        if (starts && (end == text.size() || !is_word(text[end]))) return true;
    }
    return false;
}

std::vector<std::vector<std::string>> sqlite_rows(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        throw QueryError(std::string("looking at the database failed: ") + sqlite3_errmsg(db));
    }
    std::vector<std::vector<std::string>> rows;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        std::vector<std::string> values;
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            const unsigned char* text = sqlite3_column_text(statement, column);
            values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        rows.push_back(std::move(values));
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        throw QueryError(std::string("looking at the database failed: ") + sqlite3_errmsg(db));
    }
    return rows;
}

// SQLite keeps a view's or trigger's SQL as text: one that names a stand-in relation
// depends on it; so does a table with a foreign key to one.
StandinInventory sqlite_inventory(sqlite3* db) {
    const std::string ours = "(" + relation_list() + ")";
    StandinInventory inventory;
    for (const auto& row : sqlite_rows(db,
                                       "SELECT lower(name), type FROM sqlite_master WHERE "
                                       "type IN ('table', 'view') AND lower(name) IN " +
                                           ours)) {
        inventory.existing.push_back({row[0], row[1]});
    }
    inventory.marked =
        sqlite_rows(db,
                    "SELECT count(*) FROM pragma_table_info('standin_meta') WHERE name = "
                    "'signature'")[0][0] == "1" &&
        sqlite_rows(db, std::string("SELECT count(*) > 0 FROM standin_meta WHERE signature = '") +
                            kStandinSignature + "'")[0][0] == "1";
    for (const auto& row : sqlite_rows(db,
                                       "SELECT type, name, lower(sql) FROM sqlite_master WHERE "
                                       "type IN ('view', 'trigger') AND lower(name) NOT IN " +
                                           ours)) {
        const auto& relations = standin_relations();
        if (std::any_of(relations.begin(), relations.end(),
                        [&](const std::string& name) { return names(row[2], name); })) {
            inventory.dependents.push_back(row[0] + " " + terminal_text(row[1]));
        }
    }
    for (const auto& row : sqlite_rows(
             db,
             "SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
             "WHERE m.type = 'table' AND lower(m.name) NOT IN " +
                 ours + " AND lower(f.\"table\") IN " + ours)) {
        inventory.dependents.push_back("table " + terminal_text(row[0]) + " (a foreign key)");
    }
    return inventory;
}

}  // namespace

StandinInventory load_standin_sqlite(const std::string& path, const StandinOptions& options) {
    check_options(options);
    const std::string script = load_script(options, "sqlite");
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw ConnectionError("cannot open SQLite database " + path + ": " + message);
    }
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> closing(db, sqlite3_close);
    // One transaction, taken before the look at the file: a refusal or a failure
    // leaves it as it was (closing rolls back).
    char* error = nullptr;
    const auto exec = [&](const std::string& sql) {
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : sqlite3_errmsg(db);
            sqlite3_free(error);
            throw QueryError("loading the stand-in into " + path + " failed: " + message);
        }
    };
    exec("BEGIN IMMEDIATE");
    const StandinInventory inventory = sqlite_inventory(db);
    check_replaceable(inventory, options.replace, path);
    exec(drop_statements(inventory, false) + script + "COMMIT;\n");
    return inventory;
}

StandinInventory load_standin(const Target& target, const StandinOptions& options) {
    check_options(options);
    if (target.kind == TargetKind::Postgres) {
        return load_postgres(target.spec, target.password, target.describe(), options);
    }
    if (target.kind == TargetKind::Sqlite) {
        return load_standin_sqlite(
            spec_without_prefix(target.spec, connector_kind(TargetKind::Sqlite)), options);
    }
    if (target.kind == TargetKind::Demo) {
        throw UsageError(
            "the demo warehouse builds itself; give --target postgresql://... "
            "or sqlite:PATH");
    }
    // ODBC, and any kind added later.
    throw UsageError(
        "the stand-in loads into PostgreSQL or SQLite only; give --target "
        "postgresql://... or sqlite:PATH");
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
