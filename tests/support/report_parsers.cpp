#include "support/report_parsers.h"

#include <limits>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "opsctl/core/utf8.h"

namespace opsctl::test {

namespace {

[[noreturn]] void broken(size_t line_number, const std::string& line, const std::string& why) {
    throw std::runtime_error("line " + std::to_string(line_number) + ": " + why + ": \"" + line +
                             "\"");
}

std::vector<std::string> split_lines(const std::string& text, bool& final_newline) {
    std::vector<std::string> lines;
    std::string line;
    for (const char c : text) {
        if (c == '\n') {
            lines.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    final_newline = line.empty();
    if (!line.empty()) lines.push_back(line);
    return lines;
}

const std::regex kMetricName("[a-zA-Z_:][a-zA-Z0-9_:]*");
const std::regex kLabelName("[a-zA-Z_][a-zA-Z0-9_]*");
// Go's ParseFloat spellings that the exposition format allows.
const std::regex kFloat(R"([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?Inf|NaN)");
const std::regex kTimestamp(R"(-?[0-9]+)");

double to_double(const std::string& text) {
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "+Inf" || text == "Inf") return std::numeric_limits<double>::infinity();
    if (text == "-Inf") return -std::numeric_limits<double>::infinity();
    return std::stod(text);
}

}  // namespace

std::vector<PromSample> PromFile::find(const std::string& metric,
                                       const std::map<std::string, std::string>& labels) const {
    std::vector<PromSample> found;
    for (const auto& sample : samples) {
        if (sample.metric != metric) continue;
        bool match = true;
        for (const auto& [name, value] : labels) {
            const auto it = sample.labels.find(name);
            if (it == sample.labels.end() || it->second != value) match = false;
        }
        if (match) found.push_back(sample);
    }
    return found;
}

double PromFile::value(const std::string& metric,
                       const std::map<std::string, std::string>& labels) const {
    const auto found = find(metric, labels);
    if (found.size() != 1) {
        throw std::runtime_error(std::to_string(found.size()) + " samples of " + metric +
                                 " match, not 1");
    }
    return found.front().value;
}

PromFile parse_prometheus(const std::string& text) {
    if (repair_utf8(text) != text) throw std::runtime_error("not valid UTF-8");
    bool final_newline = false;
    const auto lines = split_lines(text, final_newline);
    if (!final_newline) throw std::runtime_error("the last line does not end with a newline");
    PromFile file;
    std::set<std::string> finished_families;  // families whose samples are over
    std::string current_family;
    std::set<std::string> series;
    for (size_t n = 1; n <= lines.size(); ++n) {
        const std::string& line = lines[n - 1];
        if (line.empty()) continue;
        if (line[0] == '#') {
            std::smatch m;
            static const std::regex meta(R"(^# (HELP|TYPE) (\S+) ?(.*)$)");
            if (!std::regex_match(line, m, meta)) continue;  // a plain comment
            const std::string kind = m[1], metric = m[2], rest = m[3];
            if (!std::regex_match(metric, kMetricName)) broken(n, line, "bad metric name");
            auto& table = kind == "HELP" ? file.help : file.type;
            if (table.count(metric)) broken(n, line, "a second " + kind + " for " + metric);
            if (kind == "TYPE") {
                static const std::set<std::string> types{"counter", "gauge", "histogram", "summary",
                                                         "untyped"};
                if (!types.count(rest)) broken(n, line, "unknown type");
                if (!file.find(metric).empty()) broken(n, line, "TYPE after the samples");
            } else {
                // HELP text escapes only \\ and \n.
                for (size_t i = 0; i < rest.size(); ++i) {
                    if (rest[i] == '\\') {
                        if (i + 1 >= rest.size() || (rest[i + 1] != '\\' && rest[i + 1] != 'n'))
                            broken(n, line, "bad escape in HELP");
                        ++i;
                    }
                }
            }
            table[metric] = rest;
            continue;
        }
        PromSample sample;
        size_t at = 0;
        while (at < line.size() && line[at] != '{' && line[at] != ' ') ++at;
        sample.metric = line.substr(0, at);
        if (!std::regex_match(sample.metric, kMetricName)) broken(n, line, "bad metric name");
        std::string series_key = sample.metric + "{";
        if (at < line.size() && line[at] == '{') {
            ++at;
            while (true) {
                if (at >= line.size()) broken(n, line, "unterminated labels");
                if (line[at] == '}') {
                    ++at;
                    break;
                }
                const size_t equals = line.find('=', at);
                if (equals == std::string::npos) broken(n, line, "label without '='");
                const std::string name = line.substr(at, equals - at);
                if (!std::regex_match(name, kLabelName)) broken(n, line, "bad label name");
                if (sample.labels.count(name)) broken(n, line, "label " + name + " twice");
                at = equals + 1;
                if (at >= line.size() || line[at] != '"') broken(n, line, "label value unquoted");
                ++at;
                std::string value;
                while (true) {
                    if (at >= line.size()) broken(n, line, "unterminated label value");
                    const char c = line[at];
                    if (c == '"') break;
                    if (c == '\\') {
                        if (at + 1 >= line.size()) broken(n, line, "dangling backslash");
                        const char e = line[at + 1];
                        if (e == '\\' || e == '"') {
                            value += e;
                        } else if (e == 'n') {
                            value += '\n';
                        } else {
                            broken(n, line, "bad escape in a label value");
                        }
                        at += 2;
                        continue;
                    }
                    value += c;
                    ++at;
                }
                ++at;  // closing quote
                sample.labels[name] = value;
                if (at < line.size() && line[at] == ',') ++at;
            }
        }
        for (const auto& [name, value] : sample.labels) series_key += name + "=" + value + ",";
        if (at >= line.size() || line[at] != ' ') broken(n, line, "no space before the value");
        std::istringstream rest(line.substr(at + 1));
        std::string value, timestamp, extra;
        rest >> value >> timestamp >> extra;
        if (!std::regex_match(value, kFloat)) broken(n, line, "bad value");
        if (!timestamp.empty()) {
            if (!std::regex_match(timestamp, kTimestamp)) broken(n, line, "bad timestamp");
            sample.has_timestamp = true;
        }
        if (!extra.empty()) broken(n, line, "trailing text");
        sample.value = to_double(value);
        if (sample.metric != current_family) {
            if (finished_families.count(sample.metric))
                broken(n, line, "samples of " + sample.metric + " are not together");
            if (!current_family.empty()) finished_families.insert(current_family);
            current_family = sample.metric;
        }
        if (!series.insert(series_key).second) broken(n, line, "a duplicate series");
        file.samples.push_back(std::move(sample));
    }
    return file;
}

namespace {

const std::regex kPerfValue(R"(-?([0-9]+(\.[0-9]+)?|\.[0-9]+))");
const std::regex kPerfUnit(R"((|s|ms|us|%|B|KB|MB|GB|TB|c))");
const std::regex kPerfRange(R"((|@?(~|-?[0-9]+(\.[0-9]+)?)?(:(-?[0-9]+(\.[0-9]+)?)?)?))");

// One datum 'label'=value[UOM];[warn];[crit];[min];[max] from `text` at `at`.
PerfDatum read_datum(const std::string& text, size_t& at, const std::string& line) {
    PerfDatum datum;
    if (text[at] == '\'') {
        ++at;
        while (true) {
            if (at >= text.size()) broken(1, line, "unterminated perfdata label");
            if (text[at] == '\'') {
                if (at + 1 < text.size() && text[at + 1] == '\'') {
                    datum.label += '\'';
                    at += 2;
                    continue;
                }
                ++at;
                break;
            }
            datum.label += text[at++];
        }
    } else {
        while (at < text.size() && text[at] != '=' && text[at] != ' ') datum.label += text[at++];
    }
    if (datum.label.empty()) broken(1, line, "empty perfdata label");
    if (datum.label.find('=') != std::string::npos) broken(1, line, "'=' in a perfdata label");
    if (at >= text.size() || text[at] != '=') broken(1, line, "perfdata without '='");
    ++at;
    std::string rest;
    while (at < text.size() && text[at] != ' ') rest += text[at++];
    std::vector<std::string> fields;
    std::string field;
    for (const char c : rest) {
        if (c == ';') {
            fields.push_back(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.push_back(field);
    if (fields.size() > 5) broken(1, line, "more than 5 perfdata fields");
    fields.resize(5);
    std::smatch m;
    static const std::regex value_unit(R"(^(-?[0-9.]+)(.*)$)");
    if (!std::regex_match(fields[0], m, value_unit)) broken(1, line, "bad perfdata value");
    datum.value = m[1];
    datum.unit = m[2];
    if (!std::regex_match(datum.value, kPerfValue)) broken(1, line, "bad perfdata value");
    if (!std::regex_match(datum.unit, kPerfUnit)) broken(1, line, "bad unit of measure");
    datum.warn = fields[1];
    datum.crit = fields[2];
    datum.min = fields[3];
    datum.max = fields[4];
    for (const auto* range : {&datum.warn, &datum.crit}) {
        if (!std::regex_match(*range, kPerfRange)) broken(1, line, "bad threshold range");
    }
    for (const auto* bound : {&datum.min, &datum.max}) {
        if (!bound->empty() && !std::regex_match(*bound, kPerfValue))
            broken(1, line, "bad min or max");
    }
    return datum;
}

}  // namespace

NagiosOutput parse_nagios(const std::string& text, const std::string& prefix, size_t max_length) {
    if (repair_utf8(text) != text) throw std::runtime_error("not valid UTF-8");
    bool final_newline = false;
    const auto lines = split_lines(text, final_newline);
    if (lines.empty()) throw std::runtime_error("no output");
    const std::string& first = lines.front();
    NagiosOutput out;
    const size_t bar = first.find('|');
    std::string head = bar == std::string::npos ? first : first.substr(0, bar);
    if (bar != std::string::npos) {
        if (head.empty() || head.back() != ' ') broken(1, first, "no space before '|'");
        head.pop_back();
    }
    out.first_line_text = head;
    if (utf8_length(head) > max_length) {
        broken(1, first, "longer than " + std::to_string(max_length) + " characters before '|'");
    }
    std::smatch m;
    const std::regex status_line("^" + prefix + " (OK|WARNING|CRITICAL|UNKNOWN) - (.+)$");
    if (!std::regex_match(head, m, status_line))
        broken(1, first, "not \"" + prefix + " STATE - ...\"");
    out.state = m[1];
    out.summary = m[2];
    if (bar != std::string::npos) {
        const std::string perf = first.substr(bar + 1);
        if (perf.find('|') != std::string::npos) broken(1, first, "a second '|'");
        size_t at = 0;
        while (at < perf.size()) {
            if (perf[at] == ' ') {
                ++at;
                continue;
            }
            out.perfdata.push_back(read_datum(perf, at, first));
        }
    }
    for (size_t i = 1; i < lines.size(); ++i) {
        // A '|' in the long text would start perfdata that is not.
        if (lines[i].find('|') != std::string::npos) broken(i + 1, lines[i], "'|' in the text");
        out.long_text.push_back(lines[i]);
    }
    return out;
}

}  // namespace opsctl::test
