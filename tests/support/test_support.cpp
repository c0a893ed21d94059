#include "support/test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

extern char** environ;

namespace opsctl::test {

namespace fs = std::filesystem;

namespace {

std::string pg_dir() {
    const char* dir = std::getenv("OPSCTL_TEST_PG_DIR");
    if (!dir || !*dir) FAIL("OPSCTL_TEST_PG_DIR is not set: run the tests through ctest");
    return dir;
}

}  // namespace

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string pg_uri(const std::string& database) {
    const std::string dir = pg_dir();
    std::string port = read_file(dir + "/port");
    while (!port.empty() && (port.back() == '\n' || port.back() == ' ')) port.pop_back();
    if (port.empty()) FAIL("the tests' PostgreSQL is not running (no " + dir + "/port)");
    return "postgresql://postgres@/" + database + "?host=" + dir + "/socket&port=" + port;
}

void pg_admin(const std::string& database, const std::string& sql) {
    pqxx::connection connection(pg_uri(database));
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
}

std::string fresh_pg_database(const std::string& name) {
    pg_admin("postgres", "DROP DATABASE IF EXISTS " + name);
    pg_admin("postgres", "CREATE DATABASE " + name);
    return name;
}

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "opsctl-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) FAIL("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    const std::string path = file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

nlohmann::json Process::json() const {
    try {
        return nlohmann::json::parse(out);
    } catch (const std::exception& e) {
        FAIL("stdout is not JSON (" << e.what() << "):\n" << out << "\nstderr:\n" << err);
    }
    return {};
}

Process run_opsctl(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env) {
    static TempDir scratch;  // one demo warehouse folder for the whole test binary
    std::map<std::string, std::string> variables;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text = *entry;
        const auto equals = text.find('=');
        if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
    variables["XDG_DATA_HOME"] = scratch.path();
    // Each run gets its own default lock folder, so that tests running in parallel
    // never see each other's locks; tests of locking pass --lock or set this.
    TempDir runtime;
    variables["XDG_RUNTIME_DIR"] = runtime.path();
    variables.erase("OPSCTL_TARGET");
    variables.erase("OPSCTL_RUNBOOKS");
    variables.erase("NO_COLOR");
    for (const auto& [name, value] : env) {
        if (value.empty()) {
            variables.erase(name);
        } else {
            variables[name] = value;
        }
    }
    std::vector<std::string> env_strings;
    for (const auto& [name, value] : variables) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& text : env_strings) envp.push_back(text.data());
    envp.push_back(nullptr);

    std::vector<std::string> argv_strings{OPSCTL_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& text : argv_strings) argv.push_back(text.data());
    argv.push_back(nullptr);

    TempDir io;
    const std::string out_path = io.file("stdout");
    const std::string err_path = io.file("stderr");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) FAIL("cannot start " << OPSCTL_BINARY);
    int status = 0;
    waitpid(pid, &status, 0);
    Process process;
    process.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    process.out = read_file(out_path);
    process.err = read_file(err_path);
    return process;
}

}  // namespace opsctl::test
