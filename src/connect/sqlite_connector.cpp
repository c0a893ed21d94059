#include "opsctl/connect/sqlite_connector.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include "opsctl/connect/sqlite_functions.h"
#include "opsctl/core/ascii_case.h"
#include "opsctl/core/duration.h"

namespace opsctl {

namespace {

// Deadline for the progress handler, which interrupts a statement that runs too long.
struct Deadline {
    std::chrono::steady_clock::time_point at;
    bool expired = false;
};

int check_deadline(void* data) {
    auto* deadline = static_cast<Deadline*>(data);
    if (std::chrono::steady_clock::now() >= deadline->at) deadline->expired = true;
    return deadline->expired ? 1 : 0;
}

bool only_trivia(const char* text) {
    // What follows the statement may only be whitespace, ';' and comments.
    std::string_view rest(text);
    while (!rest.empty()) {
        if (rest.front() == ';' || std::isspace(static_cast<unsigned char>(rest.front()))) {
            rest.remove_prefix(1);
        } else if (rest.substr(0, 2) == "--") {
            const auto end = rest.find('\n');
            rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
        } else if (rest.substr(0, 2) == "/*") {
            const auto end = rest.find("*/");
            rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
        } else {
            return false;
        }
    }
    return true;
}

// SQLite has no boolean type: a column declared BOOLEAN (or BOOL) holds 0 and 1.
// Read as true and false, as every other connector reads a boolean.
bool is_declared_boolean(sqlite3_stmt* statement, int column) {
    const char* declared = sqlite3_column_decltype(statement, column);
    if (!declared) return false;
    const std::string type = ascii_lower(declared);
    return type == "boolean" || type == "bool";
}

Cell read_cell(sqlite3_stmt* statement, int column, bool boolean) {
    switch (sqlite3_column_type(statement, column)) {
        case SQLITE_NULL:
            return Cell::null();
        case SQLITE_INTEGER: {
            const auto value = sqlite3_column_int64(statement, column);
            if (boolean && (value == 0 || value == 1)) return Cell::of(value ? "true" : "false");
            return Cell::of(std::to_string(value));
        }
        case SQLITE_FLOAT:
            return Cell::of(fmt::format("{}", sqlite3_column_double(statement, column)));
        case SQLITE_BLOB:
            return Cell::of("<" + std::to_string(sqlite3_column_bytes(statement, column)) +
                            " bytes>");
        default: {
            const auto* text = sqlite3_column_text(statement, column);
            return Cell::of(
                std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(statement, column))));
        }
    }
}

}  // namespace

SqliteConnector::SqliteConnector(const std::string& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
    std::string problem;
    if (rc != SQLITE_OK) {
        problem = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    } else if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) !=
               SQLITE_OK) {
        problem = sqlite3_errmsg(db_);  // e.g. "file is not a database"
    }
    if (problem.empty() && register_sqlite_date_functions(db_) != SQLITE_OK) {
        problem = sqlite3_errmsg(db_);
    }
    if (!problem.empty()) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw ConnectionError("cannot open SQLite database " + path + ": " + problem);
    }
    sqlite3_busy_timeout(db_, 5000);
}

SqliteConnector::~SqliteConnector() {
    sqlite3_close(db_);
}

void SqliteConnector::cancel() {
    sqlite3_interrupt(db_);
}

std::string SqliteConnector::server_version() {
    return std::string("SQLite ") + sqlite3_libversion();
}

void SqliteConnector::query(const std::string& sql, RowSink& sink,
                            std::optional<std::chrono::milliseconds> timeout) {
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, &tail) !=
        SQLITE_OK) {
        throw QueryError(sqlite3_errmsg(db_));
    }
    if (!statement) throw QueryError("the SQL holds no statement");
    struct Finalizer {
        sqlite3_stmt* statement;
        sqlite3* db;
        ~Finalizer() {
            sqlite3_finalize(statement);
            sqlite3_progress_handler(db, 0, nullptr, nullptr);
        }
    } finalizer{statement, db_};
    if (!only_trivia(tail)) throw QueryError("a step runs one statement; found more after it");

    Deadline deadline;
    if (timeout) {
        deadline.at = std::chrono::steady_clock::now() + *timeout;
        sqlite3_progress_handler(db_, 1000, check_deadline, &deadline);
    }
    const int columns = sqlite3_column_count(statement);
    std::vector<std::string> names;
    names.reserve(static_cast<size_t>(columns));
    std::vector<bool> booleans;
    for (int i = 0; i < columns; ++i) {
        names.emplace_back(sqlite3_column_name(statement, i));
        booleans.push_back(is_declared_boolean(statement, i));
    }
    sink.on_columns(names);
    std::vector<Cell> cells(static_cast<size_t>(columns));
    while (true) {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            if (deadline.expired) throw QueryError("timed out after " + format_duration(*timeout));
            if (rc == SQLITE_INTERRUPT) throw QueryError("cancelled");
            throw QueryError(sqlite3_errmsg(db_));
        }
        for (int i = 0; i < columns; ++i) {
            const auto index = static_cast<size_t>(i);
            cells[index] = read_cell(statement, i, booleans[index]);
        }
        sink.on_row(cells);
    }
}

}  // namespace opsctl
