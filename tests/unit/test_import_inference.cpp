// The importer's inferences without a document: schedule words, thresholds lifted
// from SQL, CASE bands and keys.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "opsctl/import/case_bands.h"
#include "opsctl/import/checklist_fields.h"
#include "opsctl/import/key_inference.h"
#include "opsctl/import/schedule_words.h"
#include "opsctl/import/select_list.h"
#include "opsctl/import/threshold_lifting.h"

using nlohmann::json;
using namespace opsctl;

namespace {

Schedule schedule(const std::string& phrase) {
    return schedule_of(read_schedule_words(phrase), phrase);
}

}  // namespace

TEST_CASE("schedule words become cron only where every word is read", "[import]") {
    CHECK(schedule("8:00 AM").cron == "0 8 * * *");
    CHECK(schedule("Every 4 hours").cron == "0 */4 * * *");
    CHECK(schedule("Every Sunday at 3:00 AM").cron == "0 3 * * 0");
    CHECK(schedule("First Monday, 9:00 AM").cron == "0 9 1-7 * 1");
    CHECK(schedule("Last Friday, 3:00 PM").cron == "0 15 * * 5L");
    CHECK(schedule("15th, 2:00 PM").cron == "0 14 15 * *");
    CHECK(schedule("Hourly").cron == "0 * * * *");
    CHECK(schedule("Mondays at 06:00").cron == "0 6 * * 1");
    CHECK(schedule("12:30 PM").cron == "30 12 * * *");
    CHECK(schedule("12:00 AM").cron == "0 0 * * *");
    const Schedule sunday = schedule("Every Sunday");
    CHECK(sunday.cron == "0 0 * * 0");
    REQUIRE(sunday.notes.size() == 1);
    CHECK(sunday.notes[0] == "schedule \"Every Sunday\" names no time of day: 00:00 assumed");
    CHECK(schedule("Weekly").cron.empty());
    CHECK(schedule("Continuous").cron.empty());
    CHECK(schedule("Every other Tuesday").cron.empty());
    CHECK(schedule("9:00 EST").cron.empty());
    CHECK(schedule("13:00 PM").cron.empty());
}

TEST_CASE("schedule words: several days of the month or hours are all kept", "[import]") {
    // Each of these once kept only the last day or refused the second time.
    const Schedule twice_a_month = schedule("1st and 15th of each month");
    CHECK(twice_a_month.cron == "0 0 1,15 * *");
    CHECK(twice_a_month.text == "1st and 15th of the month at 00:00 (no time in the document)");
    const Schedule twice_a_day = schedule("Twice daily (06:00 and 18:00)");
    CHECK(twice_a_day.cron == "0 6,18 * * *");
    CHECK(twice_a_day.text == "Daily at 06:00 and 18:00");
    CHECK(schedule("Mondays and Thursdays, 9:30 AM and 1:30 PM").cron == "30 9,13 * * 1,4");
    // One cron line cannot hold two minutes, nor fewer times than the phrase counts.
    CHECK(schedule("Daily at 06:00 and 18:30").cron.empty());
    const Schedule counted = schedule("Twice daily at 06:00");
    CHECK(counted.cron.empty());
    REQUIRE(counted.notes.size() == 1);
    CHECK(counted.notes[0] ==
          "schedule \"Twice daily at 06:00\" says 2 times but names 1: not scheduled");
}

TEST_CASE("schedule words: a time in UTC is kept, with a note on cron's time zone", "[import]") {
    const Schedule utc = schedule("Sundays 03:00 UTC");
    CHECK(utc.cron == "0 3 * * 0");
    REQUIRE(utc.notes.size() == 1);
    CHECK(utc.notes[0] ==
          "schedule \"Sundays 03:00 UTC\" is in UTC: cron reads the hours in the machine's time "
          "zone");
}

TEST_CASE("a heading's schedule after a colon or a dash", "[import]") {
    const ChecklistHeading weekly = read_checklist_heading("Weekly: Tuesdays at 10am");
    CHECK(schedule(weekly.schedule_phrase).cron == "0 10 * * 2");
    const ChecklistHeading dashed = read_checklist_heading("Morning checks \u2014 07:30");
    CHECK(dashed.title == "Morning checks");
    CHECK(schedule(dashed.schedule_phrase).cron == "30 7 * * *");
    const ChecklistHeading hyphen = read_checklist_heading("Backups - Every Sunday at 3 AM");
    CHECK(hyphen.title == "Backups");
    CHECK(schedule(hyphen.schedule_phrase).cron == "0 3 * * 0");
    // A dash before words that are not a schedule stays in the title.
    const ChecklistHeading plain = read_checklist_heading("Orders - Late Shipments");
    CHECK(plain.title == "Orders - Late Shipments");
    CHECK(plain.schedule_phrase.empty());
}

TEST_CASE("a WHERE threshold leaves the SQL as a rule; a window stays", "[import]") {
    const ThresholdLifting lifted = lift_thresholds(
        "SELECT query_id, secs FROM q\nWHERE secs > 60\nAND start_time >= DATEADD('day', -1, "
        "CURRENT_DATE()) ORDER BY secs DESC;");
    CHECK(lifted.sql ==
          "SELECT query_id, secs FROM q WHERE start_time >= DATEADD('day', -1, CURRENT_DATE()) "
          "ORDER BY secs DESC");
    REQUIRE(lifted.expect.size() == 1);
    CHECK(lifted.expect[0] == json::parse(R"({"column": "secs", "fail_above": 60})"));
    CHECK(lifted.has_window);
}

TEST_CASE("thresholds are lifted exactly or not at all", "[import]") {
    // 60 < secs is secs > 60.
    CHECK(lift_thresholds("SELECT id, secs FROM q WHERE 60 < secs").expect[0] ==
          json::parse(R"({"column": "secs", "fail_above": 60})"));
    // >= has no exact rule: kept, any row fails.
    const ThresholdLifting at_least = lift_thresholds("SELECT id, n FROM t WHERE n >= 5");
    CHECK(at_least.expect.empty());
    CHECK(at_least.sql == "SELECT id, n FROM t WHERE n >= 5");
    CHECK(at_least.row_count == json{{"fail_above", 0}});
    // Two thresholds joined by AND are one condition, not two rules.
    const ThresholdLifting both = lift_thresholds("SELECT id FROM t WHERE a > 1 AND b > 2");
    CHECK(both.expect.empty());
    CHECK(both.row_count == json{{"fail_above", 0}});
    // OR joins rules.
    const ThresholdLifting either =
        lift_thresholds("SELECT id, a, s FROM t WHERE (a > 1 OR s = 'FAIL' OR s = 'ERROR')");
    CHECK(either.sql == "SELECT id, a, s FROM t");
    CHECK(
        json(either.expect) ==
        json::parse(
            R"([{"column": "a", "fail_above": 1}, {"column": "s", "fail_if": ["FAIL", "ERROR"]}])"));
    // A word that is no verdict is a filter.
    const ThresholdLifting scope = lift_thresholds("SELECT id FROM t WHERE status = 'ACTIVE'");
    CHECK(scope.expect.empty());
    CHECK_FALSE(scope.row_count);
    CHECK(scope.sql == "SELECT id FROM t WHERE status = 'ACTIVE'");
    // A string holding WHERE is not a clause.
    CHECK(lift_thresholds("SELECT 'WHERE x > 1' AS s FROM t").expect.empty());
    // A threshold column the query does not return is added to it.
    CHECK(lift_thresholds("SELECT id FROM t WHERE lag > 5").sql == "SELECT id, lag FROM t");
}

TEST_CASE("excluding words that are not problems returns the problems", "[import]") {
    // Once refused as "mixed" (SUCCESS is healthy, SKIPPED a warning): a report step
    // that passed on every failed job.
    const ThresholdLifting not_in = lift_thresholds(
        "SELECT job_name, status FROM jobs WHERE status NOT IN ('SUCCESS', 'SKIPPED')");
    CHECK(not_in.sql == "SELECT job_name, status FROM jobs");
    CHECK(json(not_in.expect) ==
          json::parse(R"([{"column": "status", "fail_unless": ["SUCCESS", "SKIPPED"]}])"));
    // DONE and COMPLETED are words of success.
    CHECK(json(lift_thresholds("SELECT task_id, state FROM t WHERE state <> 'DONE'").expect) ==
          json::parse(R"([{"column": "state", "fail_unless": ["DONE"]}])"));
    // Excluding a problem word selects a mix: a filter.
    CHECK(
        lift_thresholds("SELECT id, s FROM t WHERE s NOT IN ('SUCCESS', 'FAILED')").expect.empty());
}

TEST_CASE("HAVING on an alias becomes a rule on that column", "[import]") {
    const ThresholdLifting lifted = lift_thresholds(
        "SELECT m, AVG(d) AS avg_d FROM r GROUP BY 1 HAVING avg_d > 300 ORDER BY avg_d DESC");
    CHECK(lifted.sql == "SELECT m, AVG(d) AS avg_d FROM r GROUP BY 1 ORDER BY avg_d DESC");
    CHECK(lifted.expect[0] == json::parse(R"({"column": "avg_d", "fail_above": 300})"));
}

TEST_CASE("CASE bands follow their names", "[import]") {
    const BandReading rising = read_case_bands(
        "SELECT t, m, CASE WHEN m <= 60 THEN 'EXCELLENT' WHEN m <= 360 THEN 'GOOD' WHEN m <= 720 "
        "THEN 'ACCEPTABLE' ELSE 'POOR' END AS s FROM f");
    REQUIRE(rising.rules.size() == 2);
    CHECK(rising.rules[0].second == json{{"warn_above", 360}});
    CHECK(rising.rules[1].second == json{{"fail_above", 720}});
    // < bands have no exact *_above rule: rules on the label instead.
    const BandReading labels =
        read_case_bands("SELECT t, m, CASE WHEN m < 60 THEN 'OK' ELSE 'STALE' END AS s FROM f");
    REQUIRE(labels.rules.size() == 1);
    CHECK(labels.rules[0].first == "s");
    CHECK(labels.rules[0].second == json{{"fail_if", {"STALE"}}});
    // Names that are no verdicts give no rule.
    CHECK(read_case_bands("SELECT CASE WHEN m > 1 THEN 'BIG' ELSE 'SMALL' END AS s FROM f")
              .rules.empty());
}

TEST_CASE("keys: GROUP BY, then *_name or *_id, then a text column", "[import]") {
    auto key = [](const std::string& sql) {
        return infer_key(describe_select(sql, significant_tokens(sql))).columns;
    };
    CHECK(key("SELECT DATE_TRUNC('week', d) AS week, SUM(x) AS s FROM t GROUP BY 1") ==
          std::vector<std::string>{"week"});
    CHECK(key("SELECT n, table_name, x FROM t") == std::vector<std::string>{"table_name"});
    CHECK(key("SELECT x, budget_category FROM t") == std::vector<std::string>{"budget_category"});
    CHECK(key("SELECT * FROM t").empty());
    CHECK(key("SELECT COUNT(*) AS n FROM t").empty());
}
