#include <exception>

#include "opsctl/cli/cli.h"

int main(int argc, char** argv) {
    // The one place errors end up: each layer throws its own (core/error.h).
    try {
        return opsctl::run_cli(argc, argv);
    } catch (const std::exception& e) {
        return opsctl::report_error(e);
    }
}
