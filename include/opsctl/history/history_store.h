#pragma once
// Opening the history store a spec names, and recording a whole run in it.

#include <memory>
#include <string>

#include "opsctl/history/history_spec.h"
#include "opsctl/history/run_record.h"
#include "opsctl/history/store_session.h"

namespace opsctl {

// The store's session, its folder created private when it is the default one. Throws
// HistoryError when it cannot be opened; nullptr for `none`.
std::unique_ptr<StoreSession> open_history_store(const HistorySpec& spec);

// The schema migrated, in a transaction of its own: before reading a store that may
// never have been written.
void prepare_history_store(StoreSession& session);

// Every checklist of `run` compared with its previous run (history/change_states: the
// states are set in `run`), its acknowledged violations marked and its statuses set
// from what remains (history/acknowledgements), and recorded, in one transaction, the
// schema migrated first; context.exit_code follows the statuses when it came from
// them. Throws HistoryError; nothing is recorded then, and `run` is as it was.
void record_in_history(StoreSession& session, RunResult& run, RunContext context);

}  // namespace opsctl
