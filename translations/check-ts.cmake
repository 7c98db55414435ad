# cmake -DLUPDATE=... -DTS=file.ts -DSOURCES=list -DWORK=dir -P check-ts.cmake
# Runs lupdate over today's sources into a copy of the .ts file and fails if any message is left
# unfinished there: a string in the code that the translation lacks, or one never translated.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
get_filename_component(_name ${TS} NAME)
file(COPY ${TS} DESTINATION ${WORK})
string(REPLACE "|" ";" _dirs "${INCLUDES}")
set(_includes "")
foreach(dir ${_dirs})
    list(APPEND _includes -I ${dir})
endforeach()
execute_process(COMMAND ${LUPDATE} -no-obsolete -locations none ${_includes} @${SOURCES} -ts ${WORK}/${_name}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${out}${err}")
endif()
file(READ ${WORK}/${_name} text)
string(REPLACE ";" "," text "${text}") # keep CMake from splitting the report at semicolons
string(REGEX MATCHALL "<source>[^<]*</source>[ \n\r\t]*(<comment>[^<]*</comment>[ \n\r\t]*)?<translation type=\"unfinished\"" unfinished "${text}")
list(LENGTH unfinished count)
if(count GREATER 0)
    set(report "")
    foreach(entry ${unfinished})
        string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" src "${entry}")
        string(APPEND report "  - ${src}\n")
    endforeach()
    message(FATAL_ERROR "${_name}: ${count} string(s) untranslated or missing; run "
            "`cmake --build build/dev --target update_translations` and translate them:\n${report}")
endif()
# Every context must be one the code asks for at run time: a QObject class or a
# Q_DECLARE_TR_FUNCTIONS(sagedock::module) holder. A bare name (e.g. "Text") means lupdate could not
# resolve the holder and the strings would never be found by the translator.
string(REGEX MATCHALL "<name>[^<]*</name>" _contexts "${text}")
foreach(entry ${_contexts})
    string(REGEX REPLACE "<name>(.*)</name>" "\\1" ctx "${entry}")
    if(NOT ctx MATCHES "^sagedock::")
        message(FATAL_ERROR "${_name}: context \"${ctx}\" is not one the code translates with at run time; "
                "lupdate could not resolve its Text holder (see the note in core/http/reply.cpp).")
    endif()
endforeach()
message(STATUS "${_name}: complete")
