#pragma once
// libpq, loaded on first use instead of at start-up. libpq pulls in some twenty
// shared libraries (OpenSSL, GnuTLS, Kerberos, LDAP, SASL...) whose loading and
// relocation cost about half of opsctl's start-up; `opsctl validate`, `list` and runs
// on the demo or SQLite never need them. Only the functions opsctl calls are resolved.

#include <libpq-fe.h>

namespace opsctl {

struct LibPq {
    decltype(&PQconnectdb) connectdb;
    decltype(&PQstatus) status;
    decltype(&PQerrorMessage) error_message;
    decltype(&PQfinish) finish;
    decltype(&PQreset) reset;
    decltype(&PQconninfoParse) conninfo_parse;
    decltype(&PQconninfoFree) conninfo_free;
    decltype(&PQfreemem) freemem;
    decltype(&PQserverVersion) server_version;
    decltype(&PQsetNoticeProcessor) set_notice_processor;
    decltype(&PQtransactionStatus) transaction_status;
    decltype(&PQexec) exec;
    decltype(&PQsendQueryParams) send_query_params;
    decltype(&PQsendPrepare) send_prepare;
    decltype(&PQsendDescribePrepared) send_describe_prepared;
    decltype(&PQenterPipelineMode) enter_pipeline_mode;
    decltype(&PQexitPipelineMode) exit_pipeline_mode;
    decltype(&PQpipelineSync) pipeline_sync;
    decltype(&PQgetResult) get_result;
    decltype(&PQresultStatus) result_status;
    decltype(&PQresultErrorField) result_error_field;
    decltype(&PQresultErrorMessage) result_error_message;
    decltype(&PQclear) clear;
    decltype(&PQgetCopyData) get_copy_data;
    decltype(&PQnfields) nfields;
    decltype(&PQfname) fname;
    decltype(&PQftype) ftype;
    decltype(&PQntuples) ntuples;
    decltype(&PQgetvalue) getvalue;
    decltype(&PQgetlength) getlength;
    decltype(&PQgetisnull) getisnull;
    decltype(&PQgetCancel) get_cancel;
    decltype(&PQcancel) cancel;
    decltype(&PQfreeCancel) free_cancel;
};

// Loads libpq.so.5 the first time (thread-safe) and returns its functions. Throws
// ConnectionError when the library or one of its functions is missing.
const LibPq& libpq();

}  // namespace opsctl
