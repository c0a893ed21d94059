// `cmake --install` into a temporary prefix gives a working opsctl with its runbooks,
// stand-in SQL and man page; the man page covers every option of every command's
// --help and renders without warnings.

#include <cstdio>

#include "e2e_support.h"

using namespace opsctl::e2e;
using opsctl::test::run_opsctl;
using opsctl::test::TempDir;

namespace {

struct ShellResult {
    int exit_code = -1;
    std::string out;  // stdout and stderr
};

ShellResult shell(const std::string& command) {
    ShellResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.out.append(buffer, n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

const std::string kManPage = kSourceDir + "/man/opsctl.1";

// Every option a --help text lists: "-v,--verbose", "--target TEXT", "[--check]".
std::set<std::string> options_in_help(const std::string& help) {
    std::set<std::string> options;
    const std::regex option(R"((?:^|[\s,\[(])(--?[A-Za-z][A-Za-z0-9-]*))");
    for (auto it = std::sregex_iterator(help.begin(), help.end(), option);
         it != std::sregex_iterator(); ++it) {
        options.insert((*it)[1].str());
    }
    return options;
}

}  // namespace

TEST_CASE("install: cmake --install gives a working opsctl under the prefix", "[e2e][install]") {
    const TempDir prefix;
    const ShellResult install = shell(std::string(OPSCTL_CMAKE_COMMAND) + " --install " +
                                      OPSCTL_BUILD_DIR + " --prefix " + prefix.path());
    INFO(install.out);
    REQUIRE(install.exit_code == 0);
    namespace fs = std::filesystem;
    CHECK(fs::is_regular_file(prefix.file("bin/opsctl")));
    CHECK(fs::is_regular_file(prefix.file("share/opsctl/runbooks/daily.json")));
    CHECK(fs::is_directory(prefix.file("share/opsctl/sql/postgresql")));
    CHECK(fs::is_directory(prefix.file("share/opsctl/sql/sqlite")));
    CHECK(fs::is_regular_file(prefix.file("share/man/man1/opsctl.1")));
    CHECK(fs::is_regular_file(prefix.file("share/opsctl/schema/runbook.schema.json")));
    CHECK(fs::is_regular_file(prefix.file("share/opsctl/schema/config.schema.json")));
    CHECK(fs::is_regular_file(prefix.file("share/bash-completion/completions/opsctl")));
    CHECK(fs::is_regular_file(prefix.file("share/zsh/site-functions/_opsctl")));
    CHECK(fs::is_regular_file(prefix.file("share/fish/vendor_completions.d/opsctl.fish")));

    // The installed binary finds the installed runbooks, not the build tree's.
    const ShellResult list = shell("cd / && " + prefix.file("bin/opsctl") + " list --format json");
    INFO(list.out);
    REQUIRE(list.exit_code == 0);
    const json checklists = json::parse(list.out);
    CHECK(checklists.size() >= 20);
    const ShellResult validate = shell("cd / && " + prefix.file("bin/opsctl") + " -v validate");
    INFO(validate.out);
    CHECK(validate.exit_code == 0);
    // Proof that it reads the installed copy: a runbook removed there is gone.
    fs::remove(prefix.file("share/opsctl/runbooks/daily.json"));
    const ShellResult gone = shell("cd / && " + prefix.file("bin/opsctl") + " show daily morning");
    CHECK(gone.exit_code == 3);
    CHECK(contains(gone.out, "no runbook \"daily\""));
    const ShellResult man =
        shell("MANWIDTH=80 man -l " + prefix.file("share/man/man1/opsctl.1") + " | head -5");
    CHECK(contains(man.out, "opsctl"));
}

TEST_CASE("man page: every option of every command's --help is documented", "[e2e][man]") {
    const ShellResult rendered = shell("groff -man -Tascii -P-c -P-b -P-o -P-u " + kManPage);
    REQUIRE(rendered.exit_code == 0);
    std::set<std::string> documented = options_in_help(rendered.out);
    REQUIRE(documented.count("--target"));  // the rendering kept the hyphens

    const std::vector<std::vector<std::string>> commands{{},
                                                         {"list"},
                                                         {"show"},
                                                         {"validate"},
                                                         {"render"},
                                                         {"standin"},
                                                         {"standin", "load"},
                                                         {"targets"},
                                                         {"ping"},
                                                         {"cron"},
                                                         {"import"},
                                                         {"history"},
                                                         {"history", "prune"},
                                                         {"report"},
                                                         {"systemd"},
                                                         {"schema"},
                                                         {"completion"},
                                                         {"ack"},
                                                         {"acks"},
                                                         {"unack"}};
    size_t checked = 0;
    for (const auto& command : commands) {
        std::vector<std::string> args = command;
        args.push_back("--help");
        const Process help = run_opsctl(args);
        INFO("opsctl " << (command.empty() ? "" : command[0]) << " --help:\n" << help.out);
        REQUIRE(help.exit_code == 0);
        for (const auto& option : options_in_help(help.out)) {
            INFO("option " << option);
            CHECK(documented.count(option));
            ++checked;
        }
        // Each command is described in the page.
        if (!command.empty()) CHECK(contains(rendered.out, command.back()));
    }
    CHECK(checked > 30);
}

TEST_CASE("man page: groff renders it without warnings", "[e2e][man]") {
    const ShellResult warnings = shell("groff -man -Tutf8 -ww -z " + kManPage);
    INFO(warnings.out);
    CHECK(warnings.exit_code == 0);
    CHECK(warnings.out.empty());
}
