// write_file_atomically and check_writable_atomically on real files: the target is
// replaced whole, no temporary file is left behind, failures say why and where.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "opsctl/core/atomic_file.h"
#include "opsctl/core/error.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using opsctl::test::read_file;
using opsctl::test::TempDir;

namespace {

std::vector<std::string> entries(const std::string& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("atomic file: writes and replaces, leaving only the target", "[atomic-file]") {
    const TempDir dir;
    const std::string path = dir.file("report.prom");
    opsctl::write_file_atomically(path, "first\n");
    CHECK(read_file(path) == "first\n");
    opsctl::write_file_atomically(path, std::string(100000, 'x'));
    CHECK(read_file(path) == std::string(100000, 'x'));
    CHECK(entries(dir.path()) == std::vector<std::string>{"report.prom"});
}

TEST_CASE("atomic file: a failure names the path, keeps the old file, leaves no temporary",
          "[atomic-file]") {
    const TempDir dir;
    const std::string missing = dir.file("nosuch/report.xml");
    CHECK_THROWS_WITH(opsctl::write_file_atomically(missing, "x"),
                      Catch::Contains(missing) && Catch::Contains("No such file or directory"));
    CHECK_THROWS_AS(opsctl::check_writable_atomically(missing), opsctl::UsageError);

    fs::create_directory(dir.file("taken"));
    CHECK_THROWS_WITH(opsctl::write_file_atomically(dir.file("taken"), "x"),
                      Catch::Contains("folder"));
    CHECK_THROWS_WITH(opsctl::check_writable_atomically(dir.file("taken")),
                      Catch::Contains("folder"));
    CHECK(entries(dir.path()) == std::vector<std::string>{"taken"});
}

TEST_CASE("atomic file: checking a path creates nothing and changes nothing", "[atomic-file]") {
    const TempDir dir;
    opsctl::check_writable_atomically(dir.file("new.json"));
    CHECK(entries(dir.path()).empty());
    const std::string kept = dir.write("old.json", "old\n");
    opsctl::check_writable_atomically(kept);
    CHECK(read_file(kept) == "old\n");
    CHECK(entries(dir.path()) == std::vector<std::string>{"old.json"});
}
