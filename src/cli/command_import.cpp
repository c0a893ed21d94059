// opsctl import DOC.md [--out DIR] [--dialect D] [--force]: a Markdown runbook document
// made into runbooks, with a review of what was inferred; opsctl import --check DOC.md
// [--runbooks DIR]: whether a runbooks folder still says what the document says.
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include <filesystem>

#include "opsctl/cli/commands.h"
#include "opsctl/core/error.h"
#include "opsctl/core/install_paths.h"
#include "opsctl/core/status.h"
#include "opsctl/core/terminal_text.h"
#include "opsctl/import/drift_check.h"
#include "opsctl/import/import_review.h"
#include "opsctl/import/runbook_import.h"
#include "opsctl/import/runbook_writer.h"
#include "opsctl/translate/dialect.h"

namespace opsctl {

namespace {

// The same bound as a runbook file's: a document is read whole.
constexpr std::uintmax_t kMaxDocumentBytes = std::uintmax_t{16} * 1024 * 1024;

std::string read_document(const std::string& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) {
        throw UsageError(path + ": cannot read the document: no such file");
    }
    if (std::filesystem::is_directory(status)) {
        throw UsageError(path + ": cannot read the document: it is a folder");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(path + ": cannot read the document: permission denied or unreadable");
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > kMaxDocumentBytes) {
        throw UsageError(path + ": the document is larger than " +
                         std::to_string(kMaxDocumentBytes) + " bytes");
    }
    return text.str();
}

std::string document_dialect(const CliOptions& options) {
    if (options.dialect.empty()) return "snowflake";
    if (const auto problem = unknown_dialect(options.dialect, "--dialect")) {
        throw UsageError(*problem);
    }
    return canonical_dialect(options.dialect);
}

int check_drift(const CliOptions& options, const ImportResult& document) {
    const std::string folder =
        options.runbooks_dir.empty() ? shipped_runbooks_dir() : options.runbooks_dir;
    const Catalog catalog = load_catalog({folder});
    if (!catalog.diagnostics.empty()) {
        throw UsageError(catalog.diagnostics.front().to_string() + " (and " +
                         std::to_string(catalog.diagnostics.size() - 1) +
                         " more problem(s): run opsctl validate)");
    }
    const std::vector<Drift> drift = find_drift(document, catalog);
    for (const Drift& difference : drift) {
        std::cout << "drift: " << terminal_line(difference.where) << ": "
                  << terminal_line(difference.what) << '\n';
    }
    if (drift.empty()) {
        std::cout << "no drift: " << terminal_line(document.document) << " and "
                  << terminal_line(folder) << " agree\n";
        return exit_code::kPass;
    }
    std::cout << drift.size() << " difference(s) between " << terminal_line(document.document)
              << " and " << terminal_line(folder) << '\n';
    return exit_code::kWarn;
}

}  // namespace

int command_import(const CliOptions& options) {
    if (options.check && !options.out_dir.empty()) {
        throw UsageError("opsctl import: --check compares and writes nothing: drop --out");
    }
    const std::string dialect = document_dialect(options);
    const ImportResult result =
        import_document(read_document(options.document), options.document, dialect);
    if (options.check) return check_drift(options, result);
    if (!options.out_dir.empty()) write_imported_runbooks(result, options.out_dir, options.force);
    std::cout << format_review(result, options.out_dir);
    return exit_code::kPass;
}

}  // namespace opsctl
