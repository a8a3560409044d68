#pragma once

#include "publish/publishingonly.h"

#include "publish/keyring.h"
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
    // Each channel delegates an application's releases to a role of their own, CHANNEL.APP with
    // the paths APP/*/* ("*" never crosses a "/"), so that a release changes that role alone and a
    // client loads only the roles of the application it follows. Its key is the channel's unless
    // the channel's owner gave it one of its own (rotate-key --role CHANNEL.APP).
    [[nodiscard]] static QString appRoleName(const QString& channel, const QString& app);
    [[nodiscard]] static QString appPathPattern(const QString& app);

    // A target as a role lists it.
    struct Target {
        QString role; // "targets" or a channel
        QString path;
        TargetFileInfo info;
    };

    // A role due to expire within the window of a refresh.
    struct DueRole {
        QString role;
        QDateTime expires;
        qint64 threshold = 1; // signatures it needs
        qsizetype held = 0;   // of its keys in the key folders
        [[nodiscard]] bool renewed() const { return held >= threshold; }
    };

    static std::expected<RepositoryWriter, Error> create(
        const QString& directory, KeyRing& keys, const InitOptions& options);
    // Refuses metadata whose role names or key ids could lead a file name out of its folder.
    static std::expected<RepositoryWriter, Error> open(const QString& directory, KeyRing& keys);

    // Channels from the most stable to the least.
    [[nodiscard]] QStringList channels() const;
    [[nodiscard]] const RootMetadata& root() const { return m_root; }
    [[nodiscard]] const TargetsMetadata* role(const QString& name) const;
    void setExpiry(const Expiry& expiry) { m_expiry = expiry; }

    // Every target of the top-level role and of each channel (most stable first), by role and path;
    // a channel's targets include those of its applications' roles, listed under the channel.
    [[nodiscard]] std::vector<Target> targets() const;
    // The targets a channel publishes: its own (a repository from before application roles) and
    // those of its applications' roles. For "targets", the top-level role's own.
    [[nodiscard]] std::map<QString, TargetFileInfo> channelTargets(const QString& channel) const;
    // The roles `channel` delegates its applications to.
    [[nodiscard]] QStringList appRoles(const QString& channel) const;

    // Publishes `content` at `path` on `role`: a channel (paths APP/VERSION/FILE), or "targets", the
    // top-level role, for the repository's own files outside any release (publisher/ca.crl). A path
    // already published with other content is refused; replaceTarget() is for the files that change.
    std::expected<void, Error> addTarget(
        const QString& role, const QString& path, const QByteArray& content, const JsonValue& custom);
    // Gives the target `path` new content on every role that lists it, keeping each entry's custom
    // facts: a manifest's signature re-made after a revocation, a new revocation list. Returns how
    // many roles list it; none is an error.
    std::expected<int, Error> replaceTarget(const QString& path, const QByteArray& content);
    // Sets or removes the publisher's identity in root metadata; a change makes commit() sign a new
    // root version with the keys of the current root and of the new one.
    void setPublisher(const std::optional<PublisherAnchor>& publisher);
    // Copies APP/VERSION/* onto `channel` from the channel that has it, without its staged rollout
    // there (share and plan), so that it is offered to all of `channel`; returns how many files.
    std::expected<int, Error> promote(const QString& app, const QString& version, const QString& channel);
    // Sets the share of installations offered APP VERSION on `channel` (the "rollout" of its manifest
    // target, which clients read): 0 offers it to no one new, as a halted staged rollout. Installations
    // already on it keep it. Returns the percentage it had (100 when none was set).
    std::expected<int, Error> setRollout(
        const QString& app, const QString& version, const QString& channel, int percent);
    // Sets the fact `key` of APP VERSION's manifest target on `channel` (its signed custom object), or
    // removes it for a null `value`: what the publisher keeps about a release in the repository itself,
    // such as the plan of its staged rollout. Clients ignore facts they do not know.
    std::expected<void, Error> setReleaseFact(const QString& app, const QString& version, const QString& channel,
        std::string_view key, const JsonValue& value);
    // Removes APP/VERSION/* from `channel`, or from every channel; returns how many entries.
    std::expected<int, Error> yank(const QString& app, const QString& version, const QString& channel = {});
    // Retention: drops from `channel`'s metadata every release of `app` but the `keep` newest, and
    // those a kept release needs as a step: for a kept release's min_from M, the oldest release at
    // or above M (an installation older than M updates to it first), and so on for that one. The
    // files stay on the repository (objects and patches are shared by content, and an installation
    // may be fetching them). Returns the versions dropped.
    std::expected<QStringList, Error> prune(const QString& app, const QString& channel, int keep);
    // Replaces a key of a role (the only one, or `keyId`) with a new one.
    std::expected<QString, Error> rotateKey(const QString& role, const QString& keyId = {});
    // Removes a key from a role; adds a new one when too few would be left for the threshold.
    std::expected<QString, Error> revokeKey(const QString& role, const QString& keyId);
    // Marks root, targets and the channels that expire within `days` of `now` for signing on the
    // next commit where their keys are at hand (found without opening any); returns every role
    // due, renewed or not.
    std::expected<std::vector<DueRole>, Error> renewExpiring(const QDateTime& now, int days);

    // Signs everything that changed, with new snapshot and timestamp versions, then writes it.
    // When a signature cannot be made nothing is written, and keys made for the change are deleted.
    std::expected<void, Error> commit(const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    RepositoryWriter(QString directory, KeyRing& keys);

    struct KeyChange {
        QString role;
        QString removed;
        QString added;
    };
    std::expected<KeyChange, Error> replaceKey(const QString& role, const QString& keyId, bool always);
    std::expected<void, Error> sign(SignedMetadata& metadata, const QString& role, const RoleKeys& roleKeys,
        const std::map<QString, PublicKey>& keys);
    // The metadata files of the changes, signed, in the order they are to be written.
    std::expected<std::vector<std::pair<QString, QByteArray>>, Error> signChanges(const QDateTime& now);
    // The channels the top-level targets role (read from `targetsFile`) delegates to: names and key ids
    // that can become file names, each channel listed by the snapshot.
    std::expected<void, Error> checkNames(const QString& targetsFile) const;
    std::expected<void, Error> write(const QString& relativePath, const QByteArray& bytes);
    // Lists `info` for `path` on `role`, to be signed on commit with the file written beside it.
    void putTarget(const QString& role, const QString& path, const TargetFileInfo& info, const QByteArray& content);
    [[nodiscard]] std::pair<RoleKeys*, std::map<QString, PublicKey>*> keysOf(const QString& role);
    // The channel that delegates the application role `role`; empty for any other role.
    [[nodiscard]] QString channelOf(const QString& role) const;
    // The role of `app` under `channel`, made when it has none (moving the application's targets
    // out of the channel's own, as a repository from before application roles has them).
    std::expected<QString, Error> appRole(const QString& channel, const QString& app);
    // The role of `channel` (itself or one of its application roles) that lists `path`; empty if none.
    [[nodiscard]] QString holderOf(const QString& channel, const QString& path) const;
    // How many of `keyIds` are at hand for `role`, an application role's in its channel's folder too.
    [[nodiscard]] std::expected<qsizetype, Error> heldKeys(const QString& role, const QStringList& keyIds) const;
    // The entry of APP/VERSION/manifest.json on `channel`, to change, marking its role changed.
    std::expected<TargetFileInfo*, Error> manifestEntry(
        const QString& app, const QString& version, const QString& channel);

    QString m_directory;
    KeyRing* m_keys;
    Expiry m_expiry;
    RootMetadata m_root;
    std::optional<RootMetadata> m_signedRoot; // the root clients trust now; it must sign the next one
    TimestampMetadata m_timestamp;
    SnapshotMetadata m_snapshot;
    std::map<QString, TargetsMetadata> m_roles; // "targets", the channels and their applications' roles
    std::set<QString> m_changedRoles;
    bool m_rootChanged = false;
    std::vector<std::pair<QString, QByteArray>> m_newTargetFiles;
    std::vector<std::pair<QString, QString>> m_keysToRetire;
};
