#pragma once
// One HTTPS POST of a JSON body through libcurl: TLS verification on (peer and host),
// proxies from the environment as libcurl reads them (https_proxy, http_proxy,
// no_proxy), no redirects followed, http and https only.

#include <chrono>
#include <optional>
#include <string>

namespace opsctl {

struct HttpResponse {
    long status = 0;                          // 0: no answer (see `problem`)
    std::string problem;                      // why there was no answer; masked
    std::optional<long> retry_after_seconds;  // a Retry-After header in seconds
};

// Posts `body` as application/json to `url`, waiting at most `timeout` in all.
HttpResponse http_post_json(const std::string& url, const std::string& body,
                            std::chrono::milliseconds timeout);

}  // namespace opsctl
