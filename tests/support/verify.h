#pragma once

// QVERIFY2 evaluates its message even when the check passes, so a message built from
// result.error() would read an error that is not there. These build it only on failure, and
// evaluate their argument once (it may be a call with effects, such as a refresh).

#include "error.h"

#include <QTest>

// Passes when `expression` (a std::expected<T, Error>) holds a value; otherwise prints its error.
#define UPKEEP_VERIFY_OK(expression)                                                                                   \
    do {                                                                                                               \
        const auto& upkeepResult_ = (expression);                                                                      \
        QVERIFY2(                                                                                                      \
            upkeepResult_.has_value(), upkeepResult_.has_value() ? "" : qPrintable(upkeepResult_.error().message));    \
    } while (false)

// Passes when `expression` holds an error with `expectedCode`.
#define UPKEEP_VERIFY_ERROR(expression, expectedCode)                                                                  \
    do {                                                                                                               \
        const auto& upkeepResult_ = (expression);                                                                      \
        QVERIFY2(!upkeepResult_.has_value(), "succeeded where an error was expected");                                 \
        QCOMPARE(upkeepResult_.error().code, expectedCode);                                                            \
    } while (false)
