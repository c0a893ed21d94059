// opsctl cron: a crontab for every scheduled checklist. Every emitted line is parsed:
// five fields every cron accepts, then the command with opsctl's absolute path, the
// checklist, a lock, the text format and a log; --check names each bad schedule.

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

// The job lines of a crontab (not comments or blank lines); fails on anything else.
std::vector<CronLine> job_lines(const std::string& crontab) {
    std::vector<CronLine> jobs;
    for (const auto& line : lines_of(crontab)) {
        if (line.empty() || line[0] == '#') continue;
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
        R"(((?:.* && )?)nice -n 10 (/\S+/opsctl) ([a-z0-9-]+) ([a-z0-9-]+) --lock (\S+) )"
        R"(--format text >> (\S+) 2>&1)");
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
        CHECK(match[5] == locks.path() + "/" + job_name + ".lock");
        CHECK(match[6] == logs.path() + "/opsctl-logs/" + job_name + ".log");
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
