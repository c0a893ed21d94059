#include "opsctl/notify/libcurl_library.h"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace opsctl {

namespace {

template <typename Function>
void resolve(void* library, const char* name, Function& function) {
    void* symbol = dlsym(library, name);
    if (!symbol) throw std::runtime_error(std::string("libcurl.so.4 lacks ") + name);
    function = reinterpret_cast<Function>(symbol);
}

LibCurl load() {
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* reason = dlerror();
        throw std::runtime_error(
            std::string("cannot load libcurl.so.4, which notifications need (") +
            (reason ? reason : "unknown reason") + "); install the libcurl4 package");
    }
    LibCurl curl{};
    resolve(library, "curl_global_init", curl.global_init);
    resolve(library, "curl_easy_init", curl.easy_init);
    resolve(library, "curl_easy_setopt", curl.easy_setopt);
    resolve(library, "curl_easy_perform", curl.easy_perform);
    resolve(library, "curl_easy_getinfo", curl.easy_getinfo);
    resolve(library, "curl_easy_cleanup", curl.easy_cleanup);
    resolve(library, "curl_easy_strerror", curl.easy_strerror);
    resolve(library, "curl_slist_append", curl.slist_append);
    resolve(library, "curl_slist_free_all", curl.slist_free_all);
    curl.global_init(CURL_GLOBAL_DEFAULT);
    // Loaded for the life of the process, as libpq is.
    return curl;
}

}  // namespace

const LibCurl& libcurl() {
    // A failed load throws out of the initialiser, so the next call tries again.
    static const LibCurl functions = load();
    return functions;
}

}  // namespace opsctl
