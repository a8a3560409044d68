#pragma once

// What `upkeep-publish test` checks of a release before it installs anything, the way `verify`
// checks metadata: that the repository folder holds, with the sizes and hashes the signed metadata
// gives, the release's manifest and the manifest patches that make it, every object and patch it
// lists, and its bundle; that each of its packs makes, from the earlier release's files, the
// contents the manifest names; and that its health-check program is an executable file of the release.

#include "trialresult.h"

#include "error.h"

#include <QCoreApplication>
#include <QDateTime>

#include <vector>

class ReleaseAudit
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseAudit)

public:
    struct Options {
        QString repository; // the repository's folder
        QString app;
        QString version;
        QString channel = QStringLiteral("stable");
        // The root metadata to trust; empty: the repository's own metadata/1.root.json, as the
        // publisher testing their own repository trusts it.
        QByteArray trustedRoot;
    };

    // What each result's `fault` names: one check each, in this order, with one "patches from
    // VERSION" for each earlier version the release offers patches from (newest first), and
    // "patches from other releases" for those from content no release on the repository has now,
    // then one "packs from VERSION" for each earlier version the release offers packs from.
    static inline const QString kManifest = QStringLiteral("manifest");
    static inline const QString kObjects = QStringLiteral("objects");
    static inline const QString kPatches = QStringLiteral("patches");
    static inline const QString kBundle = QStringLiteral("bundle");
    static inline const QString kHealthProgram = QStringLiteral("health-check program");

    explicit ReleaseAudit(Options options)
        : m_options(std::move(options))
    { }

    // Refreshes the repository's metadata as a client would (the chain from the trusted root,
    // signatures, expiry at `now`), then makes one TrialResult of Kind::Audit per check. Fails only
    // when nothing can be checked: the metadata does not verify, or the version is not on the channel.
    // Reads large files streaming and decodes objects and patches into a scratch folder of its own.
    std::expected<std::vector<TrialResult>, Error> run(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

private:
    Options m_options;
};
