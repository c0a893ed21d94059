// Locks nobody else can touch: the default lock folder is the user's own and checked,
// a lock file is never followed through a symbolic link nor truncated, a file that is
// not an opsctl lock is refused, and the default lock is per target.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::BackgroundOpsctl;
using opsctl::test::eventually;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace fs = std::filesystem;

namespace {

// A runbook folder with the checklist "locks/run": one step, SQL any engine runs.
std::string quick_runbooks(const TempDir& dir) {
    dir.write("locks.json", R"({"runbook": "locks", "checklists": [{"name": "run", "steps": [
        {"id": "one", "sql": "SELECT 1 AS one", "report": true}]}]})");
    return dir.path();
}

// An empty file is an empty SQLite database: a target that needs no server.
std::string empty_sqlite(const TempDir& dir) {
    return "sqlite:" + dir.write("empty.db", "");
}

Process run_locked(const TempDir& dir, const std::vector<std::string>& extra,
                   const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> args = {"--runbooks", quick_runbooks(dir), "locks",
                                     "run",        "--target",          empty_sqlite(dir)};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_opsctl(args, env);
}

mode_t mode_of(const std::string& path) {
    struct stat status {};
    REQUIRE(::lstat(path.c_str(), &status) == 0);
    return status.st_mode & 07777;
}

// The lock files in `folder` (only ours are made there).
std::vector<std::string> lock_files(const std::string& folder) {
    std::vector<std::string> found;
    if (!fs::exists(folder)) return found;
    for (const auto& entry : fs::directory_iterator(folder)) found.push_back(entry.path().string());
    return found;
}

}  // namespace

TEST_CASE(
    "locks: a symbolic link at the --lock path is refused, and what it points to is "
    "untouched",
    "[e2e][locks]") {
    const TempDir dir;
    const std::string victim = dir.write("victim.txt", "precious\n");
    const std::string lock = dir.file("run.lock");
    fs::create_symlink(victim, lock);
    const std::string line = require_usage_error(run_locked(dir, {"--lock", lock}));
    CHECK(contains(line, "refusing the lock file " + lock + ": it is a symbolic link"));
    CHECK(read_file(victim) == "precious\n");
    // A dangling one is not created through either.
    const std::string dangling = dir.file("dangling.lock");
    fs::create_symlink(dir.file("made-through-the-link"), dangling);
    require_usage_error(run_locked(dir, {"--lock", dangling}));
    CHECK_FALSE(fs::exists(dir.file("made-through-the-link")));
}

TEST_CASE("locks: --lock refuses an existing file that is not an opsctl lock, unchanged",
          "[e2e][locks]") {
    const TempDir dir;
    const TempDir other;
    const std::string runbook = R"({"runbook": "precious", "checklists": []})";
    const std::string path = other.write("some_runbook.json", runbook);
    const std::string line = require_usage_error(run_locked(dir, {"--lock", path}));
    CHECK(contains(line, "refusing the lock file " + path + ": it is not an opsctl lock file"));
    CHECK(read_file(path) == runbook);
    // Nor a FIFO, which would block an open for writing: refused at once.
    const std::string fifo = dir.file("fifo.lock");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(contains(require_usage_error(run_locked(dir, {"--lock", fifo})),
                   "it is not a regular file"));
}

TEST_CASE(
    "locks: an empty file, an earlier opsctl's pid file and our own lock are taken, and the "
    "holder is written once it is held, 0600",
    "[e2e][locks]") {
    const TempDir dir;
    for (const std::string before : {"", "12345\n", "opsctl lock\npid 1\nstarted x\n"}) {
        INFO("before: " << before);
        const std::string lock = dir.write("run.lock", before);
        fs::permissions(lock, fs::perms(0644));  // what earlier versions made
        const Process run = run_locked(dir, {"--lock", lock});
        INFO(run.err);
        CHECK(run.exit_code == 0);
        const std::string after = read_file(lock);
        CHECK(starts_with(after, "opsctl lock\npid "));
        CHECK(contains(after, "\nstarted 20"));
        CHECK_FALSE(contains(after, "12345"));  // nothing of the last holder is left
        CHECK(mode_of(lock) == 0600);
    }
}

TEST_CASE("locks: the holder's pid and start time are in the lock while it runs",
          "[e2e][locks][postgres]") {
    const TempDir dir;
    dir.write("nap.json", R"({"runbook": "nap", "checklists": [{"name": "run", "steps": [
        {"id": "nap", "sql": "SELECT pg_sleep(3) AS x -- marker-lock-holder", "report": true}]}]})");
    const std::string lock = dir.file("nap.lock");
    BackgroundOpsctl first(
        {"--runbooks", dir.path(), "nap", "run", "--target", pg_uri("wh_healthy"), "--lock", lock});
    REQUIRE(eventually([&] { return contains(read_file(lock), "started"); }, 10.0));
    const Process second = run_opsctl(
        {"--runbooks", dir.path(), "nap", "run", "--target", pg_uri("wh_healthy"), "--lock", lock});
    CHECK(second.exit_code == 4);
    CHECK(contains(second.err, "another run holds the lock " + lock + " (pid "));
    CHECK(contains(second.err, ", started 20"));
    CHECK(first.wait().exit_code == 0);
}

TEST_CASE(
    "locks: the default lock folder is created 0700 and refused when others can write to "
    "it",
    "[e2e][locks]") {
    const TempDir dir;
    const TempDir state;
    const std::map<std::string, std::string> env = {{"XDG_STATE_HOME", state.path()}};
    const std::string folder = state.path() + "/opsctl/locks";
    REQUIRE(run_locked(dir, {}, env).exit_code == 0);
    CHECK(mode_of(folder) == 0700);
    const auto locks = lock_files(folder);
    REQUIRE(locks.size() == 1);
    CHECK(mode_of(locks[0]) == 0600);

    fs::permissions(folder, fs::perms(0777));
    const std::string line = require_usage_error(run_locked(dir, {}, env));
    CHECK(contains(line, "refusing the lock folder " + folder +
                             ": its group or others may write to it (mode 0777)"));
    fs::permissions(folder, fs::perms(0700));

    // A symbolic link in its place is not followed.
    const TempDir elsewhere;
    fs::remove_all(folder);
    fs::create_directory_symlink(elsewhere.path(), folder);
    CHECK(contains(require_usage_error(run_locked(dir, {}, env)), "it is a symbolic link"));
    CHECK(lock_files(elsewhere.path()).empty());
}

TEST_CASE("locks: the default lock is per target: staging and prod run side by side",
          "[e2e][locks][postgres]") {
    const TempDir dir;
    dir.write("nap.json", R"({"runbook": "nap", "checklists": [{"name": "run", "steps": [
        {"id": "nap", "sql": "SELECT pg_sleep(3) AS x -- marker-lock-target", "report": true}]}]})");
    const TempDir state;
    const std::map<std::string, std::string> env = {{"XDG_STATE_HOME", state.path()}};
    const auto run_on = [&](const std::string& database) {
        return std::vector<std::string>{"--runbooks", dir.path(), "nap",
                                        "run",        "--target", pg_uri(database)};
    };
    BackgroundOpsctl prod(run_on("wh_healthy"), env);
    REQUIRE(eventually(
        [] {
            return pg_scalar("postgres",
                             "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                             "'%marker-lock-target%' AND pid <> pg_backend_pid()") == "1";
        },
        10.0));
    const Process same = run_opsctl(run_on("wh_healthy"), env);
    CHECK(same.exit_code == 4);
    const Process staging = run_opsctl(run_on("wh_faults"), env);
    INFO(staging.err);
    CHECK(staging.exit_code == 0);
    CHECK(prod.wait().exit_code == 0);
    CHECK(lock_files(state.path() + "/opsctl/locks").size() == 2);
}

TEST_CASE("locks: root's default lock folder is /run/lock/opsctl", "[e2e][locks]") {
    if (::geteuid() != 0) skip_test("the default lock folder of root needs root");
    const TempDir dir;
    // A runbook of its own, so that no other test's run shares this lock.
    const std::string name = "locks-root-" + std::to_string(::getpid());
    dir.write(name + ".json", R"({"runbook": ")" + name +
                                  R"(", "checklists": [{"name": "run", "steps": [
        {"id": "one", "sql": "SELECT 1 AS one", "report": true}]}]})");
    const Process run =
        run_opsctl({"--runbooks", dir.path(), name, "run", "--target", empty_sqlite(dir)},
                   {{"XDG_STATE_HOME", ""}});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(mode_of("/run/lock/opsctl") == 0700);
    bool found = false;
    for (const auto& lock : lock_files("/run/lock/opsctl")) {
        if (fs::path(lock).filename().string().rfind(name + ".run.", 0) != 0) continue;
        found = true;
        CHECK(mode_of(lock) == 0600);
        fs::remove(lock);
    }
    CHECK(found);
}

TEST_CASE(
    "locks: a lock folder or lock file of another user is refused, and their symbolic link "
    "is not followed",
    "[e2e][locks][second-user]") {
    const auto [uid, gid] = second_user();
    const TempDir dir;
    const TempDir state;
    const std::map<std::string, std::string> env = {{"XDG_STATE_HOME", state.path()}};
    // The folder, made by the other user before our first run.
    const std::string folder = state.path() + "/opsctl/locks";
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms(0700));
    REQUIRE(::chown(folder.c_str(), uid, gid) == 0);
    const std::string line = require_usage_error(run_locked(dir, {}, env));
    CHECK(contains(line, "refusing the lock folder " + folder + ": it belongs to uid " +
                             std::to_string(uid) + ", not to you"));
    CHECK(lock_files(folder).empty());

    // A lock file of theirs at our --lock path, in a folder everyone shares.
    const TempDir shared;
    fs::permissions(shared.path(), fs::perms(01777));
    const std::string theirs = shared.write("theirs.lock", "");
    REQUIRE(::chown(theirs.c_str(), uid, gid) == 0);
    CHECK(contains(require_usage_error(run_locked(dir, {"--lock", theirs})),
                   "refusing the lock file " + theirs + ": it belongs to uid"));

    // A symbolic link they plant there, as themselves, to a file of ours.
    const std::string ours = dir.write("ours.txt", "ours\n");
    const std::string planted = shared.file("planted.lock");
    const std::string plant = "setpriv --reuid=" + std::to_string(uid) +
                              " --regid=" + std::to_string(gid) + " --clear-groups ln -s " + ours +
                              " " + planted;
    REQUIRE(std::system(plant.c_str()) == 0);
    CHECK(contains(require_usage_error(run_locked(dir, {"--lock", planted})),
                   "it is a symbolic link"));
    CHECK(read_file(ours) == "ours\n");
}
