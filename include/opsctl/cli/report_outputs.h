#pragma once
// Where a run's reports go: --format to stdout (or --output FILE), plus any number
// of files, each in its own format: --report FORMAT:PATH (repeatable) and the
// aliases --output-json, --output-junit, --output-nagios, --output-prometheus,
// --output-markdown PATH. So a cron job prints text for people and writes files
// for machines in one run. Every file is written atomically (core/atomic_file.h).

#include <string>
#include <vector>

#include "opsctl/cli/commands.h"
#include "opsctl/evaluate/step_result.h"

namespace opsctl {

struct ReportOutput {
    std::string format;
    std::string path;    // empty: stdout
    std::string origin;  // the option it came from, for error messages
};

// The outputs the options ask for, checked before anything runs: every format is
// known, a format read from a file (prometheus) has one, no path is used twice, and
// every path can be written (its folder exists and takes a temporary file). Throws
// UsageError naming the option otherwise.
std::vector<ReportOutput> plan_report_outputs(const CliOptions& options);

// Whether the report meant for stdout is printed: a run that could not connect
// says so in one error line on stderr, and writes only the files.
enum class StdoutReport { Write, Skip };

// Writes `run` to every file output, then to stdout (in colour when
// `color_on_stdout`). A file that cannot be written does not stop the others; the
// first such failure is thrown as UsageError once all are done. A closed stdout
// (EPIPE) is not a failure: the files are what unattended runs are read by.
void write_report_outputs(const std::vector<ReportOutput>& outputs, const RunResult& run,
                          bool color_on_stdout, StdoutReport stdout_report = StdoutReport::Write);

}  // namespace opsctl
