#pragma once

// QVERIFY2 evaluates its message even when the check passes, so a message built from
// result.error() would read an error that is not there. These build it only on failure.

#include "error.h"

#include <QTest>

// Passes when `result` (a std::expected<T, Error>) holds a value; otherwise prints its error.
#define UPKEEP_VERIFY_OK(result)                                                                                       \
    QVERIFY2((result).has_value(), (result).has_value() ? "" : qPrintable((result).error().message))

// Passes when `result` holds an error with `expectedCode`.
#define UPKEEP_VERIFY_ERROR(result, expectedCode)                                                                      \
    do {                                                                                                               \
        QVERIFY2(!(result).has_value(), "succeeded where an error was expected");                                      \
        QCOMPARE((result).error().code, expectedCode);                                                                 \
    } while (false)
