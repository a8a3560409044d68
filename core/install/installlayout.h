#pragma once

#include "error.h"
#include "release/version.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Where an installation keeps what (docs/architecture.md, "Installation layout"):
//   ROOT/current -> versions/1.2.0       the running version, switched atomically
//   ROOT/versions/V/                     every kept version
//   ROOT/.upkeep/                        configuration (with the install id), trusted metadata,
//                                        installed manifests, journal, history, lock, download cache,
//                                        the publisher's last CRL and a pinned publisher CA
class InstallLayout
{
    Q_DECLARE_TR_FUNCTIONS(InstallLayout)

public:
    explicit InstallLayout(QString root);

    [[nodiscard]] const QString& root() const { return m_root; }
    [[nodiscard]] QString currentLink() const { return m_root + QStringLiteral("/current"); }
    [[nodiscard]] QString versionsFolder() const { return m_root + QStringLiteral("/versions"); }
    [[nodiscard]] QString versionFolder(const Version& version) const;
    // Where a version is built before it is complete; renamed to versionFolder() when it is.
    [[nodiscard]] QString stagingFolder(const Version& version) const;
    [[nodiscard]] QString stateFolder() const { return m_root + QStringLiteral("/.upkeep"); }
    [[nodiscard]] QString trustedMetadata() const { return stateFolder() + QStringLiteral("/trusted-metadata.json"); }
    [[nodiscard]] QString manifestFile(const Version& version) const;
    [[nodiscard]] QString journal() const { return stateFolder() + QStringLiteral("/journal"); }
    [[nodiscard]] QString history() const { return stateFolder() + QStringLiteral("/history.jsonl"); }
    [[nodiscard]] QString lockFile() const { return stateFolder() + QStringLiteral("/lock"); }
    [[nodiscard]] QString cacheFolder() const { return stateFolder() + QStringLiteral("/cache"); }
    // What background downloads fetched for the release the cache holds (DownloadLedger).
    [[nodiscard]] QString downloadLedger() const { return stateFolder() + QStringLiteral("/downloaded"); }
    // When the repository last answered a check, and why the checks since failed (CheckNote).
    [[nodiscard]] QString lastCheckFile() const { return stateFolder() + QStringLiteral("/last-check"); }
    [[nodiscard]] QString checkFailureFile() const { return stateFolder() + QStringLiteral("/check-failure"); }
    // The publisher's revocation list the installation last accepted (DER); a newer one must not be older.
    [[nodiscard]] QString publisherCrl() const { return stateFolder() + QStringLiteral("/publisher.crl"); }
    // An extra publisher CA an administrator pinned (`upkeep add --publisher-ca`): releases must chain to it too.
    [[nodiscard]] QString pinnedPublisherCa() const { return stateFolder() + QStringLiteral("/publisher-ca.pem"); }

    // Creates the folders of an empty installation.
    [[nodiscard]] std::expected<void, Error> create() const;
    // The version `current` points to, or NotFound when nothing is installed yet.
    [[nodiscard]] std::expected<Version, Error> currentVersion() const;
    // Complete versions under versions/, oldest first.
    [[nodiscard]] std::vector<Version> keptVersions() const;

private:
    QString m_root;
};
