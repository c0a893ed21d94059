#include "opsctl/connect/connector_factory.h"

#include "opsctl/connect/demo_warehouse.h"
#include "opsctl/connect/odbc_connector.h"
#include "opsctl/connect/postgres_connector.h"
#include "opsctl/connect/sqlite_connector.h"

namespace opsctl {

std::unique_ptr<Connector> open_connector(const Target& target, const Timestamp& as_of) {
    switch (target.kind) {
        case TargetKind::Postgres:
            return std::make_unique<PostgresConnector>(target.spec, target.password);
        case TargetKind::Sqlite:
            return std::make_unique<SqliteConnector>(target.spec.substr(7));
        case TargetKind::Odbc:
            return std::make_unique<OdbcConnector>(target.odbc_connection_string(),
                                                   target.dialect_override);
        case TargetKind::Demo:
            return std::make_unique<SqliteConnector>(
                prepare_demo_warehouse(target.demo_scenario, as_of));
    }
    return nullptr;
}

}  // namespace opsctl
