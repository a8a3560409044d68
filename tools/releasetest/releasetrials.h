#pragma once

// What `upkeep-publish test` runs: every chosen earlier release of an application still offered
// on a channel is installed fresh in a scratch folder and updated to the tested version through
// two local mirrors (FaultServer) on the repository folder, once cleanly and once under each
// fault, and killed at seeded random moments while the real `upkeep` updates it; a fresh install
// of the tested version's bundle is tried too. Each trial ends in a TrialResult: exactly the
// tested version (every entry against its signed manifest) and its health check passed, or why not.

#include "error.h"
#include "trialresult.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <vector>

class ReleaseTrials
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseTrials)

public:
    struct Options {
        QString repository;   // the repository's folder, as the publisher keeps it
        QByteArray rootBytes; // root metadata to trust; empty: the repository's own metadata/1.root.json
        QString app;
        QString version; // the release under test
        QString channel = QStringLiteral("stable");
        // Which earlier releases to update from: "all", "N" (the N newest) or a list "1.2.0,1.3.0".
        QString from = QStringLiteral("all");
        QString faults = QStringLiteral("network"); // "none", "network" or "all" (TrialFault::set)
        int kills = 0;                              // kill trials per earlier release
        std::optional<quint32> seed;                // drawn when not given; seed() says which
        QString upkeep;                             // the `upkeep` binary, for the kill trials
        QString scratch;                            // a folder to work in (absent or empty); empty: a temporary one
        bool keepScratch = false;
        // A download that receives nothing for this long is resumed: the stall fault costs this.
        std::chrono::milliseconds stallTimeout = std::chrono::seconds(2);
        // The span the kill moments are drawn from; nullopt: 1.1 times one clean update by
        // `upkeep`, measured for each earlier release.
        std::optional<std::chrono::milliseconds> killWindow;
        // Paths tried side by side (each on two mirrors of its own); the kill trials run alone.
        int parallel = 2;
    };

    // What run() found: every trial, path by path; an earlier release the tested version accepts no
    // update from is a skipped trial whose output says so.
    struct Outcome {
        std::vector<TrialResult> trials;
        [[nodiscard]] bool passed() const;
    };

    explicit ReleaseTrials(Options options);

    // The seed of the random moments: the one given, or the one drawn, to print for a rerun.
    [[nodiscard]] quint32 seed() const { return m_seed; }

    // Runs every trial, telling `onResult` of each as it ends (from the thread that ran it, one
    // at a time). The trials come back path by path: the fresh installs, then the updates from
    // each earlier release, oldest first, each followed by its kills. An error (nothing run, or the run
    // stopped) when the options are wrong: an unknown version, a channel that does not offer the
    // tested version, a repository that cannot be read, a scratch folder that is not empty.
    std::expected<Outcome, Error> run(const std::function<void(const TrialResult&)>& onResult = {});

    // The earlier releases of "from": all of `earlier` (newest first), the N newest, or those
    // listed; a Usage error for a list naming one `earlier` does not hold, or a bad N.
    static std::expected<QStringList, Error> chooseFrom(const QString& from, const QStringList& earlier);

private:
    Options m_options;
    quint32 m_seed = 0;
};
