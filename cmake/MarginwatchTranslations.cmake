# Which sources hold user-visible strings, in one list for lupdate and for the translation tests.
# Core is included: diagnoses, column titles and mode texts are core strings shown by the GUI. The
# simulator (it speaks for the exchange, which answers in English) and the command line (English,
# like its manual page) are not.
#
#   cmake --build --preset dev --target marginwatch_gui_lupdate   refreshes the .ts files
#
# The .ts files keep no source locations (-locations none): a moved line changes nothing in them,
# so branches that add strings touch only their own messages.

set(MARGINWATCH_TS_FILES "${PROJECT_SOURCE_DIR}/resources/translations/marginwatch_de.ts")
set(MARGINWATCH_TS_OPTIONS -locations none -no-obsolete -silent)

# Absolute paths of a target's own C++ sources (generated files such as qrc or moc output excluded).
function(marginwatch_translatable_sources target out_var)
    get_target_property(sources ${target} SOURCES)
    get_target_property(dir ${target} SOURCE_DIR)
    set(result "")
    foreach(source IN LISTS sources)
        if(NOT source MATCHES "\\.(cpp|h)$")
            continue()
        endif()
        if(NOT IS_ABSOLUTE "${source}")
            set(source "${dir}/${source}")
        endif()
        cmake_path(NORMAL_PATH source)
        string(FIND "${source}" "${PROJECT_SOURCE_DIR}/src/" in_tree)
        if(in_tree EQUAL 0)
            list(APPEND result "${source}")
        endif()
    endforeach()
    set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# Called once both libraries are defined: the lupdate target and the list file for the tests.
function(marginwatch_add_lupdate)
    marginwatch_translatable_sources(marginwatch_core core_sources)
    marginwatch_translatable_sources(marginwatch_gui gui_sources)
    file(GLOB ui_forms CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/ui/*.ui")
    set(MARGINWATCH_TRANSLATABLE_SOURCES ${core_sources} ${gui_sources} ${ui_forms})
    list(REMOVE_DUPLICATES MARGINWATCH_TRANSLATABLE_SOURCES)
    list(SORT MARGINWATCH_TRANSLATABLE_SOURCES)
    set(MARGINWATCH_TRANSLATION_INCLUDES "${PROJECT_SOURCE_DIR}/src" "${PROJECT_SOURCE_DIR}/src/core")

    qt_add_lupdate(marginwatch_gui
        TS_FILES ${MARGINWATCH_TS_FILES}
        SOURCES ${MARGINWATCH_TRANSLATABLE_SOURCES}
        INCLUDE_DIRECTORIES ${MARGINWATCH_TRANSLATION_INCLUDES}
        OPTIONS ${MARGINWATCH_TS_OPTIONS})

    # The same input as an lupdate list file, for tests that run lupdate into a temporary copy.
    set(lines "")
    foreach(dir IN LISTS MARGINWATCH_TRANSLATION_INCLUDES)
        string(APPEND lines "-I${dir}\n")
    endforeach()
    foreach(source IN LISTS MARGINWATCH_TRANSLATABLE_SOURCES)
        string(APPEND lines "${source}\n")
    endforeach()
    set(MARGINWATCH_TRANSLATION_SOURCES_LST "${PROJECT_BINARY_DIR}/translatable-sources.lst")
    file(WRITE "${MARGINWATCH_TRANSLATION_SOURCES_LST}.in" "${lines}")
    configure_file("${MARGINWATCH_TRANSLATION_SOURCES_LST}.in" "${MARGINWATCH_TRANSLATION_SOURCES_LST}" COPYONLY)
    set(MARGINWATCH_TRANSLATION_SOURCES_LST "${MARGINWATCH_TRANSLATION_SOURCES_LST}" PARENT_SCOPE)
endfunction()
