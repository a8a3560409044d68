#pragma once

#include "trust/keystore.h"
#include "trust/rootmetadata.h"
#include "trust/signedmetadata.h"
#include "trust/snapshotmetadata.h"
#include "trust/targetsmetadata.h"
#include "trust/timestampmetadata.h"

#include <QDateTime>

#include <map>
#include <set>

// The publisher's side of a repository: reads its newest metadata, changes it (targets,
// channels, keys), then commit() re-signs what changed and writes new versions in the order
// that keeps the repository consistent for clients at every moment: target files, targets
// roles, root, snapshot, and timestamp last. Consistent snapshots are always on.
class RepositoryWriter
{
    Q_DECLARE_TR_FUNCTIONS(RepositoryWriter)

public:
    // Days until each role's metadata expires when it is signed.
    struct Expiry {
        int root = 365;
        int targets = 90;
        int snapshot = 30;
        int timestamp = 7;
    };
    struct InitOptions {
        int rootKeys = 1;
        int rootThreshold = 1;
        QStringList channels{QStringLiteral("stable"), QStringLiteral("beta"), QStringLiteral("nightly")};
    };
    // Every target path a channel may sign: APP/VERSION/FILE.
    static constexpr auto kChannelPathPattern = "*/*/*";

    static std::expected<RepositoryWriter, Error> create(
        const QString& directory, KeyStore& keys, const InitOptions& options);
    static std::expected<RepositoryWriter, Error> open(const QString& directory, KeyStore& keys);

    // Channels from the most stable to the least.
    [[nodiscard]] QStringList channels() const;
    [[nodiscard]] const RootMetadata& root() const { return m_root; }
    [[nodiscard]] const TargetsMetadata* role(const QString& name) const;
    void setExpiry(const Expiry& expiry) { m_expiry = expiry; }

    std::expected<void, Error> addTarget(
        const QString& channel, const QString& path, const QByteArray& content, const JsonValue& custom);
    // Copies APP/VERSION/* onto `channel` from the channel that has it; returns how many files.
    std::expected<int, Error> promote(const QString& app, const QString& version, const QString& channel);
    // Removes APP/VERSION/* from `channel`, or from every channel; returns how many entries.
    std::expected<int, Error> yank(const QString& app, const QString& version, const QString& channel = {});
    // Replaces a key of a role (the only one, or `keyId`) with a new one.
    std::expected<QString, Error> rotateKey(const QString& role, const QString& keyId = {});
    // Removes a key from a role; adds a new one when too few would be left for the threshold.
    std::expected<QString, Error> revokeKey(const QString& role, const QString& keyId);
    // Re-sign, on the next commit, targets roles that expire within `days`.
    void renewExpiring(const QDateTime& now, int days);

    // Signs and writes everything that changed, with new snapshot and timestamp versions.
    std::expected<void, Error> commit(const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    RepositoryWriter(QString directory, KeyStore& keys);

    struct KeyChange {
        QString role;
        QString removed;
        QString added;
    };
    std::expected<KeyChange, Error> replaceKey(const QString& role, const QString& keyId, bool always);
    std::expected<void, Error> sign(SignedMetadata& metadata, const QString& role, const RoleKeys& roleKeys,
        const std::map<QString, PublicKey>& keys);
    std::expected<void, Error> write(const QString& relativePath, const QByteArray& bytes);
    [[nodiscard]] std::pair<RoleKeys*, std::map<QString, PublicKey>*> keysOf(const QString& role);

    QString m_directory;
    KeyStore* m_keys;
    Expiry m_expiry;
    RootMetadata m_root;
    std::optional<RootMetadata> m_signedRoot; // the root clients trust now; it must sign the next one
    TimestampMetadata m_timestamp;
    SnapshotMetadata m_snapshot;
    std::map<QString, TargetsMetadata> m_roles; // "targets" and the channels
    std::set<QString> m_changedRoles;
    bool m_rootChanged = false;
    std::vector<std::pair<QString, QByteArray>> m_newTargetFiles;
    std::vector<std::pair<QString, QString>> m_keysToRetire;
};
