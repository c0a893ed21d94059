// opsctl report [--since D] [--target T] [--output FILE.html]: the history page, one
// HTML file over the run history of every checklist (report/history_page).
#include <iostream>
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/run_history.h"
#include "opsctl/core/atomic_file.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/history/acknowledgements.h"
#include "opsctl/history/history_query.h"
#include "opsctl/history/step_failures.h"
#include "opsctl/report/history_page.h"

namespace opsctl {

namespace {

constexpr size_t kRunCap = 720;
constexpr size_t kMostFailedShown = 20;

HistoryPage page_frame(const CliOptions& options) {
    HistoryPage page;
    page.period = options.since.empty() ? "30d" : options.since;
    const std::optional<Duration> period = parse_duration(page.period);
    if (!period) {
        throw UsageError("opsctl report: --since " + quote_value(page.period) +
                         " is not a duration (examples: \"30d\", \"90d\")");
    }
    page.generated_at = now_utc();
    page.since = page.generated_at;
    page.since.epoch_seconds -= std::chrono::duration_cast<std::chrono::seconds>(*period).count();
    page.run_cap = kRunCap;
    if (!options.target.empty()) page.target = resolve_target_for(options).describe();
    return page;
}

void fill_runs(StoreSession& session, HistoryPage& page, const HistoryFilter& filter) {
    HistoryFilter one_more = filter;
    one_more.limit = filter.limit + 1;  // to tell that the cap was reached
    std::vector<RunSummary> runs = list_runs(session, one_more);
    page.capped = runs.size() > filter.limit;
    if (page.capped) runs.erase(runs.begin());  // oldest first: the oldest goes
    for (const RunSummary& run : runs) {
        page.runs.push_back({run.id, run.runbook, run.checklist, run.target, run.started_at,
                             status_from_word(run.status), run.partial, run.counts});
    }
}

void fill_acks(StoreSession& session, HistoryPage& page) {
    for (const Ack& ack : active_acks(session, page.generated_at)) {
        if (!page.target.empty() && ack.target != page.target) continue;
        page.acks.push_back({ack.id, ack.runbook, ack.checklist, ack.step, ack.target, ack.key,
                             ack.by, ack.reason, ack.until});
    }
}

}  // namespace

int command_history_page(const CliOptions& options) {
    HistoryPage page = page_frame(options);
    const std::unique_ptr<StoreSession> session = open_history_for(options, "opsctl report");
    HistoryFilter filter;
    filter.since = page.since;
    filter.target = page.target;
    filter.limit = page.run_cap;
    fill_runs(*session, page, filter);
    for (const StepFailures& step : most_failed_steps(*session, filter, kMostFailedShown)) {
        page.most_failed.push_back({step.runbook, step.checklist, step.step, step.failures,
                                    step.runs, step.last_failed_at});
    }
    fill_acks(*session, page);
    std::ostringstream html;
    write_history_page(page, html);
    if (options.output.empty()) {
        std::cout << html.str();
    } else {
        write_file_atomically(options.output, html.str());
    }
    return exit_code::kPass;
}

}  // namespace opsctl
