#pragma once

// What one trial of `upkeep-publish test` found: one path to the tested release (an update from an
// earlier version, or a fresh install of its bundle) under one fault or kill, or one check made
// without running anything, and how it ended. The runner makes these; the report prints them as a
// table and writes them as JUnit test cases.

#include <QString>
#include <QStringList>

#include <optional>

struct TrialResult {
    enum class Kind {
        Audit,        // a check of what the repository holds, run before anything is installed
        Update,       // an update from `from` to `to` through the fault server, under `fault`
        FreshInstall, // a fresh install of `to` (its bundle), under `fault`
        Kill,         // an update from `from` killed at a moment, then run again to finish
        Scenario,     // a step of the publisher's own scenario file
    };

    Kind kind = Kind::Update;
    QString from; // the version updated from; empty for an audit and a fresh install; a scenario's name
    QString to;   // the version tested
    // What went wrong on purpose, as the report names it: "none", "dropped connection",
    // "kill at 412 ms", a scenario step; for an audit, what was checked ("objects", "bundle").
    QString fault;
    bool passed = false;
    // Not tried, for a reason the publisher chose (an earlier release the tested one accepts no
    // update from): it counts as passed, and `output` says why.
    bool skipped = false;
    // Why it failed, in sentences that name the path and the fault; empty when it passed.
    QString failure;
    qint64 bytesFetched = 0; // response bodies the trial took from the servers, metadata included
    qint64 fullDownload = 0; // the tested version's bundle: what a fresh install of it downloads
    qint64 milliseconds = 0;
    // Whether the tested version's health check passed; nullopt when the release has none or the
    // trial did not get that far.
    std::optional<bool> healthCheck;
    QString output; // what the updating program said, for the report's details

    // "1.2.0 → 1.5.0", "fresh install of 1.5.0", "repository", "scenario \"NAME\"": the path the trial took.
    [[nodiscard]] QString path() const;
};
