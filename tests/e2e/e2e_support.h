#pragma once
// Helpers of the end-to-end suite: reading opsctl's reports (JSON and text), checking
// the "unusable input" contract, and running opsctl with its stdout on a terminal.

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/test_support.h"

namespace opsctl::e2e {

using nlohmann::json;
using opsctl::test::Process;

inline const std::string kSourceDir = OPSCTL_SOURCE_DIR;
inline const std::string kFixturesDir = OPSCTL_TEST_FIXTURES;
inline const std::string kAsOf = opsctl::test::kAsOf;

// The lines of `text`, without their '\n' (and without a '\r' a terminal adds).
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    for (const char c : text) {
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            lines.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline bool starts_with(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

// The contract for unusable input: exit 3, nothing on stdout, and exactly one line
// "opsctl: error: ..." on stderr. Returns that line.
inline std::string require_usage_error(const Process& process) {
    INFO("stdout:\n" << process.out << "\nstderr:\n" << process.err);
    CHECK(process.exit_code == 3);
    CHECK(process.out.empty());
    const auto lines = lines_of(process.err);
    REQUIRE(lines.size() == 1);
    CHECK(starts_with(lines[0], "opsctl: error: "));
    CHECK(process.err.back() == '\n');
    return lines[0];
}

// The exit code ctest reads as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt):
// Catch2 2 has no SKIP, and a test that cannot run must not look passed.
inline constexpr int kSkipReturnCode = 77;

// Ends the test as skipped, saying why. Call it before the test makes anything: no
// destructor runs.
[[noreturn]] inline void skip_test(const std::string& reason) {
    std::fprintf(stderr, "SKIPPED: %s\n", reason.c_str());
    std::fflush(nullptr);
    std::_Exit(kSkipReturnCode);
}

// The uid and gid of a second, unprivileged user (opsctl-e2e-other), created with
// useradd when missing. Only root can: otherwise the test is skipped with the reason.
inline std::pair<uid_t, gid_t> second_user() {
    if (::geteuid() != 0) skip_test("needs root to create a second user (useradd)");
    const char* name = "opsctl-e2e-other";
    const std::string command = std::string(
                                    "useradd --system --no-create-home --shell "
                                    "/usr/sbin/nologin ") +
                                name + " 2>/dev/null";
    // Tests running at once may both try; useradd fails while the other holds
    // /etc/passwd's lock.
    for (int attempt = 0; attempt < 50 && ::getpwnam(name) == nullptr; ++attempt) {
        if (std::system(command.c_str()) != 0) ::usleep(100000);
    }
    const passwd* entry = ::getpwnam(name);
    if (entry == nullptr) skip_test(std::string("useradd could not create the user ") + name);
    return {entry->pw_uid, entry->pw_gid};
}

// A folder to use as PATH holding only `dbt`, a script that does nothing and succeeds:
// shell steps never run the machine's dbt, and a checklist with a dbt step can pass
// (a program missing from PATH is an error).
inline const std::string& stub_dbt_path() {
    static const opsctl::test::TempDir dir;
    static const bool written = [] {
        const std::string dbt = dir.write("dbt", "#!/bin/sh\necho \"stub dbt $*\"\n");
        std::filesystem::permissions(dbt, std::filesystem::perms::owner_all);
        return true;
    }();
    static_cast<void>(written);
    return dir.path();
}

// opsctl with stub_dbt_path() as PATH: daily morning has a dbt step, which then passes
// on a healthy warehouse.
inline Process run_opsctl_with_stub_dbt(const std::vector<std::string>& args) {
    return opsctl::test::run_opsctl(args, {{"PATH", stub_dbt_path()}});
}

// The names in `folder`, sorted.
inline std::vector<std::string> folder_entries(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The step `id` of a one-checklist JSON report.
inline const json& step_of(const json& report, const std::string& id) {
    for (const auto& step : report.at("steps")) {
        if (step.at("id") == id) return step;
    }
    FAIL("the report has no step " << id << ":\n" << report.dump(2));
    static const json none;
    return none;
}

inline std::vector<std::string> step_ids(const json& report) {
    std::vector<std::string> ids;
    for (const auto& step : report.at("steps")) ids.push_back(step.at("id").get<std::string>());
    return ids;
}

// The keys of a step's violations. A step without a key identifies a row as
// "row N"; with `row_key_column`, such a key is replaced by that column's value in
// the reported row N (when the result has that column), so that it can be compared
// with the keys of sql/README.md.
inline std::multiset<std::string> offending_keys(const json& step,
                                                 const std::string& row_key_column = "") {
    std::multiset<std::string> keys;
    for (const auto& violation : step.at("violations")) {
        std::string key = violation.at("key").get<std::string>();
        if (!row_key_column.empty() && starts_with(key, "row ")) {
            const size_t row = std::stoul(key.substr(4));
            const auto& columns = step.at("columns");
            size_t column = columns.size();
            for (size_t i = 0; i < columns.size(); ++i) {
                if (columns[i] == row_key_column) column = i;
            }
            if (column == columns.size()) {  // no such column: keep "row N"
                keys.insert(key);
                continue;
            }
            REQUIRE(row >= 1);
            REQUIRE(row <= step.at("rows").size());
            key = step.at("rows")[row - 1][column].get<std::string>();
        }
        keys.insert(key);
    }
    return keys;
}

// The runbook files of a folder (*.json), parsed, in file-name order.
inline std::vector<json> runbook_files(const std::string& folder) {
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<json> runbooks;
    for (const auto& path : paths) runbooks.push_back(json::parse(opsctl::test::read_file(path)));
    return runbooks;
}

inline json shipped_checklist(const std::string& runbook, const std::string& checklist) {
    const json file =
        json::parse(opsctl::test::read_file(kSourceDir + "/runbooks/" + runbook + ".json"));
    for (const auto& entry : file.at("checklists")) {
        if (entry.at("name") == checklist) return entry;
    }
    FAIL("runbooks/" << runbook << ".json has no checklist " << checklist);
    return {};
}

// One step of a text report: its status label, id, message, and the lines indented
// under it (the offending rows).
struct TextStep {
    std::string label;
    std::string id;
    std::string message;
    std::vector<std::string> details;
};

inline std::vector<TextStep> text_steps(const std::string& report) {
    static const std::regex step_line(R"(^  (PASS|WARN|FAIL|ERROR|SKIP|MANUAL) +(\S+) +(.*)$)");
    static const std::regex detail_line(R"(^ {10}(\S.*)$)");
    std::vector<TextStep> steps;
    for (const auto& line : lines_of(report)) {
        std::smatch match;
        if (std::regex_match(line, match, step_line)) {
            steps.push_back({match[1].str(), match[2].str(), match[3].str(), {}});
        } else if (!steps.empty() && std::regex_match(line, match, detail_line)) {
            steps.back().details.push_back(match[1].str());
        }
    }
    return steps;
}

inline const TextStep& text_step(const std::vector<TextStep>& steps, const std::string& id) {
    for (const auto& step : steps) {
        if (step.id == id) return step;
    }
    FAIL("the text report has no step " << id);
    static const TextStep none;
    return none;
}

// The current UTC time as ISO 8601, "2026-11-26T08:00:00Z".
inline std::string utc_now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// Seconds since the epoch of an ISO 8601 UTC time as opsctl writes it.
inline long long epoch_of_iso8601(const std::string& text) {
    std::tm parts{};
    REQUIRE(strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) != nullptr);
    return static_cast<long long>(timegm(&parts));
}

// Runs `fn` and returns how long it took, in seconds.
template <typename Fn>
double seconds_taken(Fn&& fn) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs opsctl with its stdout on a pseudo-terminal (stdin /dev/null, or the same
// terminal when `stdin_on_terminal`; stderr a file), with the same environment rules
// as run_opsctl.
inline Process run_opsctl_on_terminal(const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& env = {},
                                      bool stdin_on_terminal = false) {
    const opsctl::test::TempDir runtime;  // a lock folder of this run's own
    opsctl::test::OpsctlLaunch launch(args, env, runtime.path());

    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(grantpt(master) == 0);
    REQUIRE(unlockpt(master) == 0);
    const std::string slave = ptsname(master);

    const opsctl::test::TempDir io;
    const std::string err_path = io.file("stderr");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, master);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO,
                                     stdin_on_terminal ? slave.c_str() : "/dev/null",
                                     O_RDONLY | O_NOCTTY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, launch.cwd().c_str());
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, slave.c_str(), O_WRONLY | O_NOCTTY,
                                     0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc =
        posix_spawn(&pid, launch.argv()[0], &actions, nullptr, launch.argv(), launch.envp());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        close(master);
        FAIL("cannot start " << OPSCTL_BINARY);
    }
    // Read until the child has closed the terminal (read fails with EIO then).
    Process process;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(master, buffer, sizeof buffer);
        if (n > 0) {
            process.out.append(buffer, static_cast<size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break;
        }
    }
    close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    process.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    process.err = opsctl::test::read_file(err_path);
    return process;
}

}  // namespace opsctl::e2e
