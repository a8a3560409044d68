#include "repositorywriter.h"

#include "atomicfile.h"
#include "net/repositorysource.h"
#include "publish/timestampfile.h"
#include "release/repositorypaths.h"
#include "release/version.h"
#include "trust/repositoryclient.h"
#include "trust/signedmetadata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

const QString kTargets = u"targets"_s;
const QString kRoot = u"root"_s;
const QStringList kTopLevelRoles{u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s};

std::expected<QByteArray, Error> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(Error{Error::Code::Io,
            QCoreApplication::translate("RepositoryWriter", "Cannot read %1: %2.").arg(path, file.errorString())});
    }
    return file.readAll();
}

template <typename T> std::expected<T, Error> readRole(const QString& path)
{
    auto bytes = readFile(path);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto envelope = SignedMetadata::parse(*bytes, QFileInfo(path).fileName());
    if (!envelope)
        return std::unexpected(envelope.error());
    return T::fromSigned(envelope->signedPart(), QFileInfo(path).fileName());
}

bool anyRoleUses(const RootMetadata& root, const QString& keyId)
{
    return std::any_of(
        root.roles.begin(), root.roles.end(), [&](const auto& role) { return role.second.keyIds.contains(keyId); });
}

// A channel's name becomes a file name (N.CHANNEL.json, CHANNEL.KEYID.pem), so it must stay one.
bool isChannelName(const QString& name)
{
    return !kTopLevelRoles.contains(name) && RepositorySource::isSafePath(name) && KeyStore::isRoleName(name);
}

Error notKeyId(const QString& file, const QString& role, const QString& keyId)
{
    return Error{Error::Code::InvalidInput,
        QCoreApplication::translate("RepositoryWriter",
            "%1: the %2 role names the key \"%3\", which is not a key id (64 lowercase hexadecimal digits); the "
            "metadata is damaged or was tampered with.")
            .arg(file, role, keyId)};
}

MetaFileInfo describe(qint64 version, const QByteArray& bytes)
{
    MetaFileInfo info;
    info.version = version;
    info.length = bytes.size();
    info.hashes = FileHashes::sha256Of(bytes);
    return info;
}

} // namespace

RepositoryWriter::RepositoryWriter(QString directory, KeyRing& keys)
    : m_directory(std::move(directory))
    , m_keys(&keys)
{ }

std::expected<RepositoryWriter, Error> RepositoryWriter::create(
    const QString& directory, KeyRing& keys, const InitOptions& options)
{
    if (QFileInfo::exists(directory + u"/metadata/root.json"_s)) {
        return std::unexpected(Error{
            Error::Code::Usage, tr("%1 already holds a repository; refusing to replace its keys.").arg(directory)});
    }
    if (options.rootKeys < 1 || options.rootThreshold < 1 || options.rootThreshold > options.rootKeys) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The root threshold must be between 1 and the number of root keys (%1).").arg(options.rootKeys)});
    }
    if (options.channels.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("A repository needs at least one channel.")});
    for (const QString& channel : options.channels) {
        if (!isChannelName(channel) || options.channels.count(channel) > 1) {
            return std::unexpected(Error{Error::Code::Usage, tr("\"%1\" cannot name a channel.").arg(channel)});
        }
    }

    RepositoryWriter writer(directory, keys);
    // Keys made before one that fails are named nowhere; they go again.
    const auto failed = [&keys](const Error& error) {
        keys.discardCreated();
        return std::unexpected(error);
    };
    writer.m_root.consistentSnapshot = true;
    writer.m_root.header.version = 0; // commit() makes every role version 1
    for (const QString& role : kTopLevelRoles) {
        RoleKeys roleKeys;
        const int count = role == kRoot ? options.rootKeys : 1;
        roleKeys.threshold = role == kRoot ? options.rootThreshold : 1;
        for (int i = 0; i < count; ++i) {
            auto key = keys.create(role);
            if (!key)
                return failed(key.error());
            roleKeys.keyIds.append(key->publicKey().keyId());
            writer.m_root.keys.emplace(key->publicKey().keyId(), key->publicKey());
        }
        writer.m_root.roles.emplace(role, roleKeys);
    }
    TargetsMetadata top;
    top.header.version = 0;
    top.delegations.emplace();
    for (const QString& channel : options.channels) {
        auto key = keys.create(channel);
        if (!key)
            return failed(key.error());
        DelegatedRole role;
        role.name = channel;
        role.keys.keyIds = QStringList{key->publicKey().keyId()};
        role.paths = QStringList{QString::fromLatin1(kChannelPathPattern)};
        top.delegations->keys.emplace(key->publicKey().keyId(), key->publicKey());
        top.delegations->roles.push_back(role);
        TargetsMetadata channelRole;
        channelRole.header.version = 0;
        writer.m_roles.emplace(channel, channelRole);
        writer.m_changedRoles.insert(channel);
    }
    writer.m_roles.emplace(kTargets, top);
    writer.m_changedRoles.insert(kTargets);
    writer.m_rootChanged = true;
    writer.m_snapshot.header.version = 0;
    writer.m_timestamp.header.version = 0;
    return writer;
}

std::expected<RepositoryWriter, Error> RepositoryWriter::open(const QString& directory, KeyRing& keys)
{
    const QString metadata = directory + u"/metadata/"_s;
    if (!QFileInfo::exists(metadata + u"root.json"_s)) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("%1 is not an Upkeep repository (no metadata/root.json); create one with "
               "\"upkeep-publish init\".")
                .arg(directory)});
    }
    RepositoryWriter writer(directory, keys);
    auto root = readRole<RootMetadata>(metadata + u"root.json"_s);
    if (!root)
        return std::unexpected(root.error());
    if (!root->consistentSnapshot) {
        return std::unexpected(
            Error{Error::Code::Unsupported, tr("upkeep-publish writes repositories with consistent snapshots only.")});
    }
    for (const auto& [role, roleKeys] : root->roles) {
        for (const QString& keyId : roleKeys.keyIds) {
            if (!KeyStore::isKeyId(keyId))
                return std::unexpected(notKeyId(u"root.json"_s, role, keyId));
        }
    }
    writer.m_root = *root;
    writer.m_signedRoot = *root;
    auto timestamp = readRole<TimestampMetadata>(metadata + u"timestamp.json"_s);
    if (!timestamp)
        return std::unexpected(timestamp.error());
    writer.m_timestamp = *timestamp;
    auto snapshot = readRole<SnapshotMetadata>(metadata + u"%1.snapshot.json"_s.arg(timestamp->snapshot.version));
    if (!snapshot)
        return std::unexpected(snapshot.error());
    writer.m_snapshot = *snapshot;
    QString targetsFile;
    for (const auto& [file, info] : snapshot->meta) {
        const QString name = file.endsWith(u".json"_s) ? file.chopped(5) : QString();
        if (name != kTargets && !isChannelName(name)) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("%1 lists \"%2\", which is not the metadata of targets or of a channel; the metadata is damaged "
                   "or was tampered with.")
                    .arg(u"%1.snapshot.json"_s.arg(timestamp->snapshot.version), file)});
        }
        const QString roleFile = u"%1.%2"_s.arg(info.version).arg(file);
        if (name == kTargets)
            targetsFile = roleFile;
        auto role = readRole<TargetsMetadata>(metadata + roleFile);
        if (!role)
            return std::unexpected(role.error());
        writer.m_roles.emplace(name, std::move(*role));
    }
    if (!writer.m_roles.contains(kTargets))
        return std::unexpected(Error{Error::Code::InvalidInput, tr("The snapshot does not list targets.json.")});
    if (auto named = writer.checkNames(targetsFile); !named)
        return std::unexpected(named.error());
    return writer;
}

std::expected<void, Error> RepositoryWriter::checkNames(const QString& targetsFile) const
{
    const TargetsMetadata& top = m_roles.at(kTargets);
    if (!top.delegations)
        return {};
    for (const DelegatedRole& role : top.delegations->roles) {
        if (!isChannelName(role.name)) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("%1 delegates to \"%2\", which cannot name a channel; the metadata is "
                   "damaged or was tampered with.")
                    .arg(targetsFile, role.name)});
        }
        for (const QString& keyId : role.keys.keyIds) {
            if (!KeyStore::isKeyId(keyId))
                return std::unexpected(notKeyId(targetsFile, role.name, keyId));
        }
        if (!m_roles.contains(role.name)) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("%1 delegates to %2, which the snapshot does not list; the metadata "
                   "is damaged or was tampered with.")
                    .arg(targetsFile, role.name)});
        }
    }
    return {};
}

QStringList RepositoryWriter::channels() const
{
    QStringList names;
    const TargetsMetadata& top = m_roles.at(kTargets);
    if (top.delegations) {
        for (const DelegatedRole& role : top.delegations->roles)
            names.append(role.name);
    }
    return names;
}

const TargetsMetadata* RepositoryWriter::role(const QString& name) const
{
    const auto it = m_roles.find(name);
    return it == m_roles.end() ? nullptr : &it->second;
}

std::vector<RepositoryWriter::Target> RepositoryWriter::targets() const
{
    std::vector<Target> all;
    for (const QString& name : QStringList{kTargets} + channels()) {
        for (const auto& [path, info] : m_roles.at(name).targets)
            all.push_back(Target{name, path, info});
    }
    return all;
}

std::expected<void, Error> RepositoryWriter::addTarget(
    const QString& role, const QString& path, const QByteArray& content, const JsonValue& custom)
{
    if (role != kTargets && !channels().contains(role)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("There is no channel \"%1\"; the channels are: %2.").arg(role, channels().join(u", "_s))});
    }
    if (!RepositorySource::isSafePath(path)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The target path \"%1\" must be relative, without empty, \".\" or \"..\" parts or backslashes.")
                .arg(path)});
    }
    const TargetsMetadata& top = m_roles.at(kTargets);
    if (role == kTargets) {
        // A release's file listed by the top-level role would be found before the channels' and
        // stand in for theirs.
        for (const QString& channel : channels()) {
            if (top.delegatedRole(channel)->matches(path)) {
                return std::unexpected(Error{Error::Code::Usage,
                    tr("The target path \"%1\" belongs to the channels (%2); the top-level targets role lists "
                       "only files outside releases.")
                        .arg(path, channel)});
            }
        }
    } else if (!top.delegatedRole(role)->matches(path)) {
        return std::unexpected(
            Error{Error::Code::Usage, tr("The target path \"%1\" is not of the form APP/VERSION/FILE.").arg(path)});
    }
    const TargetFileInfo info = TargetFileInfo::describe(content, custom);
    for (const auto& [name, existingRole] : m_roles) {
        const auto existing = existingRole.targets.find(path);
        if (existing != existingRole.targets.end() && !(existing->second.hashes == info.hashes)) {
            return std::unexpected(Error{Error::Code::Usage,
                tr("%1 is already published (on %2) with other content; a published file "
                   "is never replaced. Publish a new version instead.")
                    .arg(path, name)});
        }
    }
    putTarget(role, path, info, content);
    return {};
}

std::expected<int, Error> RepositoryWriter::replaceTarget(const QString& path, const QByteArray& content)
{
    int replaced = 0;
    for (auto& [name, role] : m_roles) {
        const auto existing = role.targets.find(path);
        if (existing == role.targets.end())
            continue;
        putTarget(name, path, TargetFileInfo::describe(content, existing->second.custom), content);
        ++replaced;
    }
    if (replaced == 0)
        return std::unexpected(
            Error{Error::Code::NotFound, tr("No role lists %1; there is nothing to replace.").arg(path)});
    return replaced;
}

void RepositoryWriter::putTarget(
    const QString& role, const QString& path, const TargetFileInfo& info, const QByteArray& content)
{
    m_roles.at(role).targets.insert_or_assign(path, info);
    m_changedRoles.insert(role);
    const QString file = RepositoryClient::targetFileName(path, info, true);
    const bool queued = std::any_of(
        m_newTargetFiles.begin(), m_newTargetFiles.end(), [&](const auto& entry) { return entry.first == file; });
    if (!queued)
        m_newTargetFiles.emplace_back(file, content);
}

void RepositoryWriter::setPublisher(const std::optional<PublisherAnchor>& publisher)
{
    if (m_root.publisher == publisher)
        return;
    m_root.publisher = publisher;
    m_rootChanged = true;
}

std::expected<int, Error> RepositoryWriter::promote(const QString& app, const QString& version, const QString& channel)
{
    if (!channels().contains(channel))
        return std::unexpected(Error{Error::Code::Usage, tr("There is no channel \"%1\".").arg(channel)});
    const QString prefix = RepositoryPaths::releaseFolder(app, version);
    std::map<QString, TargetFileInfo> files;
    for (const QString& source : channels()) {
        for (const auto& [path, info] : m_roles.at(source).targets) {
            if (path.startsWith(prefix))
                files.insert_or_assign(path, info);
        }
    }
    if (files.empty())
        return std::unexpected(Error{Error::Code::NotFound, tr("No channel has %1 %2.").arg(app, version)});
    TargetsMetadata& target = m_roles.at(channel);
    int added = 0;
    for (auto& [path, info] : files) {
        // A staged rollout belongs to the channel it runs on: halted on beta is no verdict for
        // stable. On the new channel the release is offered to all until told otherwise.
        if (info.custom.isObject()) {
            JsonObject custom = info.custom.toObject();
            custom.erase("rollout");
            custom.erase("rollout_plan");
            info.custom = JsonValue(std::move(custom));
        }
        if (target.targets.insert_or_assign(path, info).second)
            ++added;
    }
    if (added == 0)
        return std::unexpected(Error{Error::Code::Usage, tr("%1 %2 is already on %3.").arg(app, version, channel)});
    m_changedRoles.insert(channel);
    return added;
}

std::expected<TargetFileInfo*, Error> RepositoryWriter::manifestEntry(
    const QString& app, const QString& version, const QString& channel)
{
    if (!channels().contains(channel))
        return std::unexpected(Error{Error::Code::Usage, tr("There is no channel \"%1\".").arg(channel)});
    auto parsed = Version::parse(version);
    if (!parsed)
        return std::unexpected(parsed.error());
    auto& targets = m_roles.at(channel).targets;
    const auto manifest = targets.find(RepositoryPaths::manifest(app, *parsed));
    if (manifest == targets.end())
        return std::unexpected(Error{Error::Code::NotFound, tr("%1 has no %2 %3.").arg(channel, app, version)});
    return &manifest->second;
}

std::expected<int, Error> RepositoryWriter::setRollout(
    const QString& app, const QString& version, const QString& channel, int percent)
{
    if (percent < 0 || percent > 100)
        return std::unexpected(Error{Error::Code::Usage, tr("The rollout is a percentage from 0 to 100.")});
    auto info = manifestEntry(app, version, channel);
    if (!info)
        return std::unexpected(info.error());
    int previous = 100;
    if (const JsonValue* rollout = (*info)->custom.find("rollout"); rollout && rollout->isInteger())
        previous = int(std::clamp<qint64>(rollout->toInteger(), 0, 100));
    if (auto set = setReleaseFact(app, version, channel, "rollout", JsonValue(percent)); !set)
        return std::unexpected(set.error());
    return previous;
}

std::expected<void, Error> RepositoryWriter::setReleaseFact(
    const QString& app, const QString& version, const QString& channel, std::string_view key, const JsonValue& value)
{
    auto info = manifestEntry(app, version, channel);
    if (!info)
        return std::unexpected(info.error());
    JsonObject custom = (*info)->custom.isObject() ? (*info)->custom.toObject() : JsonObject{};
    if (value.isNull())
        custom.erase(std::string(key));
    else
        custom.insert_or_assign(std::string(key), value);
    (*info)->custom = JsonValue(std::move(custom));
    m_changedRoles.insert(channel);
    return {};
}

std::expected<int, Error> RepositoryWriter::yank(const QString& app, const QString& version, const QString& channel)
{
    if (!channel.isEmpty() && !channels().contains(channel))
        return std::unexpected(Error{Error::Code::Usage, tr("There is no channel \"%1\".").arg(channel)});
    const QString prefix = RepositoryPaths::releaseFolder(app, version);
    int removed = 0;
    for (const QString& name : channels()) {
        if (!channel.isEmpty() && name != channel)
            continue;
        const auto count = std::erase_if(
            m_roles.at(name).targets, [&](const auto& entry) { return entry.first.startsWith(prefix); });
        if (count > 0) {
            removed += int(count);
            m_changedRoles.insert(name);
        }
    }
    if (removed == 0) {
        return std::unexpected(Error{Error::Code::NotFound,
            channel.isEmpty() ? tr("No channel has %1 %2.").arg(app, version)
                              : tr("%1 has no %2 %3.").arg(channel, app, version)});
    }
    return removed;
}

std::pair<RoleKeys*, std::map<QString, PublicKey>*> RepositoryWriter::keysOf(const QString& role)
{
    if (kTopLevelRoles.contains(role))
        return {&m_root.roles.at(role), &m_root.keys};
    TargetsMetadata& top = m_roles.at(kTargets);
    if (top.delegations) {
        for (DelegatedRole& delegation : top.delegations->roles) {
            if (delegation.name == role)
                return {&delegation.keys, &top.delegations->keys};
        }
    }
    return {nullptr, nullptr};
}

std::expected<RepositoryWriter::KeyChange, Error> RepositoryWriter::replaceKey(
    const QString& role, const QString& keyId, bool always)
{
    auto [roleKeys, keys] = keysOf(role);
    if (!roleKeys) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("There is no role \"%1\"; roles are %2 and the channels %3.")
                .arg(role, kTopLevelRoles.join(u", "_s), channels().join(u", "_s))});
    }
    QString old = keyId;
    if (old.isEmpty()) {
        if (roleKeys->keyIds.size() != 1) {
            return std::unexpected(Error{Error::Code::Usage,
                tr("The %1 role has %2 keys; name the one to replace with "
                   "--keyid (one of %3).")
                    .arg(role)
                    .arg(roleKeys->keyIds.size())
                    .arg(roleKeys->keyIds.join(u", "_s))});
        }
        old = roleKeys->keyIds.first();
    }
    if (!roleKeys->keyIds.contains(old)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The %1 role has no key %2; its keys are %3.").arg(role, old, roleKeys->keyIds.join(u", "_s))});
    }
    KeyChange change{role, old, {}};
    roleKeys->keyIds.removeAll(old);
    if (always || roleKeys->keyIds.size() < roleKeys->threshold) {
        auto key = m_keys->create(role);
        if (!key)
            return std::unexpected(key.error());
        change.added = key->publicKey().keyId();
        roleKeys->keyIds.append(change.added);
        keys->emplace(change.added, key->publicKey());
    }
    const bool stillUsed = kTopLevelRoles.contains(role) ? anyRoleUses(m_root, old) : false;
    if (!stillUsed)
        keys->erase(old);
    m_keysToRetire.emplace_back(role, old);
    if (kTopLevelRoles.contains(role)) {
        m_rootChanged = true;
        if (role == kTargets)
            m_changedRoles.insert(kTargets);
    } else {
        m_changedRoles.insert(kTargets); // the delegation changed
        m_changedRoles.insert(role);     // and the channel is signed by its new key
    }
    return change;
}

std::expected<QString, Error> RepositoryWriter::rotateKey(const QString& role, const QString& keyId)
{
    auto change = replaceKey(role, keyId, true);
    if (!change)
        return std::unexpected(change.error());
    return change->added;
}

std::expected<QString, Error> RepositoryWriter::revokeKey(const QString& role, const QString& keyId)
{
    if (keyId.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("Name the key to revoke with --keyid.")});
    auto change = replaceKey(role, keyId, false);
    if (!change)
        return std::unexpected(change.error());
    return change->added;
}

std::expected<std::vector<RepositoryWriter::DueRole>, Error> RepositoryWriter::renewExpiring(
    const QDateTime& now, int days)
{
    std::vector<DueRole> due;
    const auto check = [&](const QString& name, const QDateTime& expires) -> std::expected<void, Error> {
        if (expires > now.addDays(days))
            return {};
        const RoleKeys& roleKeys = *keysOf(name).first;
        auto held = m_keys->count(name, roleKeys.keyIds);
        if (!held)
            return std::unexpected(held.error());
        due.push_back(DueRole{name, expires, roleKeys.threshold, *held});
        if (due.back().renewed()) {
            if (name == kRoot)
                m_rootChanged = true;
            else
                m_changedRoles.insert(name);
        }
        return {};
    };
    if (auto checked = check(kRoot, m_root.header.expires); !checked)
        return std::unexpected(checked.error());
    for (const QString& name : QStringList{kTargets} + channels()) {
        if (auto checked = check(name, m_roles.at(name).header.expires); !checked)
            return std::unexpected(checked.error());
    }
    return due;
}

std::expected<void, Error> RepositoryWriter::sign(
    SignedMetadata& metadata, const QString& role, const RoleKeys& roleKeys, const std::map<QString, PublicKey>& keys)
{
    auto signingKeys = m_keys->keys(role, roleKeys.keyIds);
    if (!signingKeys)
        return std::unexpected(signingKeys.error());
    if (qint64(signingKeys->size()) < roleKeys.threshold) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("Signing %1 needs %2 of its keys, and the key folders given (%3) hold %4.")
                .arg(role)
                .arg(roleKeys.threshold)
                .arg(m_keys->directories().join(u", "_s))
                .arg(signingKeys->size())});
    }
    for (const SigningKey& key : *signingKeys) {
        if (!keys.contains(key.publicKey().keyId()))
            continue;
        if (auto done = key.sign(metadata); !done)
            return done;
    }
    return metadata.verify(keys, roleKeys, role);
}

std::expected<void, Error> RepositoryWriter::write(const QString& relativePath, const QByteArray& bytes)
{
    const QString path = m_directory + u'/' + relativePath;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create the folder for %1.").arg(path)});
    if (relativePath == u"metadata/timestamp.json"_s)
        return writeTimestampFile(path, bytes);
    return writeFileAtomically(path, bytes);
}

std::expected<std::vector<std::pair<QString, QByteArray>>, Error> RepositoryWriter::signChanges(const QDateTime& now)
{
    std::vector<std::pair<QString, QByteArray>> files;

    // Targets roles (channels before the top-level role, which names their keys).
    std::vector<QString> order(m_changedRoles.begin(), m_changedRoles.end());
    std::stable_partition(order.begin(), order.end(), [](const QString& role) { return role != kTargets; });
    for (const QString& name : order) {
        TargetsMetadata& role = m_roles.at(name);
        role.header.version += 1;
        role.header.expires = now.addDays(m_expiry.targets);
        SignedMetadata metadata = SignedMetadata::wrap(role.toSigned());
        const auto [roleKeys, keys] = keysOf(name);
        if (auto signedOk = sign(metadata, name, *roleKeys, *keys); !signedOk)
            return std::unexpected(signedOk.error());
        const QByteArray bytes = metadata.toBytes();
        files.emplace_back(u"metadata/%1.%2.json"_s.arg(role.header.version).arg(name), bytes);
        m_snapshot.meta.insert_or_assign(name + u".json"_s, describe(role.header.version, bytes));
    }

    // A new root is signed by the keys clients trust now and by its own.
    if (m_rootChanged) {
        m_root.header.version += 1;
        m_root.header.expires = now.addDays(m_expiry.root);
        SignedMetadata metadata = SignedMetadata::wrap(m_root.toSigned());
        if (m_signedRoot) {
            if (auto byOld = sign(metadata, kRoot, m_signedRoot->role(kRoot), m_signedRoot->keys); !byOld)
                return std::unexpected(byOld.error());
        }
        if (auto byNew = sign(metadata, kRoot, m_root.role(kRoot), m_root.keys); !byNew)
            return std::unexpected(byNew.error());
        const QByteArray bytes = metadata.toBytes();
        files.emplace_back(u"metadata/%1.root.json"_s.arg(m_root.header.version), bytes);
        files.emplace_back(u"metadata/root.json"_s, bytes);
    }

    m_snapshot.header.version += 1;
    m_snapshot.header.expires = now.addDays(m_expiry.snapshot);
    SignedMetadata snapshot = SignedMetadata::wrap(m_snapshot.toSigned());
    if (auto signedOk = sign(snapshot, u"snapshot"_s, m_root.role(u"snapshot"_s), m_root.keys); !signedOk)
        return std::unexpected(signedOk.error());
    const QByteArray snapshotBytes = snapshot.toBytes();
    files.emplace_back(u"metadata/%1.snapshot.json"_s.arg(m_snapshot.header.version), snapshotBytes);

    m_timestamp.header.version += 1;
    m_timestamp.header.expires = now.addDays(m_expiry.timestamp);
    m_timestamp.snapshot = describe(m_snapshot.header.version, snapshotBytes);
    SignedMetadata timestamp = SignedMetadata::wrap(m_timestamp.toSigned());
    if (auto signedOk = sign(timestamp, u"timestamp"_s, m_root.role(u"timestamp"_s), m_root.keys); !signedOk)
        return std::unexpected(signedOk.error());
    files.emplace_back(u"metadata/timestamp.json"_s, timestamp.toBytes());
    return files;
}

std::expected<void, Error> RepositoryWriter::commit(const QDateTime& now)
{
    // Everything is signed before anything is written: a key not at hand changes nothing.
    const auto roles = m_roles;
    const RootMetadata root = m_root;
    const SnapshotMetadata snapshot = m_snapshot;
    const TimestampMetadata timestamp = m_timestamp;
    auto files = signChanges(now);
    if (!files) {
        m_roles = roles;
        m_root = root;
        m_snapshot = snapshot;
        m_timestamp = timestamp;
        m_keys->discardCreated();
        return std::unexpected(files.error());
    }

    // Target files first: nothing signed may name a file that is not there yet. Then the metadata,
    // the timestamp last.
    for (const auto& [file, content] : m_newTargetFiles) {
        if (auto written = write(u"targets/"_s + file, content); !written)
            return written;
    }
    for (const auto& [file, bytes] : *files) {
        if (auto written = write(file, bytes); !written)
            return written;
    }

    for (const auto& [role, keyId] : m_keysToRetire) {
        if (auto retired = m_keys->retire(role, keyId); !retired)
            return retired;
    }
    m_signedRoot = m_root;
    m_changedRoles.clear();
    m_newTargetFiles.clear();
    m_keysToRetire.clear();
    m_rootChanged = false;
    return {};
}
