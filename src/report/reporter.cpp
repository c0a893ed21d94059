#include "opsctl/report/reporter.h"

#include "opsctl/core/error.h"
#include "opsctl/core/suggest.h"
#include "opsctl/report/json_reporter.h"
#include "opsctl/report/text_reporter.h"

namespace opsctl {

const std::vector<std::string>& report_formats() {
    static const std::vector<std::string> formats{"text", "json"};
    return formats;
}

std::unique_ptr<Reporter> make_reporter(const std::string& format, ReportStyle style) {
    if (format == "text") return std::make_unique<TextReporter>(style);
    if (format == "json") return std::make_unique<JsonReporter>();
    throw UsageError("unknown --format \"" + format + "\" (text, json)" +
                     did_you_mean(format, report_formats()));
}

}  // namespace opsctl
