# Sources of named-entity extraction (included by common/CMakeLists.txt and tools/ner).
set(NEWSDEX_ENTITY_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tokenizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lexicons.cpp
  ${CMAKE_CURRENT_LIST_DIR}/features.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/canonicalizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/other_languages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inflected_names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/entity_extractor.cpp)
set(NEWSDEX_ENTITY_MODEL_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/builtin_model.cpp.in)
set(NEWSDEX_NAME_FORMS_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/builtin_name_forms.cpp.in)
get_filename_component(NEWSDEX_NAME_FORMS ${CMAKE_CURRENT_LIST_DIR}/../../data/ner/name-forms.tsv ABSOLUTE)
get_filename_component(NEWSDEX_NER_MODEL ${CMAKE_CURRENT_LIST_DIR}/../../data/ner/newsdex-ner.model ABSOLUTE)

# Generates <binary dir>/builtin_model.cpp embedding the model (.incbin) and names it in out_var.
function(newsdex_entity_model_source out_var)
  set(src ${CMAKE_CURRENT_BINARY_DIR}/builtin_model.cpp)
  if(EXISTS ${NEWSDEX_NER_MODEL})
    set(NEWSDEX_NER_MODEL_PRESENT 1)
    set_source_files_properties(${src} PROPERTIES OBJECT_DEPENDS ${NEWSDEX_NER_MODEL})
  else()
    set(NEWSDEX_NER_MODEL_PRESENT 0)
    message(WARNING "newsdex: ${NEWSDEX_NER_MODEL} missing; EntityExtractor::builtin() will throw")
  endif()
  configure_file(${NEWSDEX_ENTITY_MODEL_TEMPLATE} ${src} @ONLY)
  # The name forms of other languages (scripts/make-name-forms), embedded the same way.
  set(forms_src ${CMAKE_CURRENT_BINARY_DIR}/builtin_name_forms.cpp)
  set_source_files_properties(${forms_src} PROPERTIES OBJECT_DEPENDS ${NEWSDEX_NAME_FORMS})
  configure_file(${NEWSDEX_NAME_FORMS_TEMPLATE} ${forms_src} @ONLY)
  set(${out_var} ${src} ${forms_src} PARENT_SCOPE)
endfunction()
