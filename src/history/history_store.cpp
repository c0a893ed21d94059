#include "opsctl/history/history_store.h"

#include <filesystem>

#include "opsctl/core/error.h"
#include "opsctl/core/private_folder.h"
#include "opsctl/history/change_states.h"
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

void record_in_history(StoreSession& session, RunResult& run, const RunContext& context) {
    session.begin();
    try {
        migrate_schema(session);
        for (ChecklistResult& checklist : run.checklists) {
            mark_changes(session, checklist,
                         context.target.empty() ? checklist.target : context.target);
            record_run(session, checklist, context);
        }
        session.commit();
    } catch (...) {
        session.rollback();
        // What was read before the failure is not shown as the run's history.
        for (ChecklistResult& checklist : run.checklists) clear_changes(checklist);
        throw;
    }
}

}  // namespace opsctl
