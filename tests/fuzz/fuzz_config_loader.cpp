// Fuzz target: the config file loader (include/opsctl/config/config.h). Unusable
// input must be a UsageError with one line naming the file.

#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "opsctl/config/config.h"
#include "opsctl/core/error.h"

using opsctl::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        opsctl::parse_config(text, "fuzz.conf");
    } catch (const opsctl::UsageError& error) {
        const std::string message = error.what();
        require(message.find('\n') == std::string::npos, "a config error is one line");
        require(message.find("fuzz.conf") != std::string::npos, "a config error names the file");
        require(message.size() < 4096, "a config error stays short whatever the input");
    }
    return 0;
}
