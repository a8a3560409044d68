#pragma once

// What `upkeep-publish test` prints when its trials are done, and the verdict its exit status
// follows: a table with a row for each check of the repository and each path to the tested
// release (bytes the clean trial, the one with fault "none", fetched against the full download;
// its time, or the path's when it has none; faults and kills survived; health check; verdict),
// every failure spelled out below it with its path and fault, and one summary line.

#include "trialresult.h"

#include <QCoreApplication>

#include <optional>
#include <vector>

class TrialReport
{
    Q_DECLARE_TR_FUNCTIONS(TrialReport)

public:
    enum class Verdict {
        Passed, // every trial passed: the release may ship
        Failed, // some trial failed, or none ran: a pipeline must stop
    };

    // `elapsedMilliseconds`: how long the run took on the clock, which the summary says; without
    // it, the sum of the trials' times (trials that ran side by side count twice).
    explicit TrialReport(std::vector<TrialResult> results, std::optional<qint64> elapsedMilliseconds = std::nullopt)
        : m_results(std::move(results))
        , m_elapsed(elapsedMilliseconds)
    { }

    [[nodiscard]] Verdict verdict() const;

    // The table, a blank line and the failures (when there are any), a blank line and the summary;
    // plain text with "\n" line ends, no colours.
    [[nodiscard]] QString text() const;
    [[nodiscard]] QString table() const;
    [[nodiscard]] QString failures() const;
    [[nodiscard]] QString summary() const;

    // "812 B", "1.2 MB", "30.1 MB": decimal units, as download sizes are given.
    [[nodiscard]] static QString bytes(qint64 count);
    // "0.4 s", "12.3 s", "2 min 5 s".
    [[nodiscard]] static QString duration(qint64 milliseconds);

    // The table's column for a result that has nothing to say there.
    static inline const QString kNothing = QStringLiteral("—");

private:
    std::vector<TrialResult> m_results;
    std::optional<qint64> m_elapsed;
};
