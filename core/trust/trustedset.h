#pragma once

#include "trust/rootmetadata.h"
#include "trust/signedmetadata.h"
#include "trust/snapshotmetadata.h"
#include "trust/targetsmetadata.h"
#include "trust/timestampmetadata.h"

#include <QDateTime>

#include <map>
#include <optional>
#include <set>

// The client's verified metadata of one repository, updated one file at a time in the order of
// the TUF 1.0 client workflow (root chain, timestamp, snapshot, targets, delegated roles). Each
// update checks signatures against thresholds, versions against rollback, the snapshot against
// mix-and-match, lengths and hashes against the metadata above, and expiry; it changes nothing
// when it fails. A TrustedSet is a value: a refresh works on a copy and keeps it only when the
// whole refresh succeeds.
class TrustedSet
{
    Q_DECLARE_TR_FUNCTIONS(TrustedSet)

public:
    // From the root metadata the user chose to trust; it must be signed by its own root keys.
    static std::expected<TrustedSet, Error> fromRoot(QByteArrayView rootBytes);
    // From bytes written by save(). Roles that no longer verify against the root (after a key
    // rotation) are dropped: they only served as the floor for rollback checks.
    static std::expected<TrustedSet, Error> load(QByteArrayView state);
    [[nodiscard]] QByteArray save() const;

    // 5.3: the next root, signed by the trusted root's keys and its own, exactly one version on.
    std::expected<void, Error> updateRoot(QByteArrayView bytes);
    // 5.3.10: after the last root, a freeze check.
    [[nodiscard]] std::expected<void, Error> checkRoot(const QDateTime& now) const;
    std::expected<void, Error> updateTimestamp(QByteArrayView bytes, const QDateTime& now);
    // 5.4 when a mirror says its timestamp.json is still the copy it served before (an HTTP 304):
    // nothing newer there, so the trusted timestamp must still be valid at `now`.
    [[nodiscard]] std::expected<void, Error> checkTimestampUnchanged(const QDateTime& now) const;
    std::expected<void, Error> updateSnapshot(QByteArrayView bytes, const QDateTime& now);
    // The top-level targets role is "targets" with parent "root"; channels have parent "targets".
    std::expected<void, Error> updateTargets(
        const QString& role, const QString& parent, QByteArrayView bytes, const QDateTime& now);

    // 5.5 and 5.6 when nothing changed (TUF lets a client skip what it has): whether the trusted
    // snapshot is the version the timestamp names, and a trusted targets role the version the
    // snapshot names, so that a check with nothing new downloads neither again. Only what is still
    // valid at `now` and still verifies against the keys above it (which this refresh may have
    // changed) is kept; anything else is downloaded and checked as before, expiry included.
    [[nodiscard]] bool keepsSnapshot(const QDateTime& now) const;
    [[nodiscard]] bool keepsTargets(const QString& role, const QString& parent, const QDateTime& now) const;

    // Forgets every targets role not in `roles`: one a refresh could not load, or that nothing
    // delegates to any more, is left out rather than kept from an earlier refresh.
    void retainTargets(const std::set<QString>& roles);

    [[nodiscard]] const RootMetadata& root() const { return m_root.second; }
    [[nodiscard]] const TimestampMetadata* timestamp() const { return m_timestamp ? &m_timestamp->second : nullptr; }
    [[nodiscard]] const SnapshotMetadata* snapshot() const { return m_snapshot ? &m_snapshot->second : nullptr; }
    [[nodiscard]] const TargetsMetadata* targets(const QString& role = QStringLiteral("targets")) const;
    [[nodiscard]] QStringList targetsRoles() const;

    // Whether all that is trusted is valid at `now`: root, timestamp, snapshot and every targets
    // role. Installs and downloads use only metadata that passes; Expired names the first that
    // does not (a set never refreshed has no timestamp yet, which counts as expired).
    [[nodiscard]] std::expected<void, Error> checkFresh(const QDateTime& now) const;

    // The snapshot's entry for a targets role, when the snapshot lists it.
    [[nodiscard]] const MetaFileInfo* snapshotEntry(const QString& role) const;

    // 5.6.7: the target as the first role in a pre-order search of the delegations lists it.
    struct FoundTarget {
        QString role;
        TargetFileInfo info;
    };
    [[nodiscard]] std::expected<FoundTarget, Error> findTarget(const QString& path) const;

    // Roles one lookup may visit (a target's search, or the refresh of one application's roles).
    static constexpr int kMaxDelegations = 32;
    // Roles a trusted set may hold at all: a full check of a repository loads every role.
    static constexpr int kMaxRoles = 4096;

private:
    template <typename T> using Verified = std::pair<SignedMetadata, T>;

    // The keys that sign `role` as `parent` delegates it ("root" for the top-level targets role).
    [[nodiscard]] std::expected<std::pair<const std::map<QString, PublicKey>*, RoleKeys>, Error> signersOf(
        const QString& role, const QString& parent) const;

    TrustedSet(Verified<RootMetadata> root)
        : m_root(std::move(root))
    { }

    Verified<RootMetadata> m_root;
    std::optional<Verified<TimestampMetadata>> m_timestamp;
    std::optional<Verified<SnapshotMetadata>> m_snapshot;
    std::map<QString, Verified<TargetsMetadata>> m_targets; // "targets" and delegated roles
};
