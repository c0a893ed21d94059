#include "opsctl/standin/demo_warehouse.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include <spdlog/spdlog.h>

#include "opsctl/connect/connector.h"
#include "opsctl/connect/connector_factory.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/standin/standin_loader.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kMaxAnchorDriftSeconds = 3600;

std::optional<Timestamp> demo_anchor(const std::string& path) {
    sqlite3* db = nullptr;
    std::optional<Timestamp> anchor;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT anchor FROM standin_meta", -1, &statement, nullptr) ==
                SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(statement, 0);
            if (text) anchor = parse_timestamp(reinterpret_cast<const char*>(text));
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return anchor;
}

bool fits(const std::optional<Timestamp>& anchor, const Timestamp& as_of) {
    return anchor && anchor->epoch_day() == as_of.epoch_day() &&
           std::llabs(anchor->epoch_seconds - as_of.epoch_seconds) <= kMaxAnchorDriftSeconds;
}

}  // namespace

std::string prepare_demo_warehouse(StandinScenario scenario, const Timestamp& as_of) {
    const std::string sql_dir = shipped_standin_sql_dir();
    const std::string fingerprint = standin_fingerprint(sql_dir, "sqlite");
    const fs::path folder = user_data_dir();
    const std::string stem = "demo-" + to_string(scenario) + "-";
    const fs::path path = folder / (stem + fingerprint + ".sqlite");

    std::error_code ec;
    if (fs::exists(path, ec) && fits(demo_anchor(path.string()), as_of)) return path.string();

    fs::create_directories(folder, ec);
    if (ec) {
        throw ConnectionError("cannot create the demo warehouse folder " + folder.string() + ": " +
                              ec.message());
    }
    spdlog::info("building the demo warehouse in {} (as of {})", path.string(),
                 format_timestamp(as_of));
    const fs::path temporary = path.string() + ".tmp." + std::to_string(getpid());
    fs::remove(temporary, ec);
    StandinOptions options;
    options.scale = kDemoScale;
    options.scenario = scenario;
    options.anchor = as_of;
    options.sql_dir = sql_dir;
    try {
        load_standin_sqlite(temporary.string(), options);
    } catch (...) {
        fs::remove(temporary, ec);
        throw;
    }
    fs::rename(temporary, path, ec);
    if (ec) throw ConnectionError("cannot install the demo warehouse: " + ec.message());
    // Demo files built from older SQL are of no further use.
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(stem) && entry.path() != path &&
            name.find(".tmp.") == std::string::npos) {
            fs::remove(entry.path(), ec);
        }
    }
    return path.string();
}

std::unique_ptr<Connector> open_target(const Target& target, const Timestamp& as_of) {
    if (target.kind != TargetKind::Demo) return open_connector(target);
    Target file;
    file.kind = TargetKind::Sqlite;
    file.spec = "sqlite:" + prepare_demo_warehouse(target.demo_scenario, as_of);
    return open_connector(file);
}

}  // namespace opsctl
