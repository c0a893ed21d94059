#pragma once
// Helpers shared by the test suites: the tests' PostgreSQL, temporary folders, and
// running the built opsctl binary.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace opsctl::test {

// The time the stand-in databases of the test run are anchored at.
inline constexpr const char* kAsOf = "2026-11-26 08:00:00";

// The tests' PostgreSQL has one role that must give a password (scram-sha-256) and
// may read wh_healthy: opsctl_secret, with this password (postgres_fixture.sh).
inline constexpr const char* kSecretRole = "opsctl_secret";
inline constexpr const char* kSecretRolePassword = "Fixture-s3cret-Pw9";

// The tests' PostgreSQL socket folder and port, for building conninfos.
std::string pg_socket_dir();
std::string pg_port();

// The tests' PostgreSQL (tests/support/postgres_fixture.sh): a URI for `database`.
// Fails the test when the fixture is not running.
std::string pg_uri(const std::string& database);

// The same database as an ODBC connection string for psqlODBC ("PostgreSQL Unicode").
std::string pg_odbc(const std::string& database);

// Runs SQL as the superuser (for test setup: CREATE DATABASE, tables, data).
void pg_admin(const std::string& database, const std::string& sql);

// A fresh, empty database of the tests' PostgreSQL, named after `name`.
std::string fresh_pg_database(const std::string& name);

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    // Writes `text` to the file `name` and returns its path.
    std::string write(const std::string& name, const std::string& text) const;

  private:
    std::string path_;
};

struct Process {
    int exit_code = -1;
    std::string out;
    std::string err;
    nlohmann::json json() const;  // stdout parsed as JSON
};

// Runs the built opsctl with `args`; `env` adds or overrides environment variables
// (an empty value removes one). stdin is /dev/null. XDG_DATA_HOME defaults to a
// temporary folder so the demo warehouse never touches the user's, and
// XDG_STATE_HOME (which holds the default lock folder) to a fresh one per call. The developer's
// own config is never read: XDG_CONFIG_HOME is an empty folder, OPSCTL_CONFIG is
// unset, and opsctl runs in `cwd`, by default an empty folder (no ./opsctl.json).
// OPSCTL_HISTORY is "none": a test of the run history passes --history or sets it.
Process run_opsctl(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {}, const std::string& cwd = {});

// The command line and environment of an opsctl run in the tests: the caller's
// environment without opsctl's own variables, a demo folder shared by the test
// binary, `runtime_dir` as the default lock folder, then `env` (an empty value
// removes a variable). The pointer vectors stay valid while the launch lives.
class OpsctlLaunch {
  public:
    OpsctlLaunch(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env, const std::string& runtime_dir,
                 const std::string& cwd = {});
    OpsctlLaunch(const OpsctlLaunch&) = delete;
    OpsctlLaunch& operator=(const OpsctlLaunch&) = delete;
    char* const* argv() { return argv_.data(); }
    char* const* envp() { return envp_.data(); }
    // The folder opsctl starts in: an empty one unless the test names one.
    const std::string& cwd() const { return cwd_; }

  private:
    std::vector<std::string> argv_strings_;
    std::vector<std::string> env_strings_;
    std::vector<char*> argv_;
    std::vector<char*> envp_;
    std::string cwd_;
};

// A run of opsctl in the background, for signals and concurrent runs.
class BackgroundOpsctl {
  public:
    BackgroundOpsctl(const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env = {});
    ~BackgroundOpsctl();
    BackgroundOpsctl(const BackgroundOpsctl&) = delete;
    BackgroundOpsctl& operator=(const BackgroundOpsctl&) = delete;

    int pid() const { return pid_; }
    void signal(int number) const;
    // Waits for the process to end and returns what it did.
    Process wait();

  private:
    TempDir io_;
    TempDir runtime_;
    int pid_ = -1;
    bool reaped_ = false;
};

// Polls `condition` every 20 ms for up to `seconds`; returns whether it held.
bool eventually(const std::function<bool()>& condition, double seconds);

// Runs a query as the superuser and returns the first column of the first row.
std::string pg_scalar(const std::string& database, const std::string& sql);

std::string read_file(const std::string& path);

}  // namespace opsctl::test
