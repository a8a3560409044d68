#pragma once

// The trials of one path to the tested release (TrialResult::path(): "1.3.0 → 1.5.0", "fresh
// install of 1.5.0", "repository"), with what the report says of them together: a row of the
// table, a test suite of the JUnit report.

#include "trialresult.h"

#include <optional>
#include <vector>

struct TrialPath {
    QString name;
    std::vector<const TrialResult*> trials; // in the order they were given

    // The paths of `results` in the order they first appear, the repository's checks first (they run
    // before anything is installed). The paths point into `results`, which must outlive them.
    [[nodiscard]] static std::vector<TrialPath> of(const std::vector<TrialResult>& results);

    [[nodiscard]] bool isAudit() const;
    [[nodiscard]] bool passed() const;
    [[nodiscard]] int failures() const;
    // Trials not tried (TrialResult::skipped).
    [[nodiscard]] int skipped() const;
    [[nodiscard]] qint64 milliseconds() const;
    // The trial without a fault ("none"): what the update costs a user when nothing goes wrong.
    [[nodiscard]] const TrialResult* clean() const;
    // Trials under a fault (not the clean one, not a kill), and kills: how many of each passed, of how many.
    [[nodiscard]] std::pair<int, int> faultsSurvived() const;
    [[nodiscard]] std::pair<int, int> killsSurvived() const;
    // Whether the tested version's health check passed: false when any trial saw it fail, nullopt when none ran it.
    [[nodiscard]] std::optional<bool> healthCheck() const;

    static inline const QString kNoFault = QStringLiteral("none");
};
