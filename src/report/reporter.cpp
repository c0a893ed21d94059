#include "opsctl/report/reporter.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "opsctl/core/error.h"
#include "opsctl/core/suggest.h"
#include "opsctl/report/html_reporter.h"
#include "opsctl/report/json_reporter.h"
#include "opsctl/report/junit_reporter.h"
#include "opsctl/report/markdown_reporter.h"
#include "opsctl/report/nagios_reporter.h"
#include "opsctl/report/prometheus_reporter.h"
#include "opsctl/report/text_reporter.h"

namespace opsctl {

const std::vector<std::string>& report_formats() {
    static const std::vector<std::string> formats{"text",       "json",     "junit", "nagios",
                                                  "prometheus", "markdown", "html"};
    return formats;
}

std::unique_ptr<Reporter> make_reporter(const std::string& format, ReportStyle style,
                                        const std::string& previous) {
    if (format == "text") return std::make_unique<TextReporter>(style);
    if (format == "json") return std::make_unique<JsonReporter>();
    if (format == "junit") return std::make_unique<JunitReporter>();
    if (format == "nagios") return std::make_unique<NagiosReporter>();
    if (format == "prometheus") return std::make_unique<PrometheusReporter>(previous);
    if (format == "markdown") return std::make_unique<MarkdownReporter>();
    if (format == "html") return std::make_unique<HtmlReporter>();
    throw UsageError("unknown --format \"" + format + "\" (" + report_format_list() + ")" +
                     did_you_mean(format, report_formats()));
}

std::string report_format_list() {
    return fmt::format("{}", fmt::join(report_formats(), ", "));
}

}  // namespace opsctl
