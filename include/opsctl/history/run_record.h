#pragma once
// Recording one run of a checklist in the history store: the run, each step, each
// violation the report keeps and each manual answer, in the caller's transaction.

#include <map>
#include <string>

#include "opsctl/evaluate/step_result.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

// What a run knows of itself beyond its results.
struct RunContext {
    std::string target;  // masked, as --target named it (a report may add words to it)
    int exit_code = 0;
    std::string opsctl_version;
    std::string host;
    std::string user;
    std::map<std::string, std::string> ci;  // GITHUB_RUN_ID, CI_JOB_ID, BUILD_URL, ...
};

// The host, the user and the CI variables of this process's environment.
RunContext current_run_context(int exit_code, const std::string& opsctl_version);

// Inserts the run and returns its id. Throws HistoryError.
long long record_run(StoreSession& session, const ChecklistResult& result,
                     const RunContext& context);

}  // namespace opsctl
