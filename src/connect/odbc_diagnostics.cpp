#include "opsctl/connect/odbc_diagnostics.h"

#include <sqlext.h>

#include "opsctl/connect/odbc_types.h"
#include "opsctl/connect/target.h"

namespace opsctl {

std::string clean_odbc_message(const std::string& message) {
    std::string text = message;
    while (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos) break;
        text.erase(0, close + 1);
    }
    const auto newline = text.find('\n');
    if (newline != std::string::npos) text.erase(newline);
    // psqlODBC repeats the server's severity ("ERROR: relation ... does not exist").
    for (const char* prefix : {"ERROR:  ", "ERROR: ", "FATAL:  ", "FATAL: "}) {
        if (text.starts_with(prefix)) {
            text.erase(0, std::string(prefix).size());
            break;
        }
    }
    while (!text.empty() && (text.back() == ';' || text.back() == ' ' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

std::vector<OdbcDiagnostic> odbc_diagnostics(SQLSMALLINT handle_type, SQLHANDLE handle) {
    std::vector<OdbcDiagnostic> diagnostics;
    if (!handle) return diagnostics;
    for (SQLSMALLINT record = 1;; ++record) {
        SQLWCHAR state[SQL_SQLSTATE_SIZE + 1] = {};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        std::u16string message(1024, u'\0');
        SQLRETURN rc = SQLGetDiagRecW(handle_type, handle, record, state, &native,
                                      reinterpret_cast<SQLWCHAR*>(message.data()),
                                      static_cast<SQLSMALLINT>(message.size()), &length);
        if (rc == SQL_SUCCESS_WITH_INFO && length >= static_cast<SQLSMALLINT>(message.size())) {
            message.assign(static_cast<size_t>(length) + 1, u'\0');
            rc = SQLGetDiagRecW(handle_type, handle, record, state, &native,
                                reinterpret_cast<SQLWCHAR*>(message.data()),
                                static_cast<SQLSMALLINT>(message.size()), &length);
        }
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) break;
        message.resize(
            std::min(message.size(), static_cast<size_t>(std::max<SQLSMALLINT>(length, 0))));
        const auto* state16 = reinterpret_cast<const char16_t*>(state);
        diagnostics.push_back({utf16_to_utf8(std::u16string_view(state16, SQL_SQLSTATE_SIZE)),
                               clean_odbc_message(utf16_to_utf8(message))});
    }
    return diagnostics;
}

std::string format_odbc_diagnostics(const std::vector<OdbcDiagnostic>& diagnostics,
                                    const std::string& fallback) {
    std::string text;
    for (const auto& diagnostic : diagnostics) {
        // Warnings (class 01) only add noise to an error.
        if (diagnostic.sqlstate.starts_with("01") && diagnostics.size() > 1) continue;
        if (!text.empty()) text += "; ";
        text += diagnostic.sqlstate + ": " + diagnostic.message;
    }
    return mask_secrets(text.empty() ? fallback : text);
}

}  // namespace opsctl
