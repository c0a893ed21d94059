#include "support/test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include <chrono>
#include <sstream>
#include <thread>

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

std::string pg_socket_dir() {
    return pg_dir() + "/socket";
}

std::string pg_port() {
    const std::string dir = pg_dir();
    std::string port = read_file(dir + "/port");
    while (!port.empty() && (port.back() == '\n' || port.back() == ' ')) port.pop_back();
    if (port.empty()) FAIL("the tests' PostgreSQL is not running (no " + dir + "/port)");
    return port;
}

std::string pg_uri(const std::string& database) {
    return "postgresql://postgres@/" + database + "?host=" + pg_socket_dir() + "&port=" + pg_port();
}

std::string pg_odbc(const std::string& database) {
    const std::string dir = pg_dir();
    std::string port = read_file(dir + "/port");
    while (!port.empty() && (port.back() == '\n' || port.back() == ' ')) port.pop_back();
    if (port.empty()) FAIL("the tests' PostgreSQL is not running (no " + dir + "/port)");
    // psqlODBC takes a socket folder as the server, as libpq does.
    return "Driver={PostgreSQL Unicode};Server=" + dir + "/socket;Port=" + port +
           ";Database=" + database + ";Uid=postgres;Pwd=;";
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

namespace {

int spawn(OpsctlLaunch& launch, const std::string& out_path, const std::string& err_path) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, launch.cwd().c_str());
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc =
        posix_spawn(&pid, launch.argv()[0], &actions, nullptr, launch.argv(), launch.envp());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) FAIL("cannot start " << OPSCTL_BINARY);
    return pid;
}

Process reap(int pid, const std::string& out_path, const std::string& err_path) {
    int status = 0;
    waitpid(pid, &status, 0);
    Process process;
    process.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    process.out = read_file(out_path);
    process.err = read_file(err_path);
    return process;
}

}  // namespace

OpsctlLaunch::OpsctlLaunch(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env,
                           const std::string& runtime_dir, const std::string& cwd) {
    static TempDir scratch;  // one demo warehouse folder for the whole test binary
    // Never the developer's config: an empty config home and an empty working folder.
    static TempDir empty_config_home;
    static TempDir empty_cwd;
    cwd_ = cwd.empty() ? empty_cwd.path() : cwd;
    std::map<std::string, std::string> variables;
    for (char** entry = environ; *entry; ++entry) {
        const std::string text = *entry;
        const auto equals = text.find('=');
        if (equals != std::string::npos)
            variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
    variables["XDG_DATA_HOME"] = scratch.path();
    // Each run gets its own default lock folder, so that tests running in parallel
    // never see each other's locks; tests of locking pass --lock.
    variables["XDG_STATE_HOME"] = runtime_dir;
    variables["XDG_CONFIG_HOME"] = empty_config_home.path();
    variables.erase("OPSCTL_CONFIG");
    variables.erase("OPSCTL_TARGET");
    variables.erase("OPSCTL_RUNBOOKS");
    variables.erase("NO_COLOR");
    // No run history unless a test asks for one (tests/e2e/test_history*.cpp): reports
    // stay as they were, and nothing is written to the developer's state folder.
    variables["OPSCTL_HISTORY"] = "none";
    for (const auto& [name, value] : env) {
        if (value.empty()) {
            variables.erase(name);
        } else {
            variables[name] = value;
        }
    }
    for (const auto& [name, value] : variables) env_strings_.push_back(name + "=" + value);
    for (auto& text : env_strings_) envp_.push_back(text.data());
    envp_.push_back(nullptr);
    argv_strings_.push_back(OPSCTL_BINARY);
    argv_strings_.insert(argv_strings_.end(), args.begin(), args.end());
    for (auto& text : argv_strings_) argv_.push_back(text.data());
    argv_.push_back(nullptr);
}

Process run_opsctl(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env, const std::string& cwd) {
    TempDir io;
    TempDir runtime;
    OpsctlLaunch launch(args, env, runtime.path(), cwd);
    const int pid = spawn(launch, io.file("stdout"), io.file("stderr"));
    return reap(pid, io.file("stdout"), io.file("stderr"));
}

BackgroundOpsctl::BackgroundOpsctl(const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env) {
    OpsctlLaunch launch(args, env, runtime_.path());
    pid_ = spawn(launch, io_.file("stdout"), io_.file("stderr"));
}

BackgroundOpsctl::~BackgroundOpsctl() {
    if (!reaped_) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
}

void BackgroundOpsctl::signal(int number) const {
    kill(pid_, number);
}

Process BackgroundOpsctl::wait() {
    reaped_ = true;
    return reap(pid_, io_.file("stdout"), io_.file("stderr"));
}

bool eventually(const std::function<bool()>& condition, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

std::string pg_scalar(const std::string& database, const std::string& sql) {
    pqxx::connection connection(pg_uri(database));
    pqxx::nontransaction tx(connection);
    const pqxx::result result = tx.exec(sql);
    if (result.empty() || result[0][0].is_null()) return {};
    return result[0][0].c_str();
}

}  // namespace opsctl::test
