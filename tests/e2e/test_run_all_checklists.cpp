// Every shipped checklist against the stand-in: healthy, everything passes; with faults,
// exactly the steps, statuses and keys of sql/README.md ("The same rows by step"); with
// every feed stopped, exactly the steps of its "Feeds stopped" table warn or fail; and
// the exit code of the worst of them (0 pass, 1 warn, 2 fail).

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "e2e/e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::pg_uri;
using opsctl::test::Process;
using opsctl::test::run_opsctl;

namespace {

struct Offence {
    std::string status;
    std::multiset<std::string> keys;
};

// sql/README.md, "The same rows by step". A keyless step names its single row "row 1";
// referential-integrity is keyed here by test_name (see offending_keys).
const std::map<std::string, std::map<std::string, Offence>>& readme_faults() {
    static const std::map<std::string, std::map<std::string, Offence>> faults{
        {"daily/morning",
         {{"data-freshness", {"fail", {"tbl_stale_carrier_events", "tbl_never_synced_returns"}}},
          {"data-quality-sla", {"fail", {"tbl_dq_failed_invoices"}}},
          {"referential-integrity", {"fail", {"fk_invoices_shipment"}}},
          {"slow-queries", {"fail", {"q-fault-1200s"}}},
          {"warehouse-cost", {"fail", {"ADHOC_SPIKE_WH / 2026-11-26"}}}}},
        {"daily/afternoon",
         {{"shipments-today", {"fail", {"row 1"}}}, {"ml-feature-freshness", {"fail", {"row 1"}}}}},
        {"weekly/wednesday", {{"null-percentage-trend", {"warn", {"tbl_null_heavy_consignees"}}}}},
        {"monthly/mid-month", {{"slow-queries-month", {"warn", {"q-fault-1200s"}}}}},
        {"monthly/month-end", {{"dq-pass-rate", {"warn", {"tbl_dq_failed_invoices"}}}}},
        {"incident/p1", {{"shipments-today", {"fail", {"row 1"}}}}},
        {"incident/p2",
         {{"data-quality-sla", {"fail", {"tbl_dq_failed_invoices"}}},
          {"slow-queries", {"fail", {"q-fault-1200s"}}}}},
        {"pipeline/monitoring",
         {{"freshness-status", {"fail", {"tbl_stale_carrier_events", "tbl_never_synced_returns"}}},
          {"dbt-run-results", {"fail", {"int_customs_declarations", "fct_customs_clearance"}}},
          {"null-percentage", {"warn", {"tbl_null_heavy_consignees"}}}}},
        {"pipeline/maintenance", {{"slow-models", {"warn", {"fct_route_optimization"}}}}},
        {"ml/daily",
         {{"feature-drift", {"fail", {"port_congestion_index"}}},
          {"prediction-confidence", {"warn", {"eta_predictor_canary"}}}}},
        {"ml/weekly",
         {{"feature-store-update",
           {"fail",
            {"avg_transit_hours_7d", "carrier_on_time_rate_30d", "lane_volume_14d",
             "customer_order_frequency_30d", "fuel_surcharge_index"}}}}},
        {"performance/realtime", {{"query-performance", {"fail", {"CREATE_TABLE_AS_SELECT"}}}}},
        {"performance/weekly", {{"slow-queries-week", {"warn", {"q-fault-1200s"}}}}},
        {"backup/daily",
         {{"backup-status", {"fail", {"tbl_customs_documents", "tbl_archived_manifests"}}}}},
        {"security/daily", {{"user-access", {"warn", {"mallory.external"}}}}},
        {"security/weekly", {{"security-assessment", {"fail", {"unencrypted_external_stages"}}}}},
        // The README keys cost-analysis by warehouse_name alone; the runbook keys it by
        // warehouse and day (see its description), so the day follows the warehouse.
        {"cost/daily",
         {{"cost-analysis", {"fail", {"ADHOC_SPIKE_WH / 2026-11-26"}}},
          {"budget", {"fail", {"adhoc_analytics"}}}}},
    };
    return faults;
}

// sql/README.md, "Feeds stopped": the steps that warn or fail, by checklist. Every
// other step passes, is skipped or is manual.
const std::map<std::string, std::map<std::string, std::string>>& readme_feeds_stopped() {
    static const std::map<std::string, std::map<std::string, std::string>> stopped{
        {"backup/daily", {{"backup-status", "fail"}}},
        {"cost/daily", {{"cost-analysis", "fail"}, {"budget", "warn"}}},
        {"daily/morning",
         {{"data-freshness", "fail"}, {"slow-queries", "fail"}, {"warehouse-cost", "fail"}}},
        {"daily/afternoon", {{"shipments-today", "fail"}, {"ml-feature-freshness", "fail"}}},
        {"incident/p1", {{"shipments-today", "fail"}}},
        {"incident/p2", {{"slow-queries", "fail"}}},
        {"ml/daily", {{"feature-drift", "warn"}, {"prediction-confidence", "warn"}}},
        {"ml/weekly", {{"feature-store-update", "fail"}}},
        {"monthly/mid-month", {{"slow-queries-month", "fail"}}},
        {"monthly/month-end", {{"dq-pass-rate", "fail"}}},
        {"performance/realtime", {{"query-performance", "warn"}}},
        {"performance/weekly", {{"slow-queries-week", "fail"}}},
        {"pipeline/monitoring",
         {{"freshness-status", "fail"}, {"dbt-run-results", "fail"}, {"null-percentage", "fail"}}},
        {"pipeline/maintenance", {{"slow-models", "fail"}}},
        {"security/daily", {{"user-access", "warn"}}},
        {"security/weekly", {{"security-assessment", "warn"}}},
        {"weekly/wednesday", {{"null-percentage-trend", "fail"}}},
    };
    return stopped;
}

std::vector<std::pair<std::string, std::string>> all_checklists() {
    const Process list = run_opsctl({"list", "--format", "json"});
    REQUIRE(list.exit_code == 0);
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& entry : list.json()) {
        names.emplace_back(entry.at("runbook").get<std::string>(),
                           entry.at("checklist").get<std::string>());
    }
    REQUIRE(names.size() == 24);
    return names;
}

json run_checklist(const std::string& database, const std::string& runbook,
                   const std::string& checklist, int expected_exit) {
    const Process run = run_opsctl(
        {runbook, checklist, "--target", pg_uri(database), "--as-of", kAsOf, "--format", "json"},
        {{"PATH", stub_dbt_path()}});
    INFO(runbook << "/" << checklist << " on " << database << "\nstderr:\n" << run.err);
    CHECK(run.exit_code == expected_exit);
    return run.json();
}

}  // namespace

TEST_CASE("all checklists: every checklist passes on the healthy stand-in",
          "[e2e][postgres][run]") {
    for (const auto& [runbook, checklist] : all_checklists()) {
        const json report = run_checklist("wh_healthy", runbook, checklist, 0);
        INFO(runbook << "/" << checklist);
        CHECK(report.at("status") == "pass");
        for (const auto& step : report.at("steps")) {
            INFO("step " << step.at("id") << ": " << step.at("message"));
            CHECK(step.at("violations").empty());
            const std::string status = step.at("status").get<std::string>();
            CHECK((status == "pass" || status == "skipped" || status == "manual"));
        }
    }
}

TEST_CASE("all checklists: with faults, exactly the steps and keys of sql/README.md",
          "[e2e][postgres][run][faults]") {
    std::set<std::string> seen;
    for (const auto& [runbook, checklist] : all_checklists()) {
        const std::string name = runbook + "/" + checklist;
        const auto found = readme_faults().find(name);
        const std::map<std::string, Offence> expected =
            found == readme_faults().end() ? std::map<std::string, Offence>{} : found->second;
        if (found != readme_faults().end()) seen.insert(name);
        int exit_code = 0;
        for (const auto& [id, offence] : expected) {
            exit_code = std::max(exit_code, offence.status == "fail" ? 2 : 1);
        }
        const json report = run_checklist("wh_faults", runbook, checklist, exit_code);
        INFO(name);
        for (const auto& step : report.at("steps")) {
            const std::string id = step.at("id").get<std::string>();
            INFO("step " << id << ": " << step.at("message"));
            const auto offence = expected.find(id);
            if (offence == expected.end()) {
                const std::string status = step.at("status").get<std::string>();
                CHECK((status == "pass" || status == "skipped" || status == "manual"));
                CHECK(step.at("violations").empty());
                continue;
            }
            CHECK(step.at("status") == offence->second.status);
            CHECK(offending_keys(step, "test_name") == offence->second.keys);
        }
        for (const auto& [id, offence] : expected) {
            INFO("expected step " << id);
            const auto ids = step_ids(report);
            CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
        }
    }
    // Every checklist of the README's table was run.
    CHECK(seen.size() == readme_faults().size());
}

TEST_CASE(
    "all checklists: with every feed stopped, exactly the steps of sql/README.md warn or fail",
    "[e2e][postgres][run]") {
    std::set<std::string> seen;
    for (const auto& [runbook, checklist] : all_checklists()) {
        const std::string name = runbook + "/" + checklist;
        const auto found = readme_feeds_stopped().find(name);
        const std::map<std::string, std::string> expected =
            found == readme_feeds_stopped().end() ? std::map<std::string, std::string>{}
                                                  : found->second;
        if (found != readme_feeds_stopped().end()) seen.insert(name);
        int exit_code = 0;
        for (const auto& [id, status] : expected) {
            exit_code = std::max(exit_code, status == "fail" ? 2 : 1);
        }
        const json report = run_checklist("wh_feeds_stopped", runbook, checklist, exit_code);
        INFO(name);
        for (const auto& step : report.at("steps")) {
            const std::string id = step.at("id").get<std::string>();
            INFO("step " << id << ": " << step.at("message"));
            const std::string status = step.at("status").get<std::string>();
            const auto want = expected.find(id);
            if (want == expected.end()) {
                CHECK((status == "pass" || status == "skipped" || status == "manual"));
            } else {
                CHECK(status == want->second);
            }
        }
        for (const auto& [id, status] : expected) {
            INFO("expected step " << id);
            const auto ids = step_ids(report);
            CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
        }
    }
    CHECK(seen.size() == readme_feeds_stopped().size());
}
