#include "opsctl/translate/dialect.h"

#include <algorithm>

#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"

namespace opsctl {

const Dialect* find_dialect(std::string_view name) {
    for (const Dialect& dialect : dialect_tables()) {
        if (dialect.name == name) return &dialect;
        if (std::find(dialect.aliases.begin(), dialect.aliases.end(), name) !=
            dialect.aliases.end()) {
            return &dialect;
        }
    }
    return nullptr;
}

std::string canonical_dialect(std::string_view name) {
    const Dialect* dialect = find_dialect(name);
    return std::string(dialect ? dialect->name : name);
}

bool is_known_dialect(std::string_view name) {
    return find_dialect(name) != nullptr;
}

const std::vector<std::string>& known_dialects() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const Dialect& dialect : dialect_tables()) out.emplace_back(dialect.name);
        return out;
    }();
    return names;
}

std::optional<std::string> unknown_dialect(std::string_view name, std::string_view what) {
    if (is_known_dialect(name)) return std::nullopt;
    return "unknown " + std::string(what) + " " + quote_value(name) +
           did_you_mean(name, known_dialects());
}

}  // namespace opsctl
