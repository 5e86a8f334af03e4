# Writes OUT, the definition of verdeelscan::kVersion (pipeline/version.h):
# VERSION plus `git describe` of SOURCE_DIR when it is a git checkout. Run at
# every build (pipeline/CMakeLists.txt); OUT is rewritten only when its text
# changes, so an unchanged description compiles nothing again. Never touches
# the network.
set(version_string "${VERSION}")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
    WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE describe
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND describe)
    set(version_string "${VERSION} (git ${describe})")
  endif()
endif()
set(text "// Written by pipeline/version.cmake at build time.\n#include \"pipeline/version.h\"\n\nnamespace verdeelscan {\nconst char* const kVersion = \"${version_string}\";\n}  // namespace verdeelscan\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
else()
  set(old "")
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
