#pragma once
// The history store's schema: a `schema_version` table and an ordered list of
// migrations, each run once, in order, inside the caller's write transaction.

#include "opsctl/history/store_session.h"

namespace opsctl {

// The newest schema version this opsctl writes.
int latest_schema_version();

// Brings the store up to `target` (default: the latest) inside an open transaction
// (StoreSession::begin) and returns the version it found. Throws HistoryError for a
// store newer than this opsctl.
int migrate_schema(StoreSession& session, int target = latest_schema_version());

}  // namespace opsctl
