#include "opsctl/history/history_query.h"

#include <algorithm>

namespace opsctl {

namespace {

// The WHERE clause and parameters of a filter on `runs` (aliased r).
struct Where {
    std::string sql = " WHERE 1 = 1";
    std::vector<SqlValue> params;

    void add(const std::string& condition, const std::string& value) {
        sql += " AND " + condition;
        params.emplace_back(value);
    }
};

Where runs_where(const HistoryFilter& filter, Where where = {}) {
    if (!filter.runbook.empty()) where.add("r.runbook = ?", filter.runbook);
    if (!filter.checklist.empty()) where.add("r.checklist = ?", filter.checklist);
    if (!filter.target.empty()) where.add("r.target = ?", filter.target);
    if (filter.since) where.add("r.started_at >= ?", format_iso8601(*filter.since));
    return where;
}

std::string text(const SqlValue& value) {
    return value.value_or("");
}

long long integer(const SqlValue& value) {
    return value ? std::stoll(*value) : 0;
}

void add_counts(StoreSession& session, std::vector<RunSummary>& runs) {
    if (runs.empty()) return;
    std::map<long long, RunSummary*> by_id;
    for (RunSummary& run : runs) by_id[run.id] = &run;
    const std::vector<SqlRow> rows = session.query(
        "SELECT run_id, status, COUNT(*) FROM steps WHERE run_id >= ? AND run_id <= ? "
        "GROUP BY run_id, status",
        {std::to_string(by_id.begin()->first), std::to_string(by_id.rbegin()->first)});
    for (const SqlRow& row : rows) {
        const auto found = by_id.find(integer(row[0]));
        if (found != by_id.end())
            found->second->counts[text(row[1])] = static_cast<int>(integer(row[2]));
    }
}

}  // namespace

std::vector<RunSummary> list_runs(StoreSession& session, const HistoryFilter& filter) {
    Where where = runs_where(filter);
    where.params.emplace_back(std::to_string(filter.limit));
    const std::vector<SqlRow> rows = session.query(
        "SELECT r.id, r.runbook, r.checklist, r.target, r.started_at, r.status, r.exit_code, "
        "r.duration_ms, r.partial FROM runs r" +
            where.sql + " ORDER BY r.id DESC LIMIT ?",
        where.params);
    std::vector<RunSummary> runs;
    for (const SqlRow& row : rows) {
        RunSummary run;
        run.id = integer(row[0]);
        run.runbook = text(row[1]);
        run.checklist = text(row[2]);
        run.target = text(row[3]);
        run.started_at = text(row[4]);
        run.status = text(row[5]);
        run.exit_code = static_cast<int>(integer(row[6]));
        run.duration_ms = integer(row[7]);
        run.partial = text(row[8]) == "1";
        runs.push_back(std::move(run));
    }
    std::reverse(runs.begin(), runs.end());
    add_counts(session, runs);
    return runs;
}

std::vector<StepPoint> step_history(StoreSession& session, const HistoryFilter& filter) {
    Where step;
    step.add("s.step_id = ?", filter.step);
    const Where where = runs_where(filter, step);
    std::vector<SqlValue> params{filter.key};
    params.insert(params.end(), where.params.begin(), where.params.end());
    params.emplace_back(std::to_string(filter.limit));
    const std::vector<SqlRow> rows = session.query(
        "SELECT r.id, r.started_at, r.target, s.status, s.message, "
        "(SELECT v.value FROM violations v WHERE v.run_id = s.run_id AND v.step_id = s.step_id "
        "AND v.key_text = ? ORDER BY v.position LIMIT 1) "
        "FROM steps s JOIN runs r ON r.id = s.run_id" +
            where.sql + " ORDER BY r.id DESC LIMIT ?",
        params);
    std::vector<StepPoint> points;
    points.reserve(rows.size());
    for (const SqlRow& row : rows) {
        points.push_back(
            {integer(row[0]), text(row[1]), text(row[2]), text(row[3]), text(row[4]), row[5]});
    }
    std::reverse(points.begin(), points.end());
    return points;
}

long long prune_runs(StoreSession& session, const Timestamp& cutoff) {
    const std::vector<SqlValue> before{format_iso8601(cutoff)};
    const std::string old_runs = "SELECT id FROM runs WHERE started_at < ?";
    session.begin();
    try {
        const long long count = integer(
            session.query("SELECT COUNT(*) FROM runs WHERE started_at < ?", before).at(0).at(0));
        for (const char* table : {"violations", "steps", "manual_answers", "key_values"}) {
            session.exec(
                std::string("DELETE FROM ") + table + " WHERE run_id IN (" + old_runs + ")",
                before);
        }
        session.exec("DELETE FROM runs WHERE started_at < ?", before);
        session.commit();
        return count;
    } catch (...) {
        session.rollback();
        throw;
    }
}

}  // namespace opsctl
