#pragma once
// Parsers that check opsctl's machine formats against their specifications, so the
// tests read a report the way its consumer does instead of comparing strings:
// Prometheus's text exposition format (as node_exporter's textfile collector reads
// it) and the Monitoring Plugins output (Nagios first line and perfdata). Each
// throws std::runtime_error naming the line when the input breaks the format.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace opsctl::test {

struct PromSample {
    std::string metric;
    std::map<std::string, std::string> labels;  // unescaped
    double value = 0;
    bool has_timestamp = false;
};

struct PromFile {
    std::map<std::string, std::string> help;  // metric -> help text
    std::map<std::string, std::string> type;  // metric -> counter, gauge, ...
    std::vector<PromSample> samples;

    // The samples of `metric` whose labels include `labels`.
    std::vector<PromSample> find(const std::string& metric,
                                 const std::map<std::string, std::string>& labels = {}) const;
    // The value of the one sample that matches; throws when none or several do.
    double value(const std::string& metric,
                 const std::map<std::string, std::string>& labels = {}) const;
};

// Line by line: # HELP / # TYPE (at most once per metric, TYPE before its samples),
// samples `name{label="value",...} value [timestamp]` with valid names, escapes
// (\\, \", \n only) and numbers, a family's samples together, no duplicate series,
// valid UTF-8, and a final newline.
PromFile parse_prometheus(const std::string& text);

struct PerfDatum {
    std::string label;  // unquoted
    std::string value;
    std::string unit;
    std::string warn;
    std::string crit;
    std::string min;
    std::string max;
};

struct NagiosOutput {
    std::string state;            // OK, WARNING, CRITICAL, UNKNOWN
    std::string summary;          // after "OPSCTL <state> - "
    std::string first_line_text;  // the first line before " | "
    std::vector<PerfDatum> perfdata;
    std::vector<std::string> long_text;  // the lines after the first
};

// The first line "<prefix> <STATE> - <summary>[ | perfdata]": at most `max_length`
// code points before the perfdata, no "|" in any text, perfdata as the plugin
// guidelines write it ('label'=value[UOM];[warn];[crit];[min];[max], ranges like
// "10", "10:", "~:10", "@10:20"), valid UTF-8.
NagiosOutput parse_nagios(const std::string& text, const std::string& prefix = "OPSCTL",
                          size_t max_length = 80);

}  // namespace opsctl::test
