# Every dependency comes from Debian 12's packages (see scripts/install-deps).
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(spdlog CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# libpqxx 6.4 ships no CMake config; libpq comes with it.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
# unixODBC (unixodbc-dev): the driver manager the ODBC connector talks to.
find_package(ODBC REQUIRED)
