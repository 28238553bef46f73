# One INTERFACE target carries the whole compile policy; every marginwatch target links it
# (qBittorrent's CommonConfig pattern), so flags live in exactly one place.
add_library(marginwatch_compile_policy INTERFACE)
add_library(marginwatch::compile_policy ALIAS marginwatch_compile_policy)

target_compile_features(marginwatch_compile_policy INTERFACE cxx_std_20)

target_compile_definitions(marginwatch_compile_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    # Only effective from Qt 6.7; kept so newer Qt enforces what 6.4 cannot.
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    MARGINWATCH_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(marginwatch_compile_policy INTERFACE
        -Wall -Wextra -Wpedantic
        -Wcast-align -Wnon-virtual-dtor -Woverloaded-virtual
        -Wimplicit-fallthrough -Wformat=2 -Wmissing-declarations
        -Wundef -Wunused)
endif()

# Sanitizers for the `asan` preset: address + undefined behaviour, and any UB report is fatal
# so that CI fails instead of printing and carrying on.
option(MARGINWATCH_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(MARGINWATCH_SANITIZE)
    set(_mw_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(marginwatch_compile_policy INTERFACE ${_mw_san})
    target_link_options(marginwatch_compile_policy INTERFACE ${_mw_san})
endif()

# libFuzzer build (the `fuzz` preset, clang only): every target gets coverage instrumentation plus
# ASan and UBSan; the fuzz targets in tests/fuzz link libFuzzer's main.
option(MARGINWATCH_FUZZ "Build the libFuzzer targets (clang); see scripts/dev.sh fuzz" OFF)
if(MARGINWATCH_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "MARGINWATCH_FUZZ needs clang (libFuzzer); use the fuzz preset")
    endif()
    set(_mw_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(marginwatch_compile_policy INTERFACE ${_mw_fuzz})
    target_link_options(marginwatch_compile_policy INTERFACE -fsanitize=address,undefined)
endif()
