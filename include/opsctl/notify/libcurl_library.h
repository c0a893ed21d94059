#pragma once
// libcurl, loaded the first time a notification is sent instead of at start-up, as
// connect/libpq_library loads libpq: libcurl pulls in some thirty shared libraries
// (OpenSSL, nghttp2, LDAP, Kerberos, ...) that tripled `opsctl --version`'s start-up,
// and most runs send nothing. Only the functions opsctl calls are resolved.

#include <curl/curl.h>

namespace opsctl {

struct LibCurl {
    decltype(&curl_global_init) global_init;
    decltype(&curl_easy_init) easy_init;
    decltype(&curl_easy_setopt) easy_setopt;
    decltype(&curl_easy_perform) easy_perform;
    decltype(&curl_easy_getinfo) easy_getinfo;
    decltype(&curl_easy_cleanup) easy_cleanup;
    decltype(&curl_easy_strerror) easy_strerror;
    decltype(&curl_slist_append) slist_append;
    decltype(&curl_slist_free_all) slist_free_all;
};

// Loads libcurl.so.4 the first time (thread-safe, with curl_global_init) and returns
// its functions. Throws std::runtime_error naming the package when it is missing.
const LibCurl& libcurl();

}  // namespace opsctl
