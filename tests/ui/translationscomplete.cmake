# Run by ctest as ui/translationscomplete: lupdate, run on a copy of the committed catalogue with
# the window's sources, must leave it as it is, with no text unfinished. A text added to the
# sources without "cmake --build BUILD --target update_translations" and a translation fails here.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${LUPDATE_PROJECT} -DOUT_FILE=${WORK}/project.json -P "${PROJECT_GENERATOR}"
  RESULT_VARIABLE generated)
if(NOT generated EQUAL 0)
  message(FATAL_ERROR "Cannot describe the sources for lupdate (${LUPDATE_PROJECT}).")
endif()
configure_file("${CATALOGUE}" "${WORK}/catalogue.ts" COPYONLY)
execute_process(
  COMMAND "${LUPDATE}" -project "${WORK}/project.json" -no-obsolete -locations none -ts "${WORK}/catalogue.ts"
  RESULT_VARIABLE updated OUTPUT_VARIABLE said ERROR_VARIABLE said)
if(NOT updated EQUAL 0)
  message(FATAL_ERROR "lupdate failed:\n${said}")
endif()
file(READ "${CATALOGUE}" committed)
file(READ "${WORK}/catalogue.ts" current)
string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${current}")
list(LENGTH unfinished count)
if(NOT committed STREQUAL current OR count GREATER 0)
  message(FATAL_ERROR "${CATALOGUE} is not up to date with the sources (${count} texts unfinished once updated). "
    "Run \"cmake --build BUILD --target update_translations\" and translate what it marks unfinished.\n${said}")
endif()
