# Every dependency comes from Debian 12's packages (see scripts/install-deps).
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(spdlog CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# libpqxx 6.4 ships no CMake config; libpq comes with it. opsctl itself loads libpq at
# run time (connect/libpq_library) and needs only its header; the tests use both.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
# unixODBC (unixodbc-dev): the driver manager the ODBC connector talks to.
find_package(ODBC REQUIRED)
# libcurl (libcurl4-openssl-dev): notifications (notify/http_post) over HTTPS.
find_package(CURL)
if(NOT CURL_FOUND)
  message(FATAL_ERROR "libcurl not found: notifications need it. Install Debian's "
                      "libcurl4-openssl-dev (scripts/install-deps does).")
endif()

# fmt and spdlog are compiled into opsctl (their header-only modes) rather than linked as
# shared libraries, and the executable links libstdc++ statically: every shared library
# costs start-up time (loading, relocations, page faults), and `opsctl --version` or
# `validate` should cost little more than starting a process. Debian ships no static
# fmt or spdlog, hence the header-only modes.
add_library(opsctl_logging INTERFACE)
target_compile_definitions(opsctl_logging INTERFACE FMT_HEADER_ONLY=1 SPDLOG_FMT_EXTERNAL)
target_link_libraries(opsctl_logging INTERFACE Threads::Threads)
