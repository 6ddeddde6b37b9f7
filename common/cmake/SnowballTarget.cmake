# Debian's libstemmer-dev (Snowball's C stemmers) ships no CMake or pkg-config
# file: find the header and the library once and wrap them in an imported
# target, Snowball::stemmer. Xapian 1.4 lacks some of its languages (Greek,
# Hindi, Serbian, Yiddish); languages.cpp wraps them for Xapian.
if(NOT TARGET Snowball::stemmer)
  find_path(SNOWBALL_INCLUDE_DIR libstemmer.h)
  find_library(SNOWBALL_LIBRARY NAMES stemmer)
  if(NOT SNOWBALL_INCLUDE_DIR OR NOT SNOWBALL_LIBRARY)
    message(FATAL_ERROR "newsdex: libstemmer not found (Debian: apt-get install libstemmer-dev, or scripts/install-deps)")
  endif()
  add_library(Snowball::stemmer INTERFACE IMPORTED)
  set_target_properties(Snowball::stemmer PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${SNOWBALL_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${SNOWBALL_LIBRARY}")
endif()
