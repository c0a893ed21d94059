#include "opsctl/report/html_charts.h"

#include <sstream>

#include "opsctl/report/html_text.h"
#include "opsctl/report/json_writer.h"

namespace opsctl {

namespace {

void write_series(JsonWriter& json, const ChartSeries& series, const std::string& colour) {
    json.begin_object();
    json.key("name");
    json.string(series.name);
    if (!colour.empty()) {
        json.key("colour");
        json.string(colour);
    }
    json.key("values");
    json.begin_array();
    for (const auto& value : series.values) {
        if (value) {
            json.number(*value);
        } else {
            json.null();
        }
    }
    json.end_array();
    json.end_object();
}

void write_chart(JsonWriter& json, const std::string& id, const ChartSpec& chart,
                 const std::vector<std::string>& colours) {
    json.begin_object();
    json.key("id");
    json.string(id);
    json.key("kind");
    json.string(chart.kind == ChartKind::Line ? "line" : "bar");
    json.key("axis");
    json.string(chart.axis);
    json.key("labels");
    json.begin_array();
    for (const auto& label : chart.labels) json.string(label);
    json.end_array();
    json.key("series");
    json.begin_array();
    for (size_t i = 0; i < chart.series.size(); ++i)
        write_series(json, chart.series[i], i < colours.size() ? colours[i] : "");
    json.end_array();
    json.end_object();
}

}  // namespace

std::string HtmlCharts::canvas(const ChartSpec& chart, std::string_view label,
                               const std::vector<std::string>& colours) {
    const std::string id = "chart-" + std::to_string(charts_.size() + 1);
    charts_.push_back({id, chart, colours});
    const std::string caption = html_escape(label);
    return "<div class=\"chart\"><canvas id=\"" + id + "\" role=\"img\" aria-label=\"" + caption +
           "\">" + caption + "</canvas></div>\n";
}

std::string HtmlCharts::json() const {
    std::ostringstream out;
    JsonWriter json(out);
    json.begin_object();
    json.key("charts");
    json.begin_array();
    for (const auto& entry : charts_) write_chart(json, entry.id, entry.chart, entry.colours);
    json.end_array();
    json.end_object();
    json.finish();
    return out.str();
}

}  // namespace opsctl
