#include "opsctl/core/run_secrets.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "opsctl/core/percent_encoding.h"

namespace opsctl {

namespace {

struct Registry {
    std::mutex mutex;
    std::set<std::string> secrets;
    std::set<std::string> variables{"PGPASSWORD"};
};

Registry& registry() {
    static Registry instance;
    return instance;
}

}  // namespace

void remember_secret(std::string_view secret) {
    if (secret.empty()) return;
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const std::string& form :
         {std::string(secret), percent_decoded(secret), percent_encoded(secret, {true, "", false}),
          percent_encoded(secret, {false, "", false})}) {
        if (!form.empty()) r.secrets.insert(form);
    }
}

void remember_secret_variable(const std::string& name) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.variables.insert(name);
}

void forget_remembered_secrets() {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.secrets.clear();
    r.variables = {"PGPASSWORD"};
}

std::vector<std::string> secret_variables() {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    return {r.variables.begin(), r.variables.end()};
}

std::string mask_remembered_secrets(std::string text) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (r.secrets.empty()) return text;
    // Longest first, so that a secret holding another is masked whole.
    std::vector<const std::string*> by_length;
    for (const std::string& secret : r.secrets) by_length.push_back(&secret);
    std::sort(by_length.begin(), by_length.end(),
              [](const std::string* a, const std::string* b) { return a->size() > b->size(); });
    for (const std::string* secret : by_length) {
        for (std::size_t at = text.find(*secret); at != std::string::npos;
             at = text.find(*secret, at + 3)) {
            text.replace(at, secret->size(), "***");
        }
    }
    return text;
}

}  // namespace opsctl
