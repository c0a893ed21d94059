# Stage the runbooks, the stand-in SQL, the JSON Schemas and the completion scripts next
# to the built binary (see the top-level CMakeLists.txt), on every build so that edits
# show up without re-running cmake. The build tree's share/ is laid out as the
# installed one: opsctl finds all of it relative to itself.
set(staged "${CMAKE_BINARY_DIR}/${OPSCTL_DATA_SUBDIR}")
set(staged_share "${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_DATADIR}")
set(completion "${PROJECT_SOURCE_DIR}/completion")
add_custom_target(opsctl_data ALL
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${staged}/runbooks" "${staged}/sql" "${staged}/schema"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${PROJECT_SOURCE_DIR}/runbooks" "${staged}/runbooks"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${PROJECT_SOURCE_DIR}/sql" "${staged}/sql"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${PROJECT_SOURCE_DIR}/schema" "${staged}/schema"
  COMMAND ${CMAKE_COMMAND} -E copy "${completion}/opsctl.bash"
          "${staged_share}/bash-completion/completions/opsctl"
  COMMAND ${CMAKE_COMMAND} -E copy "${completion}/_opsctl" "${staged_share}/zsh/site-functions/_opsctl"
  COMMAND ${CMAKE_COMMAND} -E copy "${completion}/opsctl.fish"
          "${staged_share}/fish/vendor_completions.d/opsctl.fish"
  COMMENT "Staging runbooks, stand-in SQL, schemas and completion scripts in ${staged_share}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/runbooks" "${PROJECT_SOURCE_DIR}/sql"
                  "${PROJECT_SOURCE_DIR}/schema"
        DESTINATION "${OPSCTL_DATA_SUBDIR}")
install(FILES "${completion}/opsctl.bash" RENAME opsctl
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")
install(FILES "${completion}/_opsctl" DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
install(FILES "${completion}/opsctl.fish"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d")

install(FILES "${PROJECT_SOURCE_DIR}/man/opsctl.1" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
