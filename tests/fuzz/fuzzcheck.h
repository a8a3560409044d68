#pragma once

// An invariant check for fuzz targets. It stays on in every build type (unlike Q_ASSERT), prints
// what failed and aborts, which libFuzzer reports as a crash and saves the input for.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, ...)                                                                                     \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition);                     \
            __VA_OPT__(std::fprintf(stderr, "  %s\n", (__VA_ARGS__));)                                                 \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
