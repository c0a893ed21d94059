#include "opsctl/standin/standin_inventory.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "opsctl/core/error.h"

namespace opsctl {

const std::vector<std::string>& standin_relations() {
    static const std::vector<std::string> names = {
        "standin_meta",
        "vw_data_freshness_monitoring",
        "vw_data_quality_summary",
        "test_foreign_key_constraints",
        "vw_performance_monitoring",
        "vw_cost_monitoring",
        "tbl_fact_shipments",
        "tbl_ml_consolidated_feature_store",
        "vw_consolidated_dashboard",
        "vw_data_quality_sla",
        "vw_dbt_run_results",
        "tbl_ml_model_registry",
        "vw_ml_feature_monitoring",
        "vw_ml_real_time_features",
        "vw_backup_status",
        "vw_user_access_monitoring",
        "vw_data_access_monitoring",
        "vw_security_monitoring",
        "vw_budget_monitoring",
        "vw_cost_optimization_opportunities",
    };
    return names;
}

void check_replaceable(const StandinInventory& inventory, bool replace, const std::string& where) {
    if (replace) return;
    std::vector<std::string> problems;
    if (!inventory.existing.empty() && !inventory.marked) {
        std::vector<std::string> found;
        for (const auto& relation : inventory.existing) {
            found.push_back(relation.kind + " " + relation.name);
        }
        problems.push_back("it holds " + fmt::format("{}", fmt::join(found, ", ")) +
                           " without the stand-in's marker (standin_meta with its signature)");
    }
    if (!inventory.dependents.empty()) {
        problems.push_back("objects the stand-in did not make depend on its relations: " +
                           fmt::format("{}", fmt::join(inventory.dependents, ", ")));
    }
    if (problems.empty()) return;
    std::string reasons;
    for (const auto& problem : problems) reasons += (reasons.empty() ? "" : ", and ") + problem;
    throw UsageError("refusing to load the stand-in into " + where + ": " + reasons +
                     "; nothing was changed (--replace replaces them, and drops what depends "
                     "on them)");
}

std::vector<FoundRelation> drop_order(const StandinInventory& inventory) {
    std::vector<FoundRelation> order = inventory.existing;
    std::stable_partition(order.begin(), order.end(), [](const FoundRelation& relation) {
        return relation.kind.find("view") != std::string::npos;
    });
    return order;
}

}  // namespace opsctl
