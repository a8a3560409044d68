#pragma once

#include "rolloutplan.h"
#include "wilsoninterval.h"

#include <QDateTime>
#include <QString>

// What a staged rollout does now, from its plan, its share, the time and the updates to the release
// counted so far (no I/O, so that every case is a row of a table): halt when at least min-events
// updates show a failure rate above the limit; advance to the next step once the step has lasted its
// time with at least min-events updates and the rate at or below the limit; otherwise hold.
struct RolloutDecision {
    enum class Action { Hold, Advance, Halt };

    // The updates to the release on the channel: attempts, and those rolled back automatically or failed.
    struct Numbers {
        qint64 attempts = 0;
        qint64 failures = 0;
        [[nodiscard]] WilsonInterval rate() const { return WilsonInterval::of(failures, attempts); }
    };

    Action action = Action::Hold;
    int share = 0;     // the share from now on
    QString reason;    // the decision in a sentence, with its numbers
    QDateTime nextDue; // when the next step is due; invalid when none is

    [[nodiscard]] static RolloutDecision decide(
        const RolloutPlan& plan, int share, const QDateTime& now, const Numbers& numbers);

    // "3 of 40 updates failed or were rolled back (7.5%, 95% interval 2.6%..19.9%)".
    [[nodiscard]] static QString describe(const Numbers& numbers);
};
