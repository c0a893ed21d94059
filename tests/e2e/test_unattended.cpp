// Unattended runs (cron, CI, monitoring): every requested report file is rewritten
// whatever happens (no connection, a timeout, a signal), files before stdout, a
// closed stdout is not fatal, FIFOs and /dev/stdout never hang, and every wait ends
// (a silent server, a stopped backend).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_support.h"
#include "support/report_parsers.h"

using namespace opsctl::e2e;
using opsctl::test::BackgroundOpsctl;
using opsctl::test::eventually;
using opsctl::test::OpsctlLaunch;
using opsctl::test::parse_prometheus;
using opsctl::test::pg_scalar;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::read_file;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

const std::map<std::string, std::string> kChecklist{{"runbook", "unattended"},
                                                    {"checklist", "run"}};
const std::string kLastSuccess = "opsctl_checklist_last_success_timestamp_seconds";

// A runbook folder with one checklist "unattended/run": a passing step, then `extra`.
std::string runbooks(const TempDir& dir, const std::string& extra = {}) {
    dir.write("unattended.json",
              R"({"runbook": "unattended", "checklists": [{"name": "run", "steps": [
                  {"id": "one", "sql": {"postgresql": "SELECT 1 AS one"},
                   "expect": [{"column": "one", "fail_above": 1}]})" +
                  extra + "]}]}");
    return dir.path();
}

std::string slow_step(const std::string& marker) {
    return R"(, {"id": "slow", "sql": {"postgresql": "SELECT pg_sleep(60) AS x -- )" + marker +
           R"("}, "report": true})";
}

int running_queries(const std::string& marker) {
    return std::stoi(pg_scalar("postgres",
                               "SELECT count(*) FROM pg_stat_activity WHERE pid <> "
                               "pg_backend_pid() AND query LIKE '%" +
                                   marker + "%' AND query NOT LIKE '%pg_stat_activity%'"));
}

// A TCP listener on loopback that never accepts: the kernel completes the handshake,
// and nothing ever answers libpq's startup packet.
class SilentListener {
  public:
    SilentListener() {
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(listen(fd_, 16) == 0);
        socklen_t length = sizeof address;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~SilentListener() { close(fd_); }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;

    std::string target() const {
        return "postgresql://opsctl@127.0.0.1:" + std::to_string(port_) + "/wh";
    }
    // Whether a connection waits in the backlog.
    bool connection_pending() const {
        pollfd entry{fd_, POLLIN, 0};
        return poll(&entry, 1, 0) == 1;
    }

  private:
    int fd_ = -1;
    int port_ = 0;
};

// An opsctl run whose stdout is a pipe: closed before opsctl starts when
// `close_stdout`, else read to its end. stderr goes to a file. A run that does not
// end within `guard_seconds` is killed and reported as exit -1: the guard turns a
// hang into a failure instead of a stuck test suite; it measures nothing.
Process run_with_stdout_pipe(const std::vector<std::string>& args, bool close_stdout,
                             int guard_seconds = 60) {
    TempDir io;
    TempDir runtime;
    OpsctlLaunch launch(args, {}, runtime.path());
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
    if (close_stdout) close(fds[0]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, launch.cwd().c_str());
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, io.file("stderr").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, launch.argv()[0], &actions, nullptr, launch.argv(), launch.envp()) ==
            0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    Process process;
    bool hung = false;
    if (!close_stdout) {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::seconds(guard_seconds);
        char buffer[4096];
        while (true) {
            pollfd entry{fds[0], POLLIN, 0};
            if (std::chrono::steady_clock::now() > deadline) {
                hung = true;
                break;
            }
            if (poll(&entry, 1, 100) <= 0) continue;
            const ssize_t n = read(fds[0], buffer, sizeof buffer);
            if (n <= 0) break;
            process.out.append(buffer, static_cast<size_t>(n));
        }
        close(fds[0]);
    }
    if (hung) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    process.exit_code =
        hung ? -1 : (WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    process.err = read_file(io.file("stderr"));
    return process;
}

// Reads a FIFO to its end on a thread of its own, as a log shipper would.
class FifoReader {
  public:
    explicit FifoReader(const std::string& path)
        : thread_([this, path] {
              const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
              if (fd < 0) return;
              char buffer[4096];
              ssize_t n = 0;
              while ((n = read(fd, buffer, sizeof buffer)) > 0) {
                  text_.append(buffer, static_cast<size_t>(n));
              }
              close(fd);
          }) {}
    // Waits for the writer to close the FIFO.
    std::string text() {
        if (thread_.joinable()) thread_.join();
        return text_;
    }
    ~FifoReader() {
        if (thread_.joinable()) thread_.detach();
    }

  private:
    std::string text_;
    std::thread thread_;
};

}  // namespace

TEST_CASE("unattended: a run that cannot connect rewrites every report as error",
          "[e2e][unattended]") {
    const TempDir dir;
    const std::string folder = runbooks(dir);
    const TempDir out;
    const std::string json_path = out.file("p.json");
    const std::string prom_path = out.file("p.prom");
    const std::vector<std::string> reports{"--no-lock", "--report", "json:" + json_path, "--report",
                                           "prometheus:" + prom_path};
    std::vector<std::string> passing{"--runbooks", folder,     "unattended",
                                     "run",        "--target", pg_uri("wh_healthy")};
    passing.insert(passing.end(), reports.begin(), reports.end());
    const Process first = run_opsctl(passing);
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    const double success = parse_prometheus(read_file(prom_path)).value(kLastSuccess, kChecklist);

    std::vector<std::string> unreachable{"--runbooks", folder,
                                         "unattended", "run",
                                         "--target",   "postgresql://ops:s3cret@127.0.0.1:1/wh"};
    unreachable.insert(unreachable.end(), reports.begin(), reports.end());
    const Process failed = run_opsctl(unreachable);
    CHECK(failed.exit_code == 3);
    CHECK(failed.out.empty());
    CHECK(starts_with(failed.err, "opsctl: error: cannot connect to"));
    const auto report = json::parse(read_file(json_path));
    CHECK(report.at("status") == "error");
    const std::string message = report.at("steps").at(0).at("message");
    CHECK(contains(message, "cannot connect to postgresql://ops:***@127.0.0.1:1/wh"));
    CHECK_FALSE(contains(read_file(json_path), "s3cret"));
    const auto prom = parse_prometheus(read_file(prom_path));
    CHECK(prom.value("opsctl_checklist_status", kChecklist) == 3);
    CHECK(prom.value(kLastSuccess, kChecklist) == success);
}

TEST_CASE("unattended: a closed stdout neither stops the report files nor fails the run",
          "[e2e][unattended]") {
    const TempDir dir;
    const TempDir out;
    const std::string json_path = out.file("p.json");
    const Process run =
        run_with_stdout_pipe({"--runbooks", runbooks(dir), "unattended", "run", "--target",
                              pg_uri("wh_healthy"), "--no-lock", "--report", "json:" + json_path},
                             true);
    INFO(run.err);
    CHECK(run.exit_code == 0);
    // Nothing but the fixture's superuser warning (issue 14): no EPIPE, no error.
    for (const auto& line : lines_of(run.err)) CHECK(contains(line, "can write: superuser"));
    CHECK(json::parse(read_file(json_path)).at("status") == "pass");
}

TEST_CASE("unattended: a FIFO and /dev/stdout as report paths are written, never read back",
          "[e2e][unattended]") {
    const TempDir dir;
    const std::string folder = runbooks(dir);
    const TempDir out;
    const std::string fifo = out.file("report.fifo");
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);

    SECTION("a FIFO with a reader") {
        FifoReader reader(fifo);
        const Process run =
            run_with_stdout_pipe({"--runbooks", folder, "unattended", "run", "--target",
                                  pg_uri("wh_healthy"), "--no-lock", "--report", "json:" + fifo},
                                 false);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        CHECK(json::parse(reader.text()).at("status") == "pass");
        struct stat status {};
        REQUIRE(stat(fifo.c_str(), &status) == 0);
        CHECK(S_ISFIFO(status.st_mode));
    }
    SECTION("a FIFO nobody reads is an error, not a hang") {
        const Process run = run_with_stdout_pipe(
            {"--runbooks", folder, "unattended", "run", "--target", pg_uri("wh_healthy"),
             "--no-lock", "--report", "prometheus:" + fifo},
            false);
        CHECK(run.exit_code == 3);
        CHECK(contains(run.err, "no process is reading it"));
    }
    SECTION("/dev/stdout, a pipe") {
        const Process run = run_with_stdout_pipe(
            {"--runbooks", folder, "unattended", "run", "--target", pg_uri("wh_healthy"),
             "--no-lock", "--format", "nagios", "--report", "json:/dev/stdout"},
            false);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        // The file first, stdout last: the JSON report, then the Nagios line.
        const size_t nagios = run.out.find("\nOPSCTL OK");
        REQUIRE(nagios != std::string::npos);
        CHECK(json::parse(run.out.substr(0, nagios)).at("status") == "pass");
    }
}

TEST_CASE("unattended: SIGHUP mid-run cancels, writes the report and exits 3",
          "[e2e][unattended]") {
    const TempDir dir;
    const TempDir out;
    const std::string json_path = out.file("p.json");
    BackgroundOpsctl run({"--runbooks", runbooks(dir, slow_step("marker-sighup")), "unattended",
                          "run", "--target", pg_uri("wh_healthy"), "--jobs", "1", "--no-lock",
                          "--report", "json:" + json_path});
    REQUIRE(eventually([] { return running_queries("marker-sighup") == 1; }, 10.0));
    run.signal(SIGHUP);
    const Process done = run.wait();
    CHECK(done.exit_code == 3);
    const auto report = json::parse(read_file(json_path));
    CHECK(report.at("status") == "error");
    CHECK(contains(report.at("steps").at(1).at("message").get<std::string>(),
                   "interrupted by SIGHUP"));
    CHECK(eventually([] { return running_queries("marker-sighup") == 0; }, 3.0));
}

TEST_CASE(
    "unattended: a server that never answers cannot hold the run past --timeout or a "
    "signal",
    "[e2e][unattended]") {
    const TempDir dir;
    const std::string folder = runbooks(dir);
    const SilentListener silent;
    const TempDir out;
    const std::string json_path = out.file("p.json");

    SECTION("--timeout") {
        const Process run =
            run_opsctl({"--runbooks", folder, "unattended", "run", "--target", silent.target(),
                        "--no-lock", "--timeout", "1s", "--report", "json:" + json_path});
        CHECK(run.exit_code == 3);
        const auto report = json::parse(read_file(json_path));
        CHECK(report.at("status") == "error");
        CHECK(report.at("steps").at(0).at("message") == "not run: run timed out after 1s");
    }
    SECTION("SIGTERM while connecting") {
        BackgroundOpsctl run({"--runbooks", folder, "unattended", "run", "--target",
                              silent.target(), "--no-lock", "--report", "json:" + json_path});
        REQUIRE(eventually([&silent] { return silent.connection_pending(); }, 10.0));
        run.signal(SIGTERM);
        const Process done = run.wait();
        CHECK(done.exit_code == 3);
        const auto report = json::parse(read_file(json_path));
        CHECK(report.at("steps").at(0).at("message") == "not run: interrupted by SIGTERM");
    }
}

TEST_CASE("unattended: a run narrowed by --only or --skip says partial in every format",
          "[e2e][unattended]") {
    const TempDir dir;
    const std::string folder =
        runbooks(dir, R"(, {"id": "two", "sql": {"postgresql": "SELECT 2 AS two"},
                           "expect": [{"column": "two", "fail_above": 2}]})");
    const TempDir out;
    const std::string prom_path = out.file("p.prom");
    const auto run = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"--runbooks", folder,     "unattended",
                                      "run",        "--target", pg_uri("wh_healthy"),
                                      "--no-lock",  "--report", "prometheus:" + prom_path};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_opsctl(args);
    };
    const Process whole = run({});
    REQUIRE(whole.exit_code == 0);
    // Recognisable, so that a partial run moving it shows.
    std::string content = read_file(prom_path);
    const double success = parse_prometheus(content).value(kLastSuccess, kChecklist);
    const std::string stamp = std::to_string(static_cast<long long>(success));
    content.replace(content.rfind(stamp), stamp.size(), "1700000000");
    out.write("p.prom", content);

    for (const auto& narrowing :
         std::vector<std::vector<std::string>>{{"--only", "one"}, {"--skip", "two"}}) {
        INFO(narrowing[0]);
        std::vector<std::string> extra = narrowing;
        for (const std::string& report :
             {"json:" + out.file("p.json"), "junit:" + out.file("p.xml"),
              "nagios:" + out.file("p.txt")}) {
            extra.insert(extra.end(), {"--report", report});
        }
        const Process partial = run(extra);
        INFO(partial.err);
        REQUIRE(partial.exit_code == 0);
        CHECK(contains(
            partial.out,
            "  partial  only 1 selected step ran (--only/--skip), not the whole checklist\n"));
        const auto report = json::parse(read_file(out.file("p.json")));
        CHECK(report.at("partial") == true);
        CHECK(report.at("selected_steps") == json::array({"one"}));
        CHECK(contains(read_file(out.file("p.xml")), R"(<property name="partial" value="true"/>)"));
        CHECK(contains(read_file(out.file("p.txt")), "unattended/run (partial):"));
        const auto prom = parse_prometheus(read_file(prom_path));
        auto partial_labels = kChecklist;
        partial_labels["partial"] = "true";
        CHECK(prom.value("opsctl_checklist_status", partial_labels) == 0);
        CHECK(prom.value(kLastSuccess, kChecklist) == 1700000000);
    }
    const Process again = run({"--report", "json:" + out.file("p.json")});
    CHECK(json::parse(read_file(out.file("p.json"))).at("partial") == false);
    CHECK(parse_prometheus(read_file(prom_path)).value(kLastSuccess, kChecklist) > 1700000000);

    const std::string unknown = require_usage_error(run({"--skip", "tow"}));
    CHECK(contains(unknown, "--skip tow: no such step"));
}

TEST_CASE("unattended: timeouts no connector can enforce and as-of times out of range are refused",
          "[e2e][unattended]") {
    for (const std::string timeout : {"25d", "16000w"}) {
        INFO(timeout);
        const TempDir dir;
        dir.write("long.json",
                  R"({"runbook": "long", "checklists": [{"name": "run", "steps": [
                      {"id": "slow", "sql": "SELECT 1 AS one", "report": true, "timeout": ")" +
                      timeout + R"("}]}]})");
        const Process validate = run_opsctl({"validate", dir.path()});
        CHECK(validate.exit_code == 3);
        CHECK(contains(validate.out + validate.err,
                       "is longer than 24d, the longest timeout opsctl can enforce"));

        const std::string line = require_usage_error(
            run_opsctl({"daily", "morning", "--target", "demo", "--timeout", timeout}));
        CHECK(contains(line, "--timeout \"" + timeout + "\" is longer than 24d"));
    }
    for (const std::string as_of : {"0000-01-01", "1899-12-31 23:59"}) {
        const std::string line = require_usage_error(
            run_opsctl({"daily", "morning", "--target", "demo", "--as-of", as_of}));
        CHECK(contains(line, "is outside the years 1900 to 9999"));
    }
}
