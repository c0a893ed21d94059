# Chart.js for the HTML report, from Debian's package libjs-chart.js (3.9), inlined
# into opsctl at build time so that a report fetches nothing when it is opened.
# Defines OPSCTL_CHART_JS_SOURCE, the generated C++ source that holds it
# (cmake/OpsctlEmbedChartJs.cmake writes it whenever chart.min.js changes).
find_file(OPSCTL_CHART_JS chart.min.js PATHS /usr/share/javascript/chart.js NO_DEFAULT_PATH
          DOC "Chart.js 3 (UMD build) from Debian's libjs-chart.js")
if(NOT OPSCTL_CHART_JS)
  message(FATAL_ERROR "Chart.js not found at /usr/share/javascript/chart.js/chart.min.js: "
                      "install Debian's package libjs-chart.js (scripts/install-deps does)")
endif()
file(STRINGS "${OPSCTL_CHART_JS}" chart_js_version REGEX "Chart\\.js v[0-9.]+" LIMIT_COUNT 1)
string(REGEX MATCH "v[0-9.]+" chart_js_version "${chart_js_version}")
if(NOT chart_js_version MATCHES "^v3\\.")
  message(FATAL_ERROR "${OPSCTL_CHART_JS} is Chart.js '${chart_js_version}', not 3.x: the HTML "
                      "report is written for libjs-chart.js 3.9")
endif()
message(STATUS "Chart.js ${chart_js_version} for the HTML report: ${OPSCTL_CHART_JS}")

set(OPSCTL_CHART_JS_SOURCE "${CMAKE_CURRENT_BINARY_DIR}/generated/chart_js.cpp")
add_custom_command(
  OUTPUT "${OPSCTL_CHART_JS_SOURCE}"
  COMMAND ${CMAKE_COMMAND} -DINPUT=${OPSCTL_CHART_JS} -DOUTPUT=${OPSCTL_CHART_JS_SOURCE}
          -P ${PROJECT_SOURCE_DIR}/cmake/OpsctlEmbedChartJs.cmake
  DEPENDS "${OPSCTL_CHART_JS}" "${PROJECT_SOURCE_DIR}/cmake/OpsctlEmbedChartJs.cmake"
  COMMENT "Embedding Chart.js (${OPSCTL_CHART_JS}) for the HTML report")
