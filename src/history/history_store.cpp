#include "opsctl/history/history_store.h"

#include <filesystem>

#include "opsctl/core/error.h"
#include "opsctl/core/private_folder.h"
#include "opsctl/history/acknowledgements.h"
#include "opsctl/history/change_states.h"
#include "opsctl/history/flapping.h"
#include "opsctl/history/history_error.h"
#include "opsctl/history/history_schema.h"
#include "opsctl/history/postgres_store_session.h"
#include "opsctl/history/sqlite_store_session.h"

namespace opsctl {

namespace {

std::unique_ptr<StoreSession> open_sqlite(const HistorySpec& spec) {
    if (spec.is_default) {
        const std::string folder = std::filesystem::path(spec.location).parent_path().string();
        try {
            create_private_folders(folder, "the history folder");
        } catch (const UsageError& e) {
            throw HistoryError(e.what());
        }
    }
    return std::make_unique<SqliteStoreSession>(spec.location);
}

}  // namespace

std::unique_ptr<StoreSession> open_history_store(const HistorySpec& spec) {
    switch (spec.kind) {
        case HistoryKind::None:
            return nullptr;
        case HistoryKind::Sqlite:
            return open_sqlite(spec);
        case HistoryKind::Postgres:
            return std::make_unique<PostgresStoreSession>(spec.location);
    }
    return nullptr;
}

void prepare_history_store(StoreSession& session) {
    session.begin();
    try {
        migrate_schema(session);
        session.commit();
    } catch (...) {
        session.rollback();
        throw;
    }
}

void record_in_history(StoreSession& session, RunResult& run, RunContext context) {
    const RunResult as_run = run;
    session.begin();
    try {
        migrate_schema(session);
        const Timestamp now = now_utc();
        const Status before = run.status;
        for (ChecklistResult& checklist : run.checklists) {
            const std::string target = context.target.empty() ? checklist.target : context.target;
            mark_changes(session, checklist, target);
            apply_acks(session, checklist, target, now);
            mark_flapping(session, checklist, target);
        }
        run.status = Status::Pass;
        for (const ChecklistResult& checklist : run.checklists) {
            run.status = worse(run.status, checklist.status);
        }
        // An exit code that came from the statuses follows them; a failed connect's stays.
        if (context.exit_code == exit_code_for(before))
            context.exit_code = exit_code_for(run.status);
        for (const ChecklistResult& checklist : run.checklists)
            record_run(session, checklist, context);
        session.commit();
    } catch (...) {
        session.rollback();
        // What was read before the failure is not shown as the run's history, and no
        // ack read then changes a status.
        run = as_run;
        throw;
    }
}

}  // namespace opsctl
