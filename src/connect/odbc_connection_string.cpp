#include "opsctl/connect/odbc_connection_string.h"

#include <set>
#include <utility>
#include <vector>

#include "opsctl/connect/target_parse.h"
#include "opsctl/core/ascii_case.h"

namespace opsctl {

namespace {

constexpr const char* kPsqlodbcFetchRows = "10000";

using Settings = std::vector<std::pair<std::string, std::string>>;

// The settings a known driver needs (lower-cased driver name or file).
Settings settings_for_driver(const std::string& driver) {
    if (driver.find("psqlodbc") != std::string::npos ||
        driver.find("postgres") != std::string::npos) {
        // Without a cursor psqlODBC reads the whole result into memory first.
        return {{"UseDeclareFetch", "1"},
                {"Fetch", kPsqlodbcFetchRows},
                {"BoolsAsChar", "0"},
                {"CommLog", "0"},
                {"Debug", "0"}};
    }
    if (driver.find("sqlite") != std::string::npos) {
        // Inside a transaction the driver reads the whole result into memory first;
        // without one it steps row by row. Writes are refused by query_only (the
        // connector asserts it before every statement).
        return {{"StepAPI", "1"}, {"NoTXN", "1"}, {"NoCreat", "1"}};
    }
    return {};
}

}  // namespace

std::string dialect_for_dbms(const std::string& dbms_name) {
    const std::string name = ascii_lower(dbms_name);
    if (name.find("postgres") != std::string::npos) return "postgresql";
    if (name.find("sqlite") != std::string::npos) return "sqlite";
    if (name.find("snowflake") != std::string::npos) return "snowflake";
    return "";
}

std::string odbc_connection_string(const std::string& spec, const std::string& driver_name) {
    std::set<std::string> user_keys;
    std::string driver_key;
    for (const TargetSetting& setting : odbc_settings(spec)) {
        const std::string key = ascii_lower(setting.key);
        user_keys.insert(key);
        if (key == "driver") driver_key = setting.value;
    }
    const std::string driver = ascii_lower(driver_name.empty() ? driver_key : driver_name);
    std::string result = spec;
    for (const auto& [key, value] : settings_for_driver(driver)) {
        if (user_keys.count(ascii_lower(key)) != 0) continue;
        if (!result.empty() && result.back() != ';') result += ';';
        result.append(key).append("=").append(value).append(";");
    }
    return result;
}

}  // namespace opsctl
