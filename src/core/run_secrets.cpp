#include "opsctl/core/run_secrets.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>

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

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
    return -1;
}

std::string percent_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Every byte but RFC 3986's unreserved ones as %XX, in upper- or lower-case hex.
std::string percent_encoded(std::string_view text, const char* digits) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 15];
        }
    }
    return out;
}

}  // namespace

void remember_secret(std::string_view secret) {
    if (secret.empty()) return;
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const std::string& form :
         {std::string(secret), percent_decoded(secret), percent_encoded(secret, "0123456789ABCDEF"),
          percent_encoded(secret, "0123456789abcdef")}) {
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
