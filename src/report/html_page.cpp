#include "opsctl/report/html_page.h"

#include <string>

#include "opsctl/core/ascii_case.h"
#include "opsctl/report/chart_js.h"
#include "opsctl/report/html_text.h"

namespace opsctl {

namespace {

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--bg:#fff;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;
--head:#f6f8fa;--grid:rgba(0,0,0,.12);--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;
--error:#8250df;--other:#59636e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--ink:#e6edf3;--muted:#9198a1;
--line:#3d444d;--head:#151b23;--grid:rgba(255,255,255,.16);--pass:#3fb950;--warn:#d29922;
--fail:#f85149;--error:#ab7df8;--other:#9198a1}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);
color:var(--ink);margin:1.5rem auto;max-width:1200px;padding:0 1rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem}
h3{font-size:1rem;margin:1.2rem 0 .3rem}
.meta,.note{color:var(--muted)}.meta span{margin-right:1.2rem}
table{border-collapse:collapse;margin:.4rem 0 1rem}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:var(--head)}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.null{color:var(--muted);font-style:italic}
.scroll{overflow-x:auto}
.status{font-weight:700;white-space:nowrap}
.s-pass{color:var(--pass)}.s-warn{color:var(--warn)}.s-fail{color:var(--fail)}
.s-error{color:var(--error)}.s-other{color:var(--other)}
.warning{border-left:4px solid var(--warn);padding:.2rem .6rem}
.chart{position:relative;height:260px;max-width:900px;margin:.4rem 0 1rem}
.strip{display:flex;flex-wrap:wrap;gap:2px;margin:.3rem 0}
.strip span{display:inline-block;min-width:1.4rem;text-align:center;font-size:.75rem;
font-weight:700;border:1px solid currentColor;border-radius:2px}
pre{white-space:pre-wrap;background:var(--head);padding:.4rem;border:1px solid var(--line)}
@media print{body{max-width:none;margin:0}.scroll{overflow:visible}.chart{height:200px;
break-inside:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
)css";

// Draws each chart of the page's data on its canvas; the colours follow the page's.
constexpr std::string_view kRenderer = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('opsctl-data').textContent);
  var style = getComputedStyle(document.documentElement);
  var palette = ['#1f77b4', '#e4572e', '#2ca02c', '#9467bd', '#d4a017', '#17becf',
                 '#8c564b', '#e377c2'];
  Chart.defaults.color = style.getPropertyValue('--ink').trim();
  Chart.defaults.borderColor = style.getPropertyValue('--grid').trim();
  Chart.defaults.animation = false;
  data.charts.forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) return;
    var datasets = chart.series.map(function (series, i) {
      var colour = series.colour || palette[i % palette.length];
      return {label: series.name, data: series.values, borderColor: colour,
              backgroundColor: colour, pointRadius: 2, spanGaps: false};
    });
    new Chart(canvas, {
      type: chart.kind,
      data: {labels: chart.labels, datasets: datasets},
      options: {responsive: true, maintainAspectRatio: false, animation: false,
                scales: {x: {title: {display: true, text: chart.axis}},
                         y: {beginAtZero: chart.kind === 'bar'}}}
    });
  });
})();
)js";

}  // namespace

void write_html_start(std::ostream& out, std::string_view title) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << html_escape(title) << "</title>\n<style>" << kStyle
        << "</style>\n</head>\n<body>\n";
}

void write_html_end(std::ostream& out, std::string_view data_json) {
    out << "<script type=\"application/json\" id=\"opsctl-data\">" << script_json(data_json)
        << "</script>\n<script>\n"
        << chart_js_source() << "\n</script>\n<script>" << kRenderer
        << "</script>\n</body>\n</html>\n";
}

std::string status_badge(std::string_view status) {
    const std::string word = ascii_lower(status);
    const bool coloured = word == "pass" || word == "warn" || word == "fail" || word == "error";
    std::string label = word == "skipped" ? "skip" : word;
    for (char& c : label) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return "<span class=\"status s-" + (coloured ? word : std::string("other")) + "\">" +
           html_escape(label) + "</span>";
}

std::string status_badge(Status status) {
    return status_badge(to_string(status));
}

}  // namespace opsctl
