#pragma once
// Chart.js 3.9 (Debian's libjs-chart.js, MIT licence, its licence comment kept), as
// found by cmake/OpsctlChartJs.cmake and inlined at build time: the HTML report
// carries it, so that it draws its charts offline.

#include <string_view>

namespace opsctl {

// chart.min.js, byte for byte.
std::string_view chart_js_source();

}  // namespace opsctl
