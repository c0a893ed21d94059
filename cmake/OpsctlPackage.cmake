# The Debian package: `cmake --build build --target package` (or `cpack -G DEB` in the
# build folder) writes opsctl_<version>_amd64.deb. Its files are what `cmake --install`
# installs under /usr, plus what Debian's policy asks of a package: the copyright file,
# a Debian changelog, man page and changelogs gzip -9n'd (packaging/compress_docs.cmake,
# run by CPack after the install step).
# The package holds opsctl and files of the source tree, never the tests: `--target
# package` (and `cmake --install`) take what is built, without building every test
# first (scripts/setup builds opsctl and its data) and without staging the data again
# under tests that read it (ctest `package`).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
set(OPSCTL_PACKAGE_MAINTAINER "opsctl maintainers <maintainers@users.noreply.r-seed-0ee35c04.example>"
    CACHE STRING "The Maintainer field of the .deb")
set(doc_dir "${CMAKE_INSTALL_DATADIR}/doc/opsctl")

# The Debian changelog of a native package, dated by the last commit (stable builds).
execute_process(COMMAND git -C "${PROJECT_SOURCE_DIR}" log -1 --format=%cD
                OUTPUT_VARIABLE OPSCTL_PACKAGE_DATE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT OPSCTL_PACKAGE_DATE)
  string(TIMESTAMP OPSCTL_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
configure_file("${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in"
               "${CMAKE_BINARY_DIR}/packaging/changelog" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/packaging/changelog" "${PROJECT_SOURCE_DIR}/packaging/copyright"
              "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/CHANGELOG.md"
              "${PROJECT_SOURCE_DIR}/ARCHITECTURE.md" "${PROJECT_SOURCE_DIR}/docs/runbook-format.md"
              "${PROJECT_SOURCE_DIR}/docs/report-formats.md"
        DESTINATION "${doc_dir}")
install(FILES "${PROJECT_SOURCE_DIR}/docs/opsctl.example.json" RENAME opsctl.json
        DESTINATION "${doc_dir}/examples")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME opsctl)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${OPSCTL_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "run operational runbooks as checks against a warehouse")
# The summary above is its first line; CPack puts it there.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "opsctl turns operational runbooks (JSON files of checklists) into checks:\n"
    "SQL checks with thresholds, shell commands and manual steps, run against\n"
    "PostgreSQL, SQLite or ODBC warehouses in read-only transactions, with\n"
    "reports in text, JSON, JUnit, Nagios, Prometheus and Markdown.")
string(REPLACE ";" "" CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_DEBIAN_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# The libraries opsctl links come from dpkg-shlibdeps; libpq is dlopen'ed on first use
# of a PostgreSQL target (connect/libpq_library), which dpkg-shlibdeps cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpq5, libcurl4")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "odbc-postgresql, libsqliteodbc")
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/packaging/compress_docs.cmake")
include(CPack)
