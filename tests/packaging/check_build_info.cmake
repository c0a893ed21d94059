# ctest `build info outside git`: a source tree that is not a git checkout (here a
# folder of the build tree, inside this checkout but not its top) builds an
# opsctl whose --version says "commit unknown" instead of failing the build.
set(tree "${WORK_DIR}/not-a-checkout")
file(REMOVE_RECURSE "${tree}")
file(MAKE_DIRECTORY "${tree}")
set(out "${tree}/build_info.cpp")
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${tree} -DBUILD_INFO_FILE=${out}
                        -P ${SOURCE_DIR}/cmake/OpsctlBuildInfo.cmake
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "OpsctlBuildInfo.cmake failed outside git")
endif()
file(READ "${out}" text)
if(NOT text MATCHES "return \"unknown\";")
  message(FATAL_ERROR "outside git the commit is not \"unknown\":\n${text}")
endif()
file(REMOVE_RECURSE "${tree}")
