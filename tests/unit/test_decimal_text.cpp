// parse_decimal_text, the one reader of decimal text behind the exact threshold
// comparison and the display of numbers: digits, point, sign and the exponent limit.

#include <catch2/catch.hpp>

#include "opsctl/core/decimal_text.h"

using opsctl::parse_decimal_text;

TEST_CASE("decimal text: digits and the place of the point, zeros off", "[decimal]") {
    const auto d = parse_decimal_text("0360.500", 15);
    REQUIRE(d);
    CHECK_FALSE(d->negative);
    CHECK(d->digits == "3605");
    CHECK(d->point == 3);
    CHECK_FALSE(d->integer_form);

    const auto small = parse_decimal_text("-.0042E-7", 15);
    REQUIRE(small);
    CHECK(small->negative);
    CHECK(small->digits == "42");
    CHECK(small->point == -9);

    const auto big = parse_decimal_text("+1e400", 15);
    REQUIRE(big);
    CHECK(big->digits == "1");
    CHECK(big->point == 401);
    CHECK_FALSE(big->integer_form);

    const auto integer = parse_decimal_text("-120", 15);
    REQUIRE(integer);
    CHECK(integer->integer_form);
    CHECK(integer->digits == "12");
    CHECK(integer->point == 3);
}

TEST_CASE("decimal text: zero has no digits, no sign and point 0", "[decimal]") {
    for (const char* zero : {"0", "-0", "-0.000", "0e50", ".0"}) {
        const auto d = parse_decimal_text(zero, 15);
        REQUIRE(d);
        CHECK(d->digits.empty());
        CHECK_FALSE(d->negative);
        CHECK(d->point == 0);
    }
}

TEST_CASE("decimal text: not a decimal, or too long an exponent", "[decimal]") {
    for (const char* junk : {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "NaN", "Infinity", " 1",
                             "1 ", "0x10", "1e5x"}) {
        CHECK_FALSE(parse_decimal_text(junk, 15));
    }
    CHECK(parse_decimal_text("1e123456", 6));
    CHECK_FALSE(parse_decimal_text("1e1234567", 6));
    CHECK(parse_decimal_text("1e1234567", 15));
    CHECK_FALSE(parse_decimal_text("1e1234567890123456", 15));
}
