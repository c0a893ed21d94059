#include "opsctl/notify/http_post.h"

#include <curl/curl.h>

#include <charconv>
#include <memory>
#include <mutex>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/run_secrets.h"
#include "opsctl/core/text_trim.h"

namespace opsctl {

namespace {

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

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

void set_options(CURL* curl, const std::string& url, const std::string& body, curl_slist* headers,
                 std::chrono::milliseconds timeout, HttpResponse& response, char* error_buffer) {
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "opsctl/" OPSCTL_VERSION);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
}

}  // namespace

HttpResponse http_post_json(const std::string& url, const std::string& body,
                            std::chrono::milliseconds timeout) {
    init_curl_once();
    HttpResponse response;
    const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        response.problem = "libcurl could not start";
        return response;
    }
    const std::unique_ptr<curl_slist, ListDeleter> headers(
        curl_slist_append(nullptr, "Content-Type: application/json"));
    char error_buffer[CURL_ERROR_SIZE] = {};
    set_options(curl.get(), url, body, headers.get(), timeout, response, error_buffer);
    const CURLcode code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        response.problem =
            mask_remembered_secrets(error_buffer[0] ? error_buffer : curl_easy_strerror(code));
        response.retry_after_seconds.reset();
        return response;
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

}  // namespace opsctl
