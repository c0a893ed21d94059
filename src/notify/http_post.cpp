#include "opsctl/notify/http_post.h"

#include <charconv>
#include <exception>
#include <memory>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/run_secrets.h"
#include "opsctl/core/text_trim.h"
#include "opsctl/notify/libcurl_library.h"

namespace opsctl {

namespace {

struct CurlDeleter {
    void operator()(CURL* curl) const { libcurl().easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { libcurl().slist_free_all(list); }
};

// The answer's body is not kept: a service may echo what it was sent.
size_t discard_body(char*, size_t size, size_t count, void*) {
    return size * count;
}

size_t read_header(char* data, size_t size, size_t count, void* user) {
    const size_t length = size * count;
    const std::string line(data, length);
    const size_t colon = line.find(':');
    if (colon != std::string::npos && ascii_lower(line.substr(0, colon)) == "retry-after") {
        const std::string value = trim_space(line.substr(colon + 1));
        long seconds = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        // An HTTP date instead of seconds is left to the backoff.
        if (ec == std::errc{} && end == value.data() + value.size() && seconds >= 0) {
            static_cast<HttpResponse*>(user)->retry_after_seconds = seconds;
        }
    }
    return length;
}

void set_options(const LibCurl& lib, CURL* curl, const std::string& url, const std::string& body,
                 curl_slist* headers, std::chrono::milliseconds timeout, HttpResponse& response,
                 char* error_buffer) {
    lib.easy_setopt(curl, CURLOPT_URL, url.c_str());
    lib.easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    lib.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    lib.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    lib.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    lib.easy_setopt(curl, CURLOPT_USERAGENT, "opsctl/" OPSCTL_VERSION);
    lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
    lib.easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
    lib.easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    lib.easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
}

HttpResponse post_with(const LibCurl& lib, const std::string& url, const std::string& body,
                       std::chrono::milliseconds timeout) {
    HttpResponse response;
    const std::unique_ptr<CURL, CurlDeleter> curl(lib.easy_init());
    if (!curl) {
        response.problem = "libcurl could not start";
        return response;
    }
    const std::unique_ptr<curl_slist, ListDeleter> headers(
        lib.slist_append(nullptr, "Content-Type: application/json"));
    char error_buffer[CURL_ERROR_SIZE] = {};
    set_options(lib, curl.get(), url, body, headers.get(), timeout, response, error_buffer);
    const CURLcode code = lib.easy_perform(curl.get());
    if (code != CURLE_OK) {
        response.problem =
            mask_remembered_secrets(error_buffer[0] ? error_buffer : lib.easy_strerror(code));
        response.retry_after_seconds.reset();
        return response;
    }
    lib.easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

}  // namespace

HttpResponse http_post_json(const std::string& url, const std::string& body,
                            std::chrono::milliseconds timeout) {
    try {
        return post_with(libcurl(), url, body, timeout);
    } catch (const std::exception& e) {
        HttpResponse response;
        response.problem = e.what();
        return response;
    }
}

}  // namespace opsctl
