#include "opsctl/core/stable_hash.h"

#include <cstdint>
#include <cstdio>

namespace opsctl {

std::string stable_hash(const std::string& text, size_t digits) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string(hex, digits < 16 ? digits : 16);
}

}  // namespace opsctl
