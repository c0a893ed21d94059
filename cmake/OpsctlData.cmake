# Stage the runbooks and the stand-in SQL next to the built binary (see the top-level
# CMakeLists.txt), on every build so that edits show up without re-running cmake.
set(staged "${CMAKE_BINARY_DIR}/${OPSCTL_DATA_SUBDIR}")
add_custom_target(opsctl_data ALL
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${staged}/runbooks" "${staged}/sql"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${PROJECT_SOURCE_DIR}/runbooks" "${staged}/runbooks"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${PROJECT_SOURCE_DIR}/sql" "${staged}/sql"
  COMMENT "Staging runbooks and stand-in SQL in ${staged}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/runbooks" "${PROJECT_SOURCE_DIR}/sql"
        DESTINATION "${OPSCTL_DATA_SUBDIR}")

install(FILES "${PROJECT_SOURCE_DIR}/man/opsctl.1" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
