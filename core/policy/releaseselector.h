#pragma once

#include "policy/channels.h"
#include "release/manifest.h"
#include "release/packinfo.h"
#include "release/version.h"

// The releases of one application that an installation's channel sees, read from the signed
// `custom` facts of their manifest targets, and the choice of the one to offer: the newest
// that is newer than the running version, admitted by the rollout, not skipped by the user,
// and willing to update from the running version. A yanked release is simply absent.
class ReleaseSelector
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseSelector)

public:
    struct Release {
        Version version;
        QString channel;
        QString manifestPath;
        QString changelogPath; // empty when the release has no notes
        bool critical = false;
        int rolloutPercent = 100;
        std::optional<Version> minimumFrom;
        QDateTime released;
        qint64 size = 0;             // all files, uncompressed
        qint64 bundleSize = 0;       // the full download for a fresh install
        TargetFileInfo manifestInfo; // the manifest's signed length and hashes
        // Patches that make the manifest from an earlier one (Patch::from is that manifest's sha256).
        std::vector<Manifest::Patch> manifestPatches;
        // Frames that make the manifest's tables file (format 2) against an earlier manifest's bytes
        // then this manifest's: patches/FROM-TABLES, FROM the earlier manifest's sha256.
        struct TablesPatch {
            QString from;
            QString sha256; // of the frame itself
            qint64 size = 0;
        };
        std::vector<TablesPatch> tablesPatches;
        // Packs that make this release's new contents from earlier releases (all formats this client knows).
        std::vector<PackInfo> packs;
    };

    // Newest first.
    static std::expected<std::vector<Release>, Error> releases(
        const TrustedSet& trusted, const QString& channel, const QString& app);
    static std::optional<Release> choose(const std::vector<Release>& releases, const std::optional<Version>& installed,
        const QString& installId, const QString& app, const QStringList& skipped);
};
