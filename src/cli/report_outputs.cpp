#include "opsctl/cli/report_outputs.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "opsctl/core/atomic_file.h"
#include "opsctl/core/error.h"
#include "opsctl/core/suggest.h"
#include "opsctl/report/reporter.h"

namespace opsctl {

namespace fs = std::filesystem;

namespace {

ReportOutput parse_report_option(const std::string& value) {
    const std::string origin = "--report \"" + value + "\"";
    const size_t colon = value.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
        throw UsageError(origin + " is not FORMAT:PATH (example: --report junit:junit.xml)");
    }
    ReportOutput output{value.substr(0, colon), value.substr(colon + 1), origin};
    const auto& formats = report_formats();
    if (std::find(formats.begin(), formats.end(), output.format) == formats.end()) {
        throw UsageError(origin + ": unknown format \"" + output.format + "\" (" +
                         report_format_list() + ")" + did_you_mean(output.format, formats));
    }
    return output;
}

// Two outputs to one file would overwrite each other.
std::string identity(const std::string& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

std::optional<std::string> read_if_present(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::vector<ReportOutput> plan_report_outputs(const CliOptions& options) {
    std::vector<ReportOutput> outputs;
    // The format is checked first, so that a typo costs nothing.
    const auto stdout_reporter = make_reporter(options.format, {});
    if (stdout_reporter->needs_file() && options.output.empty()) {
        throw UsageError("--format " + options.format +
                         " is read from a file: add --output FILE (or use --report " +
                         options.format + ":FILE)");
    }
    outputs.push_back(
        {options.format, options.output,
         options.output.empty() ? "--format" : "--output \"" + options.output + "\""});
    for (const auto& [format, path] : options.output_per_format) {
        if (path.empty()) continue;
        outputs.push_back({format, path, fmt::format("--output-{} \"{}\"", format, path)});
    }
    for (const auto& value : options.reports) outputs.push_back(parse_report_option(value));

    std::vector<std::string> seen;
    for (const auto& output : outputs) {
        if (output.path.empty()) continue;
        const std::string id = identity(output.path);
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
            throw UsageError(output.origin + ": " + output.path +
                             " is already the destination of another report");
        }
        seen.push_back(id);
        try {
            check_writable_atomically(output.path);
        } catch (const UsageError& e) {
            throw UsageError(output.origin + ": " + e.what());
        }
    }
    return outputs;
}

namespace {

// The report text of `output`.
std::string render(const ReportOutput& output, const RunResult& run, bool color) {
    // The file being replaced, for values carried over (Prometheus's last success);
    // never read back from a FIFO or a device, which would wait for a writer.
    const bool has_previous = !output.path.empty() && !is_written_in_place(output.path);
    const std::string previous = has_previous ? read_if_present(output.path).value_or("") : "";
    const auto reporter = make_reporter(output.format, {color}, previous);
    std::ostringstream text;
    reporter->write(run, text);
    return text.str();
}

// Writes `text` to stdout. A reader that went away (`| head -1`) is not an error:
// SIGPIPE is ignored (cli.cpp), so the write fails with EPIPE and the rest is dropped.
void write_to_stdout(const std::string& text) {
    std::cout.flush();
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        written += static_cast<size_t>(n);
    }
}

}  // namespace

void write_report_outputs(const std::vector<ReportOutput>& outputs, const RunResult& run,
                          bool color_on_stdout, StdoutReport stdout_report) {
    // Files first: whatever happens to stdout, the files monitoring reads are written.
    std::optional<std::string> first_failure;
    for (const auto& output : outputs) {
        if (output.path.empty()) continue;
        try {
            write_file_atomically(output.path, render(output, run, false));
        } catch (const UsageError& e) {
            if (!first_failure) first_failure = output.origin + ": " + e.what();
        }
    }
    if (stdout_report == StdoutReport::Write) {
        for (const auto& output : outputs) {
            if (output.path.empty()) write_to_stdout(render(output, run, color_on_stdout));
        }
    }
    if (first_failure) throw UsageError(*first_failure);
}

}  // namespace opsctl
