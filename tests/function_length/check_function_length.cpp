// Fails when a function in the given folders is longer than the limit (the developers'
// guide: no function longer than 80 lines), counting from the first line of its
// declaration to its closing brace. Lists each one as file:line: name (N lines).
//   check_function_length LIMIT FOLDER...

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "function_length/function_spans.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: check_function_length LIMIT FOLDER...\n";
        return 2;
    }
    const std::size_t limit = std::stoul(argv[1]);
    std::vector<fs::path> files;
    for (int k = 2; k < argc; ++k) {
        for (const auto& entry : fs::recursive_directory_iterator(argv[k])) {
            const std::string extension = entry.path().extension().string();
            if (entry.is_regular_file() && (extension == ".cpp" || extension == ".h")) {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    std::size_t functions = 0;
    std::size_t too_long = 0;
    opsctl::test::FunctionSpan longest{"", 1, 0};
    for (const fs::path& file : files) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        for (const auto& span : opsctl::test::function_spans(text.str())) {
            ++functions;
            if (span.lines() > longest.lines()) longest = span;
            if (span.lines() <= limit) continue;
            ++too_long;
            std::cout << file.string() << ":" << span.first_line << ": " << span.name << " ("
                      << span.lines() << " lines, more than " << limit << ")\n";
        }
    }
    std::cout << "check_function_length: " << functions << " functions in " << files.size()
              << " files; the longest " << longest.name << " (" << longest.lines() << " lines); "
              << too_long << " longer than " << limit << "\n";
    return too_long == 0 && functions > 0 ? 0 : 1;
}
