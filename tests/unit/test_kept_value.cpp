// What a report keeps of one value: cut at kKeptValueBytes between UTF-8
// characters, with its whole length; NULL and short values as they are.

#include <catch2/catch.hpp>
#include <string>

#include "opsctl/evaluate/kept_value.h"

using namespace opsctl;

TEST_CASE("kept value: a short value and NULL are kept whole", "[evaluate][kept]") {
    const std::string exact(kKeptValueBytes, 'x');
    const Cell kept = kept_cell(Cell::of(exact));
    CHECK(kept.text == exact);
    CHECK(kept.full_bytes == 0);
    const Cell null = kept_cell(Cell::null());
    CHECK(null.is_null);
    CHECK(null.full_bytes == 0);
    size_t full = 7;
    CHECK_FALSE(kept_value(Cell::null(), full).has_value());
    CHECK(full == 0);
    CHECK(kept_text(exact) == exact);
}

TEST_CASE("kept value: one byte over the cap is cut, its length kept", "[evaluate][kept]") {
    const std::string over(kKeptValueBytes + 1, 'x');
    const Cell kept = kept_cell(Cell::of(over));
    CHECK(kept.text.size() == kKeptValueBytes);
    CHECK(kept.full_bytes == kKeptValueBytes + 1);
    size_t full = 0;
    CHECK(kept_value(Cell::of(over), full)->size() == kKeptValueBytes);
    CHECK(full == kKeptValueBytes + 1);
    CHECK(kept_text(over) == std::string(kKeptValueBytes, 'x') + "\u2026(4097 bytes)");
}

TEST_CASE("kept value: never cut inside a UTF-8 character", "[evaluate][kept]") {
    // "€" is 3 bytes: with 4094 ASCII bytes before it, it would end at byte 4097.
    for (size_t ascii : {kKeptValueBytes - 1, kKeptValueBytes - 2, kKeptValueBytes - 3}) {
        const std::string text = std::string(ascii, 'a') + "\xE2\x82\xAC" + "tail";
        const std::string_view cut = utf8_prefix_bytes(text, kKeptValueBytes);
        INFO("ascii bytes before: " << ascii);
        CHECK(cut.size() == (ascii + 3 <= kKeptValueBytes ? ascii + 3 : ascii));
    }
    // A 4-byte character ending exactly at the cap is kept.
    const std::string emoji = std::string(kKeptValueBytes - 4, 'a') + "\xF0\x9F\x98\x80" + "b";
    CHECK(utf8_prefix_bytes(emoji, kKeptValueBytes).size() == kKeptValueBytes);
    // Bytes that are not UTF-8 are cut like single bytes.
    const std::string invalid(kKeptValueBytes + 10, '\x80');
    CHECK(utf8_prefix_bytes(invalid, kKeptValueBytes).size() == kKeptValueBytes);
}
