#pragma once

#include "error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <expected>
#include <limits>

// An option that takes a whole number, declared once with the numbers the command line accepts and
// the sentence a user sees for anything else ("--rollout takes a percentage from 1 to 100."). Bounds
// that the engine checks itself, with its own message, are left to the engine.
class NumberOption
{
public:
    NumberOption(QCommandLineOption option, QString misuse, int minimum = std::numeric_limits<int>::min(),
        int maximum = std::numeric_limits<int>::max());

    [[nodiscard]] const QCommandLineOption& option() const { return m_option; }

    // `text` as a number: decimal digits after an optional sign (spaces around them are ignored), from the
    // minimum to the maximum.
    [[nodiscard]] std::expected<int, Error> parse(const QString& text) const;

    // The number given on the command line, or `fallback` when the option is not given.
    [[nodiscard]] std::expected<int, Error> value(const QCommandLineParser& parser, int fallback) const;

private:
    QCommandLineOption m_option;
    QString m_misuse;
    int m_minimum;
    int m_maximum;
};
