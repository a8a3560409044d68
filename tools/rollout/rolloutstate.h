#pragma once

#include "rolloutdecision.h"
#include "rolloutplan.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// Where a release's rollout on a channel stands, as its manifest target's signed facts say: the share
// of installations offered it ("rollout", 100 when unset) and its plan ("rollout_plan"), if it has one;
// and how a new plan or a decision changes it.
struct RolloutState {
    int share = 100;
    std::optional<RolloutPlan> plan;
    friend bool operator==(const RolloutState&, const RolloutState&) = default;

    // What a command line changes of a plan; unset fields keep theirs (or the defaults of a new plan).
    struct Settings {
        std::optional<QList<int>> steps;
        std::optional<qint64> everySeconds;
        std::optional<int> haltAboveBasisPoints;
        std::optional<qint64> minEvents;
        [[nodiscard]] bool any() const { return steps || everySeconds || haltAboveBasisPoints || minEvents; }
    };

    // From the custom object of a manifest target; fails on a malformed plan.
    [[nodiscard]] static std::expected<RolloutState, Error> fromCustom(const JsonValue& custom);

    // With `settings` applied at `now`. New steps set the share to the first step unless it is already
    // further, and restart a halted rollout (at 0, so at its first step); the current step starts now
    // when the share changes or there was no plan. Needs a plan or new steps.
    [[nodiscard]] RolloutState planned(const Settings& settings, const QDateTime& now) const;
    // With `decision` (made from this state's plan) carried out at `now`.
    [[nodiscard]] RolloutState decided(const RolloutDecision& decision, const QDateTime& now) const;

    // Where it stands, in a few lines, for `release` ("editor 1.1.0 on stable").
    [[nodiscard]] QString describe(const QString& release, const QDateTime& now) const;
};
