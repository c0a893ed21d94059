// Fuzz target: translate SQL into every known dialect, with and without an as-of
// time, and lex it as the read-only guard does.

#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "opsctl/core/timestamp.h"
#include "opsctl/translate/dialect.h"
#include "opsctl/translate/dialect_translator.h"
#include "opsctl/translate/sql_lexer.h"

using opsctl::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string sql(reinterpret_cast<const char*>(data), size);

    // The lexer covers the text exactly: tokens are contiguous and in order.
    for (const bool backslash_escapes : {false, true}) {
        size_t next = 0;
        for (const auto& token : opsctl::lex_sql(sql, {backslash_escapes})) {
            require(token.begin == next && token.end > token.begin && token.end <= sql.size(),
                    "tokens cover the text without gaps or overlaps");
            next = token.end;
        }
        require(next == sql.size(), "tokens reach the end of the text");
    }
    opsctl::has_several_statements(sql);
    opsctl::leading_keyword(sql);

    const auto as_of = opsctl::parse_timestamp("2026-11-26 08:00:00");
    require(as_of.has_value(), "the as-of time parses");
    for (const std::string& target : opsctl::known_dialects()) {
        for (const bool with_as_of : {false, true}) {
            opsctl::TranslationOptions options;
            options.target_dialect = target;
            if (with_as_of) options.as_of = as_of;
            try {
                const std::string out = opsctl::translate_sql(sql, options);
                // Translated SQL holds nothing left to translate: a second pass
                // changes nothing (and so cannot fail).
                require(opsctl::translate_sql(out, options) == out, "translation is idempotent");
            } catch (const opsctl::TranslationError&) {
                // refused SQL: an error step, not a crash
            }
        }
    }
    return 0;
}
