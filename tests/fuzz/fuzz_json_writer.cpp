// Fuzz target: the streaming JSON writer behind the JSON report, on the bytes a
// warehouse or a shell step may return. Whatever they are, the report must parse, a
// string must read back as the bytes with each one that is not UTF-8 replaced by
// U+FFFD (repair_utf8), and the layout must be nlohmann's dump(2), which users' scripts
// and diffs have seen.

#include <charconv>
#include <cstdint>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "opsctl/core/utf8.h"
#include "opsctl/report/json_writer.h"

using opsctl::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::ostringstream out;
    opsctl::JsonWriter json(out);
    json.begin_object();
    json.key(text);  // keys are fixed names in the report, but go through the same path
    json.begin_array();
    json.string(text);
    json.integer(static_cast<std::int64_t>(size) - 1000);
    double number = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), number);
    if (parsed.ec == std::errc{}) json.number(number);
    json.null();
    json.begin_object();
    json.end_object();
    json.end_array();
    json.end_object();
    json.finish();

    const std::string written = out.str();
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(written);
    } catch (const nlohmann::json::exception&) {
        require(false, "the writer's output is JSON");
    }
    const std::string repaired = opsctl::repair_utf8(text);
    require(document.size() == 1 && document.begin().key() == repaired,
            "a key reads back as its bytes, repaired");
    require(document.begin().value().at(0) == repaired,
            "a string reads back as its bytes, repaired");
    require(document.dump(2) == written, "the layout is nlohmann's dump(2)");
    return 0;
}
