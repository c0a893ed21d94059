# Run by CPack after installing into its staging folder, before the .deb is made:
# Debian wants man pages and changelogs compressed with `gzip -9n` (no name, no time
# stamp: the same bytes on every build).
set(usr "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr")
foreach(file "share/man/man1/opsctl.1" "share/doc/opsctl/changelog")
  if(NOT EXISTS "${usr}/${file}")
    message(FATAL_ERROR "compress_docs: no ${usr}/${file} to compress")
  endif()
  execute_process(COMMAND gzip -9nf "${usr}/${file}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "compress_docs: gzip -9n ${usr}/${file} failed")
  endif()
endforeach()
