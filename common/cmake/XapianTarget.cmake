# Debian's xapian-config.cmake only sets XAPIAN_LIBRARIES and XAPIAN_INCLUDE_DIR:
# wrap them once in an imported target so every consumer links Xapian::xapian.
if(NOT TARGET Xapian::xapian)
  find_package(Xapian 1.4 REQUIRED)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
