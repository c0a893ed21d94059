#include "opsctl/cli/cli.h"

int main(int argc, char** argv) {
    return opsctl::run_cli(argc, argv);
}
