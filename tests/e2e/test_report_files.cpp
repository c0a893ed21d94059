// Report files nobody can redirect: the temporary file of an atomic write has a
// random name and is never opened through a planted link, a replaced report keeps
// its mode, a new one follows the umask, and the cron log folder is private.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

// `daily morning` on the demo, its JSON report written to `path`.
Process report_to(const std::string& path) {
    return run_opsctl({"daily", "morning", "--target", "demo", "--as-of", kAsOf, "--no-lock",
                       "--report", "json:" + path});
}

mode_t mode_of(const std::string& path) {
    struct stat status {};
    REQUIRE(::lstat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

long last_pid() {
    std::ifstream in("/proc/sys/kernel/ns_last_pid");
    long pid = 0;
    in >> pid;
    return pid;
}

}  // namespace

TEST_CASE("report files: links planted at the temporary names a run would use are not followed",
          "[e2e][report-files]") {
    const TempDir dir;
    const TempDir elsewhere;
    const std::string victim = elsewhere.write("victim.txt", "precious\n");
    // The names an earlier opsctl used, .NAME.tmp.<pid>, for the pids the next
    // processes get: one of them is the run's.
    const long next = last_pid() + 1;
    for (long pid = next; pid < next + 3000; ++pid) {
        fs::create_symlink(victim, dir.file(".p.json.tmp." + std::to_string(pid)));
    }
    const Process run = report_to(dir.file("p.json"));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(read_file(victim) == "precious\n");
    CHECK(fs::is_regular_file(fs::symlink_status(dir.file("p.json"))));
    CHECK(contains(read_file(dir.file("p.json")), "\"status\": \"pass\""));
}

TEST_CASE("report files: a replaced report keeps its mode, a new one follows the umask",
          "[e2e][report-files]") {
    const TempDir dir;
    for (const mode_t mode : {0600, 0640, 0664}) {
        INFO("mode " << std::oct << mode);
        const std::string path = dir.write("kept.json", "{}");
        fs::permissions(path, fs::perms(mode));
        REQUIRE(report_to(path).exit_code == 0);
        CHECK(mode_of(path) == mode);
        CHECK(contains(read_file(path), "\"checklist\""));
    }
    for (const mode_t mask : {022, 077, 002}) {
        INFO("umask " << std::oct << mask);
        const std::string path = dir.file("new-" + std::to_string(mask) + ".json");
        const mode_t before = ::umask(mask);  // the child inherits it
        const Process run = report_to(path);
        ::umask(before);
        REQUIRE(run.exit_code == 0);
        CHECK(mode_of(path) == (0666 & ~mask));
    }
    // No temporary file is left behind.
    for (const auto& entry : fs::directory_iterator(dir.path())) {
        CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
    }
}

TEST_CASE("report files: the cron log folder is created 0700", "[e2e][report-files][cron]") {
    const TempDir dir;
    const std::string logs = dir.path() + "/state/opsctl/log";
    const Process cron = run_opsctl({"cron", "--log-dir", logs, "--lock-dir", dir.path()});
    INFO(cron.err);
    REQUIRE(cron.exit_code == 0);
    CHECK(mode_of(logs) == 0700);
    CHECK(mode_of(dir.path() + "/state") == 0700);
}
