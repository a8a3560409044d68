#include "trustedset.h"

#include "logging.h"
#include "json/canonicaljson.h"
#include "json/jsonwriter.h"

#include <deque>
#include <set>

using namespace Qt::StringLiterals;

namespace {

const QString kTargets = u"targets"_s;

QString when(const QDateTime& time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

std::unexpected<Error> expired(const QString& role, const QDateTime& expiry)
{
    return std::unexpected(Error{Error::Code::Expired,
        TrustedSet::tr("The %1 metadata expired on %2. The repository has not been re-signed "
                       "in time, or a mirror is replaying old metadata (a freeze attack).")
            .arg(role, when(expiry))});
}

std::unexpected<Error> rollback(const QString& file, qint64 version, qint64 trusted)
{
    return std::unexpected(Error{Error::Code::Rollback,
        TrustedSet::tr("%1 is version %2, older than version %3 already trusted: a mirror is "
                       "stale or replaying old metadata (a rollback attack).")
            .arg(file, QString::number(version), QString::number(trusted))});
}

// Length and hashes that the metadata above names for this file, when it names them.
std::expected<void, Error> checkAgainst(const MetaFileInfo& info, QByteArrayView bytes, const QString& file)
{
    if (info.length && bytes.size() != *info.length) {
        return std::unexpected(Error{Error::Code::Mismatch,
            TrustedSet::tr("%1 is %2 bytes long where the signed metadata says %3.")
                .arg(file, QString::number(bytes.size()), QString::number(*info.length))});
    }
    if (!info.hashes.isEmpty())
        return info.hashes.verify(bytes, file);
    return {};
}

template <typename T>
std::expected<std::pair<SignedMetadata, T>, Error> parseRole(QByteArrayView bytes, const QString& file)
{
    auto envelope = SignedMetadata::parse(bytes, file);
    if (!envelope)
        return std::unexpected(envelope.error());
    auto metadata = T::fromSigned(envelope->signedPart(), file);
    if (!metadata)
        return std::unexpected(metadata.error());
    return std::pair{std::move(*envelope), std::move(*metadata)};
}

} // namespace

std::expected<TrustedSet, Error> TrustedSet::fromRoot(QByteArrayView rootBytes)
{
    auto root = parseRole<RootMetadata>(rootBytes, u"root.json"_s);
    if (!root)
        return std::unexpected(root.error());
    if (auto signedBySelf = root->first.verify(root->second.keys, root->second.role(u"root"_s), u"root"_s);
        !signedBySelf)
        return std::unexpected(signedBySelf.error());
    return TrustedSet(std::move(*root));
}

std::expected<void, Error> TrustedSet::updateRoot(QByteArrayView bytes)
{
    const RootMetadata& trusted = root();
    const QString file = u"%1.root.json"_s.arg(trusted.header.version + 1);
    auto next = parseRole<RootMetadata>(bytes, file);
    if (!next)
        return std::unexpected(next.error());
    // Signed by a threshold of the keys we trust now, and by a threshold of its own keys.
    if (auto byOld = next->first.verify(trusted.keys, trusted.role(u"root"_s), u"root"_s); !byOld) {
        return std::unexpected(Error{byOld.error().code,
            tr("%1 is not signed by enough of the trusted root keys: %2").arg(file, byOld.error().message)});
    }
    if (auto bySelf = next->first.verify(next->second.keys, next->second.role(u"root"_s), u"root"_s); !bySelf) {
        return std::unexpected(Error{bySelf.error().code,
            tr("%1 is not signed by enough of its own root keys: %2").arg(file, bySelf.error().message)});
    }
    if (next->second.header.version != trusted.header.version + 1) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("%1 holds root version %2; the chain of roots must go up one at a time.")
                .arg(file, QString::number(next->second.header.version))});
    }
    // Fast-forward recovery (5.3.11): new timestamp or snapshot keys may start their versions afresh.
    const bool timestampKeysChanged = trusted.role(u"timestamp"_s) != next->second.role(u"timestamp"_s);
    const bool snapshotKeysChanged = trusted.role(u"snapshot"_s) != next->second.role(u"snapshot"_s);
    const bool targetsKeysChanged = trusted.role(kTargets) != next->second.role(kTargets);
    if (timestampKeysChanged || snapshotKeysChanged) {
        qCInfo(lcTrust) << "timestamp or snapshot keys rotated in" << file << "; their trusted versions reset";
        m_timestamp.reset();
        m_snapshot.reset();
    }
    if (snapshotKeysChanged || targetsKeysChanged)
        m_targets.clear();
    m_root = std::move(*next);
    return {};
}

std::expected<void, Error> TrustedSet::checkRoot(const QDateTime& now) const
{
    if (root().header.isExpired(now))
        return expired(u"root"_s, root().header.expires);
    return {};
}

std::expected<void, Error> TrustedSet::updateTimestamp(QByteArrayView bytes, const QDateTime& now)
{
    const QString file = u"timestamp.json"_s;
    auto next = parseRole<TimestampMetadata>(bytes, file);
    if (!next)
        return std::unexpected(next.error());
    if (auto verified = next->first.verify(root().keys, root().role(u"timestamp"_s), u"timestamp"_s); !verified)
        return std::unexpected(verified.error().prefixed(file));
    if (m_timestamp) {
        const TimestampMetadata& trusted = m_timestamp->second;
        if (next->second.header.version < trusted.header.version)
            return rollback(file, next->second.header.version, trusted.header.version);
        if (next->second.header.version == trusted.header.version) {
            // Nothing new; what we have must still be fresh.
            if (trusted.header.isExpired(now))
                return expired(u"timestamp"_s, trusted.header.expires);
            return {};
        }
        if (next->second.snapshot.version < trusted.snapshot.version)
            return rollback(
                u"snapshot.json (named by timestamp.json)"_s, next->second.snapshot.version, trusted.snapshot.version);
    }
    if (next->second.header.isExpired(now))
        return expired(u"timestamp"_s, next->second.header.expires);
    m_timestamp = std::move(*next);
    return {};
}

std::expected<void, Error> TrustedSet::checkTimestampUnchanged(const QDateTime& now) const
{
    if (!m_timestamp)
        return std::unexpected(
            Error{Error::Code::Internal, tr("An unchanged timestamp needs a trusted one to compare with.")});
    if (m_timestamp->second.header.isExpired(now))
        return expired(u"timestamp"_s, m_timestamp->second.header.expires);
    return {};
}

std::expected<void, Error> TrustedSet::updateSnapshot(QByteArrayView bytes, const QDateTime& now)
{
    if (!m_timestamp)
        return std::unexpected(
            Error{Error::Code::Internal, tr("The snapshot cannot be checked before the timestamp.")});
    const MetaFileInfo& named = m_timestamp->second.snapshot;
    const QString file = root().consistentSnapshot ? u"%1.snapshot.json"_s.arg(named.version) : u"snapshot.json"_s;
    if (auto matches = checkAgainst(named, bytes, file); !matches)
        return std::unexpected(matches.error());
    auto next = parseRole<SnapshotMetadata>(bytes, file);
    if (!next)
        return std::unexpected(next.error());
    if (auto verified = next->first.verify(root().keys, root().role(u"snapshot"_s), u"snapshot"_s); !verified)
        return std::unexpected(verified.error().prefixed(file));
    if (next->second.header.version != named.version) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("%1 is snapshot version %2 where timestamp.json names version %3: the "
               "repository's files do not belong together.")
                .arg(file, QString::number(next->second.header.version), QString::number(named.version))});
    }
    if (m_snapshot) {
        for (const auto& [role, trusted] : m_snapshot->second.meta) {
            const auto it = next->second.meta.find(role);
            if (it == next->second.meta.end()) {
                return std::unexpected(Error{Error::Code::Rollback,
                    tr("%1 no longer lists %2, which the trusted snapshot lists: a rollback "
                       "attack, or a broken repository.")
                        .arg(file, role)});
            }
            if (it->second.version < trusted.version)
                return rollback(role + u" (named by "_s + file + u')', it->second.version, trusted.version);
        }
    }
    if (next->second.header.isExpired(now))
        return expired(u"snapshot"_s, next->second.header.expires);
    m_snapshot = std::move(*next);
    return {};
}

std::expected<void, Error> TrustedSet::updateTargets(
    const QString& role, const QString& parent, QByteArrayView bytes, const QDateTime& now)
{
    const MetaFileInfo* named = snapshotEntry(role);
    if (!m_snapshot || !named) {
        return std::unexpected(
            Error{Error::Code::NotFound, tr("The snapshot does not list the role \"%1\".").arg(role)});
    }
    const QString file = root().consistentSnapshot ? u"%1.%2.json"_s.arg(named->version).arg(role) : role + u".json"_s;
    if (auto matches = checkAgainst(*named, bytes, file); !matches)
        return std::unexpected(matches.error());

    const auto signers = signersOf(role, parent);
    if (!signers)
        return std::unexpected(signers.error());
    auto next = parseRole<TargetsMetadata>(bytes, file);
    if (!next)
        return std::unexpected(next.error());
    if (auto verified = next->first.verify(*signers->first, signers->second, role); !verified)
        return std::unexpected(verified.error().prefixed(file));
    if (next->second.header.version != named->version) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("%1 is version %2 where the snapshot names version %3: the repository's "
               "files do not belong together (mix-and-match).")
                .arg(file, QString::number(next->second.header.version), QString::number(named->version))});
    }
    if (next->second.header.isExpired(now))
        return expired(role, next->second.header.expires);
    m_targets.insert_or_assign(role, std::move(*next));
    return {};
}

std::expected<std::pair<const std::map<QString, PublicKey>*, RoleKeys>, Error> TrustedSet::signersOf(
    const QString& role, const QString& parent) const
{
    if (parent == u"root"_s)
        return std::pair{&root().keys, root().role(kTargets)};
    const TargetsMetadata* delegator = targets(parent);
    const DelegatedRole* delegation = delegator ? delegator->delegatedRole(role) : nullptr;
    if (!delegation) {
        return std::unexpected(
            Error{Error::Code::NotFound, tr("The role \"%1\" does not delegate to \"%2\".").arg(parent, role)});
    }
    return std::pair{&delegator->delegations->keys, delegation->keys};
}

bool TrustedSet::keepsSnapshot(const QDateTime& now) const
{
    if (!m_timestamp || !m_snapshot)
        return false;
    const SnapshotMetadata& trusted = m_snapshot->second;
    return trusted.header.version == m_timestamp->second.snapshot.version && !trusted.header.isExpired(now)
        && m_snapshot->first.verify(root().keys, root().role(u"snapshot"_s), u"snapshot"_s).has_value();
}

bool TrustedSet::keepsTargets(const QString& role, const QString& parent, const QDateTime& now) const
{
    const auto it = m_targets.find(role);
    const MetaFileInfo* named = snapshotEntry(role);
    if (it == m_targets.end() || !named)
        return false;
    const auto& [envelope, trusted] = it->second;
    if (trusted.header.version != named->version || trusted.header.isExpired(now))
        return false;
    const auto signers = signersOf(role, parent);
    return signers && envelope.verify(*signers->first, signers->second, role).has_value();
}

std::expected<void, Error> TrustedSet::checkFresh(const QDateTime& now) const
{
    if (root().header.isExpired(now))
        return expired(u"root"_s, root().header.expires);
    if (!m_timestamp || !m_snapshot)
        return std::unexpected(Error{Error::Code::Expired, tr("The repository's metadata has not been fetched yet.")});
    if (m_timestamp->second.header.isExpired(now))
        return expired(u"timestamp"_s, m_timestamp->second.header.expires);
    if (m_snapshot->second.header.isExpired(now))
        return expired(u"snapshot"_s, m_snapshot->second.header.expires);
    for (const auto& [role, entry] : m_targets) {
        if (entry.second.header.isExpired(now))
            return expired(role, entry.second.header.expires);
    }
    return {};
}

void TrustedSet::retainTargets(const std::set<QString>& roles)
{
    std::erase_if(m_targets, [&roles](const auto& entry) { return !roles.contains(entry.first); });
}

const TargetsMetadata* TrustedSet::targets(const QString& role) const
{
    const auto it = m_targets.find(role);
    return it == m_targets.end() ? nullptr : &it->second.second;
}

QStringList TrustedSet::targetsRoles() const
{
    QStringList roles;
    for (const auto& [name, entry] : m_targets)
        roles.append(name);
    return roles;
}

const MetaFileInfo* TrustedSet::snapshotEntry(const QString& role) const
{
    if (!m_snapshot)
        return nullptr;
    const auto it = m_snapshot->second.meta.find(role + u".json"_s);
    return it == m_snapshot->second.meta.end() ? nullptr : &it->second;
}

std::expected<TrustedSet::FoundTarget, Error> TrustedSet::findTarget(const QString& path) const
{
    std::vector<QString> toVisit{kTargets};
    std::set<QString> visited;
    int budget = kMaxDelegations;
    while (!toVisit.empty() && budget > 0) {
        const QString role = toVisit.back();
        toVisit.pop_back();
        if (!visited.insert(role).second)
            continue;
        const TargetsMetadata* metadata = targets(role);
        if (!metadata)
            continue;
        if (const auto it = metadata->targets.find(path); it != metadata->targets.end())
            return FoundTarget{role, it->second};
        --budget;
        if (!metadata->delegations)
            continue;
        std::vector<QString> children;
        for (const DelegatedRole& child : metadata->delegations->roles) {
            if (!child.matches(path))
                continue;
            children.push_back(child.name);
            if (child.terminating) {
                toVisit.clear();
                break;
            }
        }
        toVisit.insert(toVisit.end(), children.rbegin(), children.rend());
    }
    return std::unexpected(Error{Error::Code::NotFound, tr("No trusted role lists the target %1.").arg(path)});
}

QByteArray TrustedSet::save() const
{
    JsonObject state;
    state.emplace("root", m_root.first.toJson());
    if (m_timestamp)
        state.emplace("timestamp", m_timestamp->first.toJson());
    if (m_snapshot)
        state.emplace("snapshot", m_snapshot->first.toJson());
    JsonObject targets;
    for (const auto& [role, entry] : m_targets)
        targets.emplace(role.toStdString(), entry.first.toJson());
    state.emplace("targets", std::move(targets));
    return prettyJson(state);
}

std::expected<TrustedSet, Error> TrustedSet::load(QByteArrayView state)
{
    const QString file = u"the trusted metadata"_s;
    auto document = JsonParser(JsonLimits{.maxBytes = 256 * 1024 * 1024, .maxDepth = 64}).parse(state);
    if (!document)
        return std::unexpected(document.error().prefixed(file));
    const JsonValue* rootValue = document->find("root");
    if (!rootValue)
        return std::unexpected(Error{Error::Code::InvalidInput, tr("The trusted metadata has no root.")});
    auto set = fromRoot(canonicalJson(*rootValue));
    if (!set)
        return std::unexpected(set.error().prefixed(file));

    // Each stored role must still verify against the keys above it; expiry does not matter here.
    auto reload = [&]<typename T>(const JsonValue* value, const QString& name, const std::map<QString, PublicKey>& keys,
                      const RoleKeys& roleKeys) -> std::optional<std::pair<SignedMetadata, T>> {
        if (!value)
            return std::nullopt;
        auto role = parseRole<T>(canonicalJson(*value), name);
        if (!role || !role->first.verify(keys, roleKeys, name)) {
            qCInfo(lcTrust) << "stored" << name << "metadata dropped: it no longer verifies";
            return std::nullopt;
        }
        return std::move(*role);
    };
    const RootMetadata& root = set->root();
    set->m_timestamp = reload.operator()<TimestampMetadata>(
        document->find("timestamp"), u"timestamp"_s, root.keys, root.role(u"timestamp"_s));
    set->m_snapshot = reload.operator()<SnapshotMetadata>(
        document->find("snapshot"), u"snapshot"_s, root.keys, root.role(u"snapshot"_s));
    const JsonValue* targets = document->find("targets");
    if (!targets)
        return set;
    std::deque<std::pair<QString, QString>> queue{{kTargets, u"root"_s}};
    while (!queue.empty() && set->m_targets.size() < size_t(kMaxRoles)) {
        const auto [role, parent] = queue.front();
        queue.pop_front();
        // Delegations may form a cycle; a role reached again was loaded the first time.
        if (set->m_targets.contains(role))
            continue;
        const std::map<QString, PublicKey>* keys = &root.keys;
        RoleKeys roleKeys = root.role(kTargets);
        if (parent != u"root"_s) {
            const TargetsMetadata* delegator = set->targets(parent);
            const DelegatedRole* delegation = delegator ? delegator->delegatedRole(role) : nullptr;
            if (!delegation)
                continue;
            keys = &delegator->delegations->keys;
            roleKeys = delegation->keys;
        }
        auto entry = reload.operator()<TargetsMetadata>(targets->find(role.toStdString()), role, *keys, roleKeys);
        if (!entry)
            continue;
        if (entry->second.delegations) {
            for (const DelegatedRole& child : entry->second.delegations->roles)
                queue.emplace_back(child.name, role);
        }
        set->m_targets.insert_or_assign(role, std::move(*entry));
    }
    return set;
}
