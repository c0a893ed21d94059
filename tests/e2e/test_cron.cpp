// opsctl cron: a crontab for every scheduled checklist. Every emitted line is parsed:
// five fields every cron accepts, then the command with opsctl's absolute path, the
// checklist, a lock, the text format and a log; --check names each bad schedule.

#include <sqlite3.h>

#include <array>

#include "e2e_support.h"
#include "opsctl/core/cron.h"

using namespace opsctl::e2e;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

struct CronLine {
    std::string fields;   // the five fields
    std::string command;  // the rest, as cron reads it (with \% escapes)
};

// The job lines of a crontab (not comments, blank lines or the PATH line); fails on
// anything else.
std::vector<CronLine> job_lines(const std::string& crontab) {
    std::vector<CronLine> jobs;
    for (const auto& line : lines_of(crontab)) {
        if (line.empty() || line[0] == '#' || starts_with(line, "PATH=")) continue;
        std::istringstream stream(line);
        std::vector<std::string> fields(5);
        for (auto& field : fields) stream >> field;
        std::string command;
        std::getline(stream, command);
        REQUIRE(!command.empty());
        jobs.push_back(
            {fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3] + " " + fields[4],
             command.substr(1)});
    }
    return jobs;
}

// Every '%' of a crontab command must be escaped, or cron cuts the command there.
bool percent_escaped(const std::string& command) {
    for (size_t i = 0; i < command.size(); ++i) {
        if (command[i] == '%' && (i == 0 || command[i - 1] != '\\')) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("cron: one valid line per scheduled checklist of the shipped runbooks", "[e2e][cron]") {
    const TempDir logs;
    const TempDir locks;
    const Process cron = run_opsctl({"cron", "--log-dir", logs.path() + "/opsctl-logs",
                                     "--lock-dir", locks.path(), "--user-prefix", "nice -n 10"});
    INFO("stdout:\n" << cron.out << "\nstderr:\n" << cron.err);
    REQUIRE(cron.exit_code == 0);
    CHECK(
        std::filesystem::is_directory(logs.path() + "/opsctl-logs"));  // the lines work as printed

    // What the crontab must cover: every checklist with a schedule.
    const Process list = run_opsctl({"list", "--format", "json"});
    REQUIRE(list.exit_code == 0);
    std::multiset<std::string> expected;
    for (const auto& checklist : list.json()) {
        if (checklist.at("schedule").is_null()) continue;
        expected.insert(checklist.at("runbook").get<std::string>() + " " +
                        checklist.at("checklist").get<std::string>());
    }
    REQUIRE(expected.size() >= 20);

    // nice -n 10 /abs/opsctl <runbook> <checklist> --lock <dir>/<r>.<c>.lock --format text
    //   >> <logs>/<r>.<c>.log 2>&1, possibly after a guard.
    const std::regex command_pattern(
        R"(((?:.* && )?)nice -n 10 (/\S+/opsctl) ([a-z0-9-]+) ([a-z0-9-]+) --runbooks (/\S+) )"
        R"(--lock (\S+) --format text >> (\S+) 2>&1)");
    std::multiset<std::string> covered;
    for (const auto& job : job_lines(cron.out)) {
        INFO("line: " << job.fields << " " << job.command);
        CHECK_FALSE(opsctl::check_cron_expression(job.fields).has_value());
        CHECK(job.fields.find('L') == std::string::npos);
        CHECK(percent_escaped(job.command));
        std::smatch match;
        REQUIRE(std::regex_match(job.command, match, command_pattern));
        CHECK(match[2] == std::string(OPSCTL_BINARY));
        const std::string job_name = match[3].str() + "." + match[4].str();
        // The shipped runbooks, next to the binary (install_paths.h).
        CHECK(match[5] ==
              std::filesystem::path(OPSCTL_BINARY).parent_path().parent_path().string() +
                  "/share/opsctl/runbooks");
        CHECK(match[6] == locks.path() + "/" + job_name + ".lock");
        CHECK(match[7] == logs.path() + "/opsctl-logs/" + job_name + ".log");
        const std::string name = match[3].str() + " " + match[4].str();
        if (!covered.count(name)) covered.insert(name);
    }
    CHECK(covered == expected);

    // The first Monday of the month: Mondays, guarded to the first seven days; the last
    // Friday: Fridays, guarded to the last week.
    CHECK(contains(cron.out, "0 9 * * 1 [ \"$(date +\\%d)\" -le 7 ] && nice -n 10 "));
    CHECK(contains(cron.out,
                   "0 15 * * 5 [ \"$(date -d '+7 days' +\\%m)\" != \"$(date +\\%m)\" ] && "));
}

TEST_CASE("cron: a line runs as printed", "[e2e][cron]") {
    // Only the good fixture runbook, on the demo: the line cron would run, through sh.
    const TempDir dir;
    const Process cron =
        run_opsctl({"cron", "--runbooks", kFixturesDir + "/good-runbooks", "--target", "demo",
                    "--log-dir", dir.path(), "--lock-dir", dir.path()});
    REQUIRE(cron.exit_code == 0);
    const auto jobs = job_lines(cron.out);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].fields == "0 8 * * *");
    std::string command = jobs[0].command;
    CHECK(contains(command, "--runbooks " + kFixturesDir + "/good-runbooks --target demo"));
    // As cron runs it: '\\%' back to '%', through sh, in a bare environment.
    for (size_t at; (at = command.find("\\%")) != std::string::npos;) command.erase(at, 1);
    const std::string script = dir.write("job.sh", command + "\n");
    const int rc =
        std::system(("cd " + dir.path() + " && env -i PATH=/usr/bin:/bin HOME=" + dir.path() +
                     " XDG_DATA_HOME=" + dir.path() + " sh " + script)
                        .c_str());
    const std::string log = opsctl::test::read_file(dir.file("e2e-good.main.log"));
    INFO("log:\n" << log);
    CHECK(WEXITSTATUS(rc) == 0);
    CHECK(contains(log, "e2e-good"));
    CHECK(contains(log, "freshness"));
}

// The crontab's PATH line, and each job line as cron hands it to /bin/sh ('\%' back to
// '%'), run from / with nothing in the environment but that PATH: as cron runs it,
// without the HOME and SHELL it would add.
int run_as_cron(const std::string& crontab, const TempDir& scratch) {
    const auto lines = lines_of(crontab);
    REQUIRE_FALSE(lines.empty());
    REQUIRE(starts_with(lines[0], "PATH="));
    const std::string path = lines[0].substr(5);
    int worst = 0;
    for (const auto& job : job_lines(crontab)) {
        std::string command = job.command;
        for (size_t at; (at = command.find("\\%")) != std::string::npos;) command.erase(at, 1);
        const std::string script = scratch.write("job.sh", command + "\n");
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            if (chdir("/") != 0) _exit(126);
            const std::string path_variable = "PATH=" + path;
            char* const argv[] = {const_cast<char*>("sh"), const_cast<char*>(script.c_str()),
                                  nullptr};
            char* const envp[] = {const_cast<char*>(path_variable.c_str()), nullptr};
            execve("/bin/sh", argv, envp);
            _exit(127);
        }
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        worst = std::max(worst, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
    }
    return worst;
}

TEST_CASE("cron: a line needs nothing from its environment: env -i from /", "[e2e][cron]") {
    // Generated in a project folder whose path needs quoting (a blank, a quote, '%'),
    // with a relative --runbooks, ./opsctl.json whose default target is an SQLite file
    // beside it, and a shell step whose program is only on --path.
    const TempDir root;
    const std::string name = "it's ops 100%";
    const std::string project = root.file(name);
    std::filesystem::create_directories(project + "/runbooks");
    std::filesystem::create_directories(project + "/my bin");
    root.write(name + "/runbooks/cron.json", R"({"runbook": "cron-env", "checklists": [{
        "name": "main", "schedule": "0 8 * * *", "steps": [
        {"id": "which-db", "sql": "SELECT name FROM marker",
         "expect": [{"column": "name", "fail_unless": ["the project's file"]}]},
        {"id": "probe", "shell": ["opsctl-cron-probe"]}]}]})");
    root.write(name + "/opsctl.json", R"({"default_target": "wh", "targets": {
        "wh": {"connector": "sqlite", "path": "wh.db"}}})");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((project + "/wh.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TABLE marker (name text); "
                         "INSERT INTO marker VALUES ('the project''s file');",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const std::string probe = root.write(name + "/my bin/opsctl-cron-probe", "#!/bin/sh\nexit 0\n");
    std::filesystem::permissions(probe, std::filesystem::perms::owner_all);
    const std::string state = project + "/state";
    const std::string path = project + "/my bin:/usr/bin:/bin";

    // Once with the config's default target, once with a relative sqlite: target.
    for (const std::string target : {"", "sqlite:wh.db"}) {
        INFO("target: " << target);
        std::vector<std::string> args{"cron",      "--runbooks", "runbooks",   "--path", path,
                                      "--log-dir", state,        "--lock-dir", state};
        if (!target.empty()) args.insert(args.end(), {"--target", target});
        const Process cron = run_opsctl(args, {}, project);
        INFO("crontab:\n" << cron.out << "\nstderr:\n" << cron.err);
        REQUIRE(cron.exit_code == 0);
        CHECK(lines_of(cron.out)[0] == "PATH=" + path);
        const auto jobs = job_lines(cron.out);
        REQUIRE(jobs.size() == 1);
        // Absolute paths, each one shell word: quoted, its "'" as '\'', its '%' as \%.
        const std::string quoted = "'" + root.path() + "/it'\\''s ops 100\\%";
        CHECK(starts_with(jobs[0].command, std::string(OPSCTL_BINARY) + " cron-env main"));
        CHECK(contains(jobs[0].command, " --runbooks " + quoted + "/runbooks' "));
        CHECK(contains(jobs[0].command, " --config " + quoted + "/opsctl.json' "));
        if (!target.empty()) {
            CHECK(contains(jobs[0].command,
                           " --target 'sqlite:" + root.path() + "/it'\\''s ops 100\\%/wh.db' "));
        }

        std::filesystem::remove(state + "/cron-env.main.log");
        CHECK(run_as_cron(cron.out, root) == 0);
        const std::string log = opsctl::test::read_file(state + "/cron-env.main.log");
        INFO("log:\n" << log);
        const auto steps = text_steps(log);
        CHECK(text_step(steps, "which-db").label == "PASS");
        CHECK(text_step(steps, "probe").label == "PASS");
    }
}

TEST_CASE("cron: the PATH line is the PATH at generation unless --path", "[e2e][cron]") {
    const TempDir dir;
    const std::vector<std::string> args{"cron",      "--runbooks", kFixturesDir + "/good-runbooks",
                                        "--log-dir", dir.path(),   "--target",
                                        "demo"};
    const Process inherited = run_opsctl(args, {{"PATH", dir.path() + ":/usr/bin:/bin"}});
    REQUIRE(inherited.exit_code == 0);
    CHECK(lines_of(inherited.out)[0] == "PATH=" + dir.path() + ":/usr/bin:/bin");
    // A relative folder would be relative to cron's $HOME: refused, not written.
    CHECK(contains(require_usage_error(run_opsctl(args, {{"PATH", "bin:/usr/bin"}})),
                   "PATH \"bin:/usr/bin\" holds \"bin\", not an absolute folder"));
    CHECK(
        contains(require_usage_error(run_opsctl(args, {{"PATH", "/usr/bin:"}})), "ends with ':'"));
}

TEST_CASE("cron: nothing with a control character goes into a crontab", "[e2e][cron]") {
    const TempDir dir;
    const auto refused = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"cron",      "--runbooks", kFixturesDir + "/good-runbooks",
                                      "--log-dir", dir.path(),   "--target",
                                      "demo"};
        args.insert(args.end(), extra.begin(), extra.end());
        return require_usage_error(run_opsctl(args));
    };
    CHECK(contains(refused({"--user-prefix", "nice\n* * * * * rm -rf ~"}),
                   "--user-prefix \"nice\\n* * * * * rm -rf ~\" holds a control character"));
    CHECK(contains(refused({"--target", "sqlite:/tmp/a\nb.db"}), "--target"));
    CHECK(contains(refused({"--path", "/usr/bin\n* * * * * x"}), "--path"));
    CHECK(contains(refused({"--path", "bin:/usr/bin"}), "not an absolute folder"));

    // validate names the file and the JSON path of a title or schedule_text that holds one.
    std::string runbook = opsctl::test::read_file(kFixturesDir + "/good-runbooks/minimal.json");
    runbook.replace(runbook.find("\"schedule\": \"0 8 * * *\""), 23,
                    "\"schedule\": \"0 8 * * *\", \"schedule_text\": \"daily\\n* * * * * x\"");
    const std::string file = dir.write("nl.json", runbook);
    const Process validate = run_opsctl({"validate", "--runbooks", dir.path()});
    CHECK(validate.exit_code == 3);
    CHECK(contains(validate.out + validate.err, file + ":7:"));
    CHECK(
        contains(validate.out + validate.err,
                 "checklists[0].schedule_text: \"daily\\n* * * * * x\" holds a control character"));
    const Process cron = run_opsctl({"cron", "--runbooks", dir.path(), "--log-dir", dir.path()});
    CHECK(cron.exit_code == 3);
    CHECK(cron.out.empty());

    // Titles too, at every level: they go into one line of a log or a report header.
    const std::string good = opsctl::test::read_file(kFixturesDir + "/good-runbooks/minimal.json");
    for (const auto& [from, to, where] : std::vector<std::array<std::string, 3>>{
             {"\"title\": \"A valid", "\"title\": \"A\\tvalid", "title"},
             {"\"name\": \"main\",", "\"name\": \"main\", \"title\": \"x\\u001b[2J\",",
              "checklists[0].title"},
             {"\"title\": \"Look around\"", "\"title\": \"Look\\u0085around\"",
              "checklists[0].steps[1].title"}}) {
        std::string text = good;
        text.replace(text.find(from), from.size(), to);
        const TempDir one;
        const std::string bad = one.write("bad.json", text);
        const Process refused_title = run_opsctl({"validate", "--runbooks", one.path()});
        INFO(refused_title.out << refused_title.err);
        CHECK(refused_title.exit_code == 3);
        CHECK(contains(refused_title.out + refused_title.err, bad + ":"));
        CHECK(contains(refused_title.out + refused_title.err, where + ": "));
        CHECK(contains(refused_title.out + refused_title.err, "holds a control character"));
    }
}

TEST_CASE("cron: a refused value changes nothing: no log folder is made", "[e2e][cron]") {
    const TempDir dir;
    const std::string logs = dir.file("logs");
    require_usage_error(
        run_opsctl({"cron", "--runbooks", kFixturesDir + "/good-runbooks", "--log-dir", logs,
                    "--target", "demo", "--user-prefix", "nice\n* * * * * rm -rf ~"}));
    CHECK_FALSE(std::filesystem::exists(logs));
}

TEST_CASE("cron --check: exit 0 when every schedule is valid, else one line per bad one",
          "[e2e][cron]") {
    const Process good = run_opsctl({"cron", "--check"});
    INFO("stderr:\n" << good.err);
    CHECK(good.exit_code == 0);
    CHECK(std::regex_match(
        good.out,
        std::regex(
            R"(\d+ schedules in \d+ runbooks, every one a valid five-field cron expression\n)")));

    const TempDir dir;
    std::filesystem::copy(kFixturesDir + "/bad-runbooks/bad-schedule.json", dir.file("a.json"));
    std::filesystem::copy(kFixturesDir + "/good-runbooks/minimal.json", dir.file("b.json"));
    std::string four_fields = opsctl::test::read_file(kFixturesDir + "/good-runbooks/minimal.json");
    four_fields.replace(four_fields.find("\"0 8 * * *\""), 11, "\"0 8 * *\"");
    four_fields.replace(four_fields.find("e2e-good"), 8, "e2e-four");
    dir.write("c.json", four_fields);
    const Process bad = run_opsctl({"cron", "--check", "--runbooks", dir.path()});
    CHECK(bad.exit_code == 3);
    CHECK(bad.out.empty());
    const auto lines = lines_of(bad.err);
    REQUIRE(lines.size() == 2);
    CHECK(starts_with(lines[0],
                      "opsctl: error: " + dir.file("a.json") +
                          ":6:19: checklists[0].schedule: invalid schedule \"0 25 * * *\""));
    CHECK(starts_with(lines[1], "opsctl: error: " + dir.file("c.json") +
                                    ":7:19: checklists[0].schedule: invalid schedule \"0 8 * *\""));
}

TEST_CASE("cron: a target with a password never goes into a crontab", "[e2e][cron]") {
    const Process run =
        run_opsctl({"cron", "--target", "postgresql://ops:Cron-Pw-31@db/wh", "--log-dir", "/tmp"});
    const std::string line = require_usage_error(run);
    CHECK(contains(line, "must not go into a crontab"));
    CHECK_FALSE(contains(run.err, "Cron-Pw-31"));
}
