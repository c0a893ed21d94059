#include "opsctl/history/step_failures.h"

#include "opsctl/core/timestamp.h"

namespace opsctl {

std::vector<StepFailures> most_failed_steps(StoreSession& session, const HistoryFilter& filter,
                                            std::size_t top) {
    std::string runs = "SELECT id FROM runs WHERE started_at >= ?";
    std::vector<SqlValue> params{filter.since ? format_iso8601(*filter.since) : std::string()};
    if (!filter.target.empty()) {
        runs += " AND target = ?";
        params.emplace_back(filter.target);
    }
    params.emplace_back(std::to_string(filter.limit));
    params.emplace_back(std::to_string(top));
    const std::string failed = "s.status IN ('fail', 'error')";
    const std::vector<SqlRow> rows =
        session.query("SELECT r.runbook, r.checklist, s.step_id, SUM(CASE WHEN " + failed +
                          " THEN 1 ELSE 0 END), COUNT(*), MAX(CASE WHEN " + failed +
                          " THEN r.started_at END) FROM steps s JOIN runs r ON r.id = s.run_id "
                          "WHERE r.id IN (" +
                          runs +
                          " ORDER BY id DESC LIMIT ?) GROUP BY r.runbook, r.checklist, s.step_id "
                          "HAVING SUM(CASE WHEN " +
                          failed + " THEN 1 ELSE 0 END) > 0 ORDER BY 4 DESC, 1, 2, 3 LIMIT ?",
                      params);
    std::vector<StepFailures> steps;
    steps.reserve(rows.size());
    for (const SqlRow& row : rows) {
        steps.push_back({row[0].value_or(""), row[1].value_or(""), row[2].value_or(""),
                         std::stoll(row[3].value_or("0")), std::stoll(row[4].value_or("0")),
                         row[5].value_or("")});
    }
    return steps;
}

}  // namespace opsctl
