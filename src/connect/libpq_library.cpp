#include "opsctl/connect/libpq_library.h"

#include <dlfcn.h>

#include <string>

#include "opsctl/connect/connector.h"

namespace opsctl {

namespace {

template <typename Function>
void resolve(void* library, const char* name, Function& function) {
    void* symbol = dlsym(library, name);
    if (!symbol) throw ConnectionError(std::string("libpq.so.5 lacks ") + name);
    function = reinterpret_cast<Function>(symbol);
}

LibPq load() {
    // RTLD_LOCAL: nothing else in the process resolves against libpq by accident.
    void* library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* reason = dlerror();
        throw ConnectionError(
            std::string("cannot load libpq.so.5, which PostgreSQL targets need (") +
            (reason ? reason : "unknown reason") + "); install the libpq5 package");
    }
    LibPq pq{};
    resolve(library, "PQconnectdb", pq.connectdb);
    resolve(library, "PQstatus", pq.status);
    resolve(library, "PQerrorMessage", pq.error_message);
    resolve(library, "PQfinish", pq.finish);
    resolve(library, "PQreset", pq.reset);
    resolve(library, "PQconninfoParse", pq.conninfo_parse);
    resolve(library, "PQconninfoFree", pq.conninfo_free);
    resolve(library, "PQfreemem", pq.freemem);
    resolve(library, "PQserverVersion", pq.server_version);
    resolve(library, "PQsetNoticeProcessor", pq.set_notice_processor);
    resolve(library, "PQtransactionStatus", pq.transaction_status);
    resolve(library, "PQexec", pq.exec);
    resolve(library, "PQsendQueryParams", pq.send_query_params);
    resolve(library, "PQsendPrepare", pq.send_prepare);
    resolve(library, "PQsendDescribePrepared", pq.send_describe_prepared);
    resolve(library, "PQenterPipelineMode", pq.enter_pipeline_mode);
    resolve(library, "PQexitPipelineMode", pq.exit_pipeline_mode);
    resolve(library, "PQpipelineSync", pq.pipeline_sync);
    resolve(library, "PQgetResult", pq.get_result);
    resolve(library, "PQresultStatus", pq.result_status);
    resolve(library, "PQresultErrorField", pq.result_error_field);
    resolve(library, "PQresultErrorMessage", pq.result_error_message);
    resolve(library, "PQclear", pq.clear);
    resolve(library, "PQgetCopyData", pq.get_copy_data);
    resolve(library, "PQnfields", pq.nfields);
    resolve(library, "PQfname", pq.fname);
    resolve(library, "PQftype", pq.ftype);
    resolve(library, "PQntuples", pq.ntuples);
    resolve(library, "PQgetvalue", pq.getvalue);
    resolve(library, "PQgetlength", pq.getlength);
    resolve(library, "PQgetisnull", pq.getisnull);
    resolve(library, "PQgetCancel", pq.get_cancel);
    resolve(library, "PQcancel", pq.cancel);
    resolve(library, "PQfreeCancel", pq.free_cancel);
    // The library stays loaded for the life of the process: connections may live
    // until exit, and unloading would buy nothing.
    return pq;
}

}  // namespace

const LibPq& libpq() {
    // A failed load throws out of the initialiser, so the next call tries again.
    static const LibPq functions = load();
    return functions;
}

}  // namespace opsctl
