#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <expected>

// A staged rollout of one release on one channel: the shares it goes through, how long each lasts at
// least, when the current one began, when it halts, and whether it did. Kept in the release's signed
// metadata (the fact "rollout_plan" of its manifest target), so that the repository is its one record
// and cron keeps no state; the share itself is the fact "rollout" clients read.
struct RolloutPlan {
    QList<int> steps;                // percentages, increasing, the last 100
    qint64 everySeconds = 24 * 3600; // the least time a step lasts
    QDateTime stepSince;             // when the current share was set (UTC)
    int haltAboveBasisPoints = 200;  // halt when the failure rate is above this (200 = 2 %)
    qint64 minEvents = 50;           // updates to the release it takes to halt or advance
    bool halted = false;
    QDateTime haltedAt;
    QString haltReason;
    friend bool operator==(const RolloutPlan&, const RolloutPlan&) = default;

    // The release fact's name in the manifest target's custom object.
    static constexpr std::string_view kFact = "rollout_plan";

    // The first step above `share`, or nothing when `share` is at or past the last.
    [[nodiscard]] std::optional<int> nextStep(int share) const;

    [[nodiscard]] JsonValue toJson() const;
    // Fails on a fact of another shape (written by hand, or by a later version).
    [[nodiscard]] static std::expected<RolloutPlan, Error> fromJson(const JsonValue& json);

    // What a command line gives, a usage error with its sentence otherwise: "5,25,50,100" (1 to 100,
    // increasing, the last 100), "24h" (a whole number of s, m, h or d), "2%" or "0.5" (0 to 100 %).
    [[nodiscard]] static std::expected<QList<int>, Error> parseSteps(const QString& text);
    [[nodiscard]] static std::expected<qint64, Error> parseDuration(const QString& text);
    [[nodiscard]] static std::expected<int, Error> parseBasisPoints(const QString& text);

    // The same written back: "5,25,50,100", "24h", "2%", "0.5%".
    [[nodiscard]] static QString stepsText(const QList<int>& steps);
    [[nodiscard]] static QString durationText(qint64 seconds);
    [[nodiscard]] static QString basisPointsText(int basisPoints);
};
