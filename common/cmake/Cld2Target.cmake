# Debian's libcld2-dev ships no CMake or pkg-config file: find the header and
# the libraries once and wrap them in an imported target, CLD2::cld2.
if(NOT TARGET CLD2::cld2)
  find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h)
  find_library(CLD2_LIBRARY NAMES cld2)
  # libcld2 holds the code and tables for 83 languages; libcld2_full only
  # tables, for 160+ (Amharic among them). Loaded first, its tables take
  # the place of libcld2's (NTREX-128: Amharic 0% -> detected; see
  # scripts/eval-language-detection.py). --no-as-needed keeps it linked
  # although nothing refers to it directly.
  find_library(CLD2_FULL_LIBRARY NAMES cld2_full)
  if(NOT CLD2_INCLUDE_DIR OR NOT CLD2_LIBRARY)
    message(FATAL_ERROR "newsdex: CLD2 not found (Debian: apt-get install libcld2-dev, or scripts/install-deps)")
  endif()
  set(cld2_libraries ${CLD2_LIBRARY})
  if(CLD2_FULL_LIBRARY)
    set(cld2_libraries "-Wl,--push-state,--no-as-needed" ${CLD2_FULL_LIBRARY} "-Wl,--pop-state" ${CLD2_LIBRARY})
  endif()
  add_library(CLD2::cld2 INTERFACE IMPORTED)
  set_target_properties(CLD2::cld2 PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${cld2_libraries}")
endif()
