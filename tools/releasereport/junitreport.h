#pragma once

// The trials of `upkeep-publish test` as JUnit XML (--junit FILE), the format Ant and Jenkins write
// and GitLab, Jenkins and GitHub's test reporters show: one <testsuite> per path to the tested
// release, one <testcase> per trial named by its fault, a <failure> with the sentences of a failed
// one and a <system-out> with what the updating program said.

#include "trialresult.h"

#include "error.h"

#include <QCoreApplication>
#include <QDateTime>

#include <utility>
#include <vector>

class QIODevice;

class JUnitReport
{
    Q_DECLARE_TR_FUNCTIONS(JUnitReport)

public:
    struct Options {
        QString app;
        QString version;
        QDateTime started = QDateTime::currentDateTime(); // each suite's timestamp
        QString hostname;                                 // empty: this machine's
        // Facts of the run each suite lists as <properties>, such as the channel and the seed that
        // reproduces it.
        std::vector<std::pair<QString, QString>> properties;
    };

    JUnitReport(std::vector<TrialResult> results, Options options)
        : m_results(std::move(results))
        , m_options(std::move(options))
    { }

    void write(QIODevice& device) const;
    [[nodiscard]] QByteArray toXml() const;
    // Writes the report to `file` whole or not at all.
    [[nodiscard]] std::expected<void, Error> save(const QString& file) const;

    // A test case's class: "APP VERSION.from 1.3.0", "APP VERSION.fresh install", "APP VERSION.repository".
    // Jenkins takes what follows the last "." as the class, so the dots of the earlier version are
    // written as U+2024 (one dot leader), which looks the same.
    [[nodiscard]] QString className(const TrialResult& result) const;

    // `text` with what XML 1.0 cannot hold replaced: a control character other than tab and line
    // breaks by its Unicode picture (ESC as U+241B), an unpaired surrogate or U+FFFE/U+FFFF by U+FFFD.
    [[nodiscard]] static QString xmlText(const QString& text);

private:
    std::vector<TrialResult> m_results;
    Options m_options;
};
