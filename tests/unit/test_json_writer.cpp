// JsonWriter: the streaming writer behind the JSON report. Its layout must stay the
// one nlohmann::json's dump(2) gave (users' scripts and diffs have seen it), its
// strings must always parse, and bytes that are not UTF-8 become U+FFFD.

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "opsctl/report/json_writer.h"

using nlohmann::json;
using opsctl::JsonWriter;

namespace {

// nlohmann's layout of the same document: what the writer must produce byte for byte.
std::string nlohmann_layout(const std::string& text) {
    return json::parse(text).dump(2, ' ', false);
}

std::string quoted(const std::string& text) {
    std::ostringstream out;
    JsonWriter writer(out);
    writer.string(text);
    writer.finish();
    return out.str();
}

}  // namespace

TEST_CASE("JsonWriter lays out nested values as dump(2) does", "[report][json]") {
    std::ostringstream out;
    JsonWriter writer(out);
    writer.begin_object();
    writer.key("a_empty_array");
    writer.begin_array();
    writer.end_array();
    writer.key("b_empty_object");
    writer.begin_object();
    writer.end_object();
    writer.key("c_rows");
    writer.begin_array();
    writer.begin_array();
    writer.string("1");
    writer.null();
    writer.end_array();
    writer.begin_array();
    writer.end_array();
    writer.end_array();
    writer.key("d_numbers");
    writer.begin_array();
    writer.integer(0);
    writer.integer(-42);
    writer.integer(std::numeric_limits<std::int64_t>::max());
    writer.number(1e12);
    writer.number(0.5);
    writer.number(-2.25e-300);
    writer.number(1.0);
    writer.end_array();
    writer.key("e_nested");
    writer.begin_object();
    writer.key("inner");
    writer.begin_object();
    writer.key("x");
    writer.string("y");
    writer.end_object();
    writer.end_object();
    writer.end_object();
    writer.finish();

    const std::string expected = R"({
  "a_empty_array": [],
  "b_empty_object": {},
  "c_rows": [
    [
      "1",
      null
    ],
    []
  ],
  "d_numbers": [
    0,
    -42,
    9223372036854775807,
    1000000000000.0,
    0.5,
    -2.25e-300,
    1.0
  ],
  "e_nested": {
    "inner": {
      "x": "y"
    }
  }
})";
    CHECK(out.str() == expected);
    CHECK(nlohmann_layout(out.str()) == expected);
}

TEST_CASE("JsonWriter writes NaN and infinities as null, as nlohmann does", "[report][json]") {
    for (const double value : {std::nan(""), std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity()}) {
        std::ostringstream out;
        JsonWriter writer(out);
        writer.number(value);
        writer.finish();
        CHECK(out.str() == "null");
    }
}

TEST_CASE("JsonWriter escapes what JSON requires and nothing else", "[report][json]") {
    CHECK(quoted("plain") == R"("plain")");
    CHECK(quoted("a\"b\\c") == R"("a\"b\\c")");
    CHECK(quoted("\b\f\n\r\t") == R"("\b\f\n\r\t")");
    CHECK(quoted(std::string("\x01\x1f", 2)) == R"("\u0001\u001f")");
    CHECK(quoted(std::string("nul\0byte", 8)) == R"("nul\u0000byte")");
    CHECK(quoted("\x7f") == "\"\x7f\"");  // DEL needs no escape
    // Well-formed UTF-8 passes through untouched: 2, 3 and 4 byte sequences.
    CHECK(quoted("caf\xc3\xa9 \xce\xa9 \xe2\x82\xac \xf0\x9f\x93\x88") ==
          "\"caf\xc3\xa9 \xce\xa9 \xe2\x82\xac \xf0\x9f\x93\x88\"");
    // Every escape agrees with nlohmann's for all 128 ASCII bytes.
    for (int byte = 0; byte < 128; ++byte) {
        const std::string text(1, static_cast<char>(byte));
        INFO("byte " << byte);
        CHECK(quoted(text) == json(text).dump());
    }
}

TEST_CASE("JsonWriter replaces each byte that is not UTF-8 with U+FFFD", "[report][json]") {
    const std::string fffd = "\xef\xbf\xbd";
    const struct {
        std::string bytes;
        std::string written;
    } cases[] = {
        {"bad \xff\xfe bytes", "bad " + fffd + fffd + " bytes"},
        {"cut \xe2\x82", "cut " + fffd + fffd},  // truncated at the end
        {"\xe2\x82"
         "A",
         fffd + fffd + "A"},                              // truncated mid-text
        {"\xc0\x80", fffd + fffd},                        // overlong NUL
        {"\xed\xa0\x80", fffd + fffd + fffd},             // a UTF-16 surrogate
        {"\xf4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
        {"\x80 lone continuation", fffd + " lone continuation"},
    };
    for (const auto& c : cases) {
        INFO(c.written);
        const std::string text = quoted(c.bytes);
        CHECK(text == "\"" + c.written + "\"");
        CHECK(json::parse(text).get<std::string>() == c.written);  // strict parser agrees
    }
}

TEST_CASE("JsonWriter output past its 64 KB buffer is still one exact document", "[report][json]") {
    json expected = json::array();
    std::ostringstream out;
    JsonWriter writer(out);
    writer.begin_array();
    for (int i = 0; i < 20000; ++i) {
        const std::string text = "row " + std::to_string(i) + " \"quoted\"";
        writer.string(text);
        expected.push_back(text);
    }
    writer.end_array();
    writer.finish();
    REQUIRE(out.str().size() > 3 * 64 * 1024);
    CHECK(out.str() == expected.dump(2));
}
