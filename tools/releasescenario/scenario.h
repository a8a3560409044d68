#pragma once

// A publisher's own release test, for `upkeep-publish test --scenario FILE`: steps that publish a
// release into a scratch copy of the repository, install a version, make the first mirror (or
// every mirror) misbehave, update, kill an update midway, and say where the installation must end.
// Read strictly: an unknown step, field or value is an error that names it, so that a typo never
// passes as a test that checks nothing.

#include "error.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

class FieldReader;

class Scenario
{
    Q_DECLARE_TR_FUNCTIONS(Scenario)

public:
    // Publishes a release, as `upkeep-publish release` does, into the scratch copy of the
    // repository the scenario's installations follow.
    struct Publish {
        QString version;
        QString source;  // a folder or an archive; relative paths are relative to the scenario file
        QString channel; // empty: the channel under test
        QString healthCheck;
    };
    // Installs `version` fresh into a new scratch installation, which later steps act on.
    struct Install {
        QString version;
    };
    // From now on, requests for `on` go wrong. Clear takes every fault away again.
    struct Fault {
        enum class Kind {
            DroppedConnection,
            Stall,
            TruncatedBody,
            CorruptedBytes,
            RangeIgnored,
            NotFound,
            Unavailable,
            Missing,
            Clear
        };
        // What the fault applies to: the files the update downloads of one kind, or one path.
        // Patches: the update's patches and the packs that carry patched contents together.
        enum class Target { Patches, Objects, Bundle, Manifest, Path };
        Kind kind = Kind::DroppedConnection;
        Target on = Target::Patches;
        QString path;   // Target::Path: a path in the repository, "objects/….zst"
        int times = -1; // requests it spoils, then it is gone; -1: all of them
    };
    // Updates the installation with the real `upkeep update`, as a user would.
    struct Update {
    };
    // Starts `upkeep update` and SIGKILLs it after `afterMs`, or at a random moment drawn from the
    // run's seed.
    struct Kill {
        std::optional<qint64> afterMs;
    };
    // Where the installation must be now; each field that is set is checked.
    struct Expect {
        enum class Outcome { Installed, RolledBack, Failed };
        std::optional<QString> version;        // the version that runs
        bool exact = false;                    // every file, mode and symlink as its signed manifest says
        std::optional<Outcome> outcome;        // of the last update
        std::optional<bool> healthCheckPassed; // of the last update
        std::optional<qint64> fetchedAtMost;   // bytes the last update fetched
        QString errorContains;                 // the last update failed with this in its message
    };
    using Action = std::variant<Publish, Install, Fault, Update, Kill, Expect>;

    struct Step {
        int number = 0; // from 1, as the report names it
        Action action;
        // "install 1.3.0", "fault 404 on patches", "expect version 1.5.0, exact": what the report prints.
        [[nodiscard]] QString describe() const;
    };

    QString name; // the scenario's own "name", else the file's name
    QString file;
    std::vector<Step> steps;

    static std::expected<Scenario, Error> read(const QString& path);
    // `file` names the document in errors and anchors relative paths.
    static std::expected<Scenario, Error> parse(QByteArrayView json, const QString& file);

    static QString toString(Fault::Kind kind);
    static QString toString(Expect::Outcome outcome);

private:
    static std::optional<Action> step(FieldReader& reader, const QString& where, const Scenario& scenario);
};
