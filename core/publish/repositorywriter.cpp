#include "repositorywriter.h"

#include "atomicfile.h"
#include "net/repositorysource.h"
#include "publish/timestampfile.h"
#include "release/manifest.h"
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

// The snapshot names delegated roles by version alone (TUF lets it): each is signed by its own
// keys and the version binds it, and a snapshot listing a hundred applications' roles stays small.
MetaFileInfo describeVersion(qint64 version)
{
    MetaFileInfo info;
    info.version = version;
    return info;
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
        const TargetsMetadata& channel = m_roles.at(role.name);
        if (!channel.delegations)
            continue;
        for (const DelegatedRole& app : channel.delegations->roles) {
            if (!isChannelName(app.name) || top.delegatedRole(app.name) || !m_roles.contains(app.name)) {
                return std::unexpected(Error{Error::Code::InvalidInput,
                    tr("The channel %1 delegates to \"%2\", which cannot name an application's role or which "
                       "the snapshot does not list; the metadata is damaged or was tampered with.")
                        .arg(role.name, app.name)});
            }
            for (const QString& keyId : app.keys.keyIds) {
                if (!KeyStore::isKeyId(keyId))
                    return std::unexpected(notKeyId(role.name, app.name, keyId));
            }
        }
    }
    return {};
}

QString RepositoryWriter::appRoleName(const QString& channel, const QString& app)
{
    return channel + u'.' + app;
}

QString RepositoryWriter::appPathPattern(const QString& app)
{
    return app + u"/*/*"_s;
}

QStringList RepositoryWriter::appRoles(const QString& channel) const
{
    QStringList names;
    const auto it = m_roles.find(channel);
    if (it == m_roles.end() || !it->second.delegations || !channels().contains(channel))
        return names;
    for (const DelegatedRole& role : it->second.delegations->roles)
        names.append(role.name);
    return names;
}

QString RepositoryWriter::channelOf(const QString& role) const
{
    for (const QString& channel : channels()) {
        if (appRoles(channel).contains(role))
            return channel;
    }
    return {};
}

std::map<QString, TargetFileInfo> RepositoryWriter::channelTargets(const QString& channel) const
{
    const auto it = m_roles.find(channel);
    if (it == m_roles.end())
        return {};
    // As a client searches: the channel's own entries first, then each delegation's within its paths.
    std::map<QString, TargetFileInfo> all = it->second.targets;
    if (channel == kTargets || !it->second.delegations)
        return all;
    for (const DelegatedRole& delegation : it->second.delegations->roles) {
        for (const auto& [path, info] : m_roles.at(delegation.name).targets) {
            if (delegation.matches(path))
                all.try_emplace(path, info);
        }
    }
    return all;
}

QString RepositoryWriter::holderOf(const QString& channel, const QString& path) const
{
    if (m_roles.at(channel).targets.contains(path))
        return channel;
    for (const QString& app : appRoles(channel)) {
        if (m_roles.at(app).targets.contains(path))
            return app;
    }
    return {};
}

std::expected<QString, Error> RepositoryWriter::appRole(const QString& channel, const QString& app)
{
    TargetsMetadata& parent = m_roles.at(channel);
    const QString pattern = appPathPattern(app);
    if (parent.delegations) {
        for (const DelegatedRole& role : parent.delegations->roles) {
            if (role.paths && role.paths->contains(pattern))
                return role.name;
        }
    }
    const QString name = appRoleName(channel, app);
    if (m_roles.contains(name) || !isChannelName(name) || !Manifest::isValidAppName(app)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The role \"%1\" for %2 on %3 cannot be made: the name is taken or cannot be a file name.")
                .arg(name, app, channel)});
    }
    const auto [channelKeys, keys] = keysOf(channel);
    DelegatedRole delegation;
    delegation.name = name;
    delegation.keys = *channelKeys; // the channel's own key signs it until it is given one of its own
    delegation.paths = QStringList{pattern};
    if (!parent.delegations)
        parent.delegations.emplace();
    for (const QString& keyId : channelKeys->keyIds) {
        if (const auto key = keys->find(keyId); key != keys->end())
            parent.delegations->keys.insert_or_assign(keyId, key->second);
    }
    parent.delegations->roles.push_back(delegation);
    TargetsMetadata role;
    role.header.version = 0;
    // A repository from before application roles: the application's releases move to its role.
    for (auto it = parent.targets.begin(); it != parent.targets.end();) {
        if (delegation.matches(it->first)) {
            role.targets.insert(*it);
            it = parent.targets.erase(it);
        } else {
            ++it;
        }
    }
    m_roles.emplace(name, std::move(role));
    m_changedRoles.insert(channel);
    m_changedRoles.insert(name);
    return name;
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
        for (const auto& [path, info] : channelTargets(name))
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
    QString holder = role;
    if (role != kTargets && Manifest::isValidAppName(path.section(u'/', 0, 0))) {
        auto app = appRole(role, path.section(u'/', 0, 0));
        if (!app)
            return std::unexpected(app.error());
        holder = *app;
    }
    const TargetFileInfo info = TargetFileInfo::describe(content, custom);
    for (const auto& [name, existingRole] : m_roles) {
        const auto existing = existingRole.targets.find(path);
        if (existing != existingRole.targets.end() && !(existing->second.hashes == info.hashes)) {
            return std::unexpected(Error{Error::Code::Usage,
                tr("%1 is already published (on %2) with other content; a published file "
                   "is never replaced. Publish a new version instead.")
                    .arg(path, channelOf(name).isEmpty() ? name : channelOf(name))});
        }
    }
    putTarget(holder, path, info, content);
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
        for (const auto& [path, info] : channelTargets(source)) {
            if (path.startsWith(prefix))
                files.insert_or_assign(path, info);
        }
    }
    if (files.empty())
        return std::unexpected(Error{Error::Code::NotFound, tr("No channel has %1 %2.").arg(app, version)});
    if (!holderOf(channel, files.begin()->first).isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("%1 %2 is already on %3.").arg(app, version, channel)});
    auto holder = appRole(channel, app);
    if (!holder)
        return std::unexpected(holder.error());
    TargetsMetadata& target = m_roles.at(*holder);
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
    m_changedRoles.insert(*holder);
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
    const QString path = RepositoryPaths::manifest(app, *parsed);
    const QString holder = holderOf(channel, path);
    if (holder.isEmpty())
        return std::unexpected(Error{Error::Code::NotFound, tr("%1 has no %2 %3.").arg(channel, app, version)});
    m_changedRoles.insert(holder);
    return &m_roles.at(holder).targets.at(path);
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
        for (const QString& role : QStringList{name} + appRoles(name)) {
            const auto count = std::erase_if(
                m_roles.at(role).targets, [&](const auto& entry) { return entry.first.startsWith(prefix); });
            if (count > 0) {
                removed += int(count);
                m_changedRoles.insert(role);
            }
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
    const QString channel = channelOf(role);
    TargetsMetadata& delegator = m_roles.at(channel.isEmpty() ? kTargets : channel);
    if (delegator.delegations) {
        for (DelegatedRole& delegation : delegator.delegations->roles) {
            if (delegation.name == role)
                return {&delegation.keys, &delegator.delegations->keys};
        }
    }
    return {nullptr, nullptr};
}

std::expected<qsizetype, Error> RepositoryWriter::heldKeys(const QString& role, const QStringList& keyIds) const
{
    auto held = m_keys->count(role, keyIds);
    const QString channel = channelOf(role);
    if (!held || channel.isEmpty())
        return held;
    auto shared = m_keys->count(channel, keyIds);
    if (!shared)
        return shared;
    return *held + *shared;
}

std::expected<QStringList, Error> RepositoryWriter::prune(const QString& app, const QString& channel, int keep)
{
    if (!channels().contains(channel))
        return std::unexpected(Error{Error::Code::Usage, tr("There is no channel \"%1\".").arg(channel)});
    if (keep < 1)
        return std::unexpected(Error{Error::Code::Usage, tr("At least the newest release must be kept.")});
    std::map<Version, std::optional<Version>, std::greater<>> releases; // newest first, with its min_from
    for (const auto& [path, info] : channelTargets(channel)) {
        const auto version = RepositoryPaths::manifestVersion(path, app);
        if (!version)
            continue;
        std::optional<Version> minimum;
        if (const JsonValue* from = info.custom.find("min_from"); from && from->isString()) {
            if (auto parsed = Version::parse(from->toString()))
                minimum = *parsed;
        }
        releases.emplace(*version, minimum);
    }
    std::set<Version> kept;
    std::vector<Version> toCheck;
    for (const auto& [version, minimum] : releases) {
        if (int(kept.size()) >= keep)
            break;
        kept.insert(version);
        toCheck.push_back(version);
    }
    while (!toCheck.empty()) {
        const Version version = toCheck.back();
        toCheck.pop_back();
        const std::optional<Version>& minimum = releases.at(version);
        if (!minimum)
            continue;
        // The oldest release at or above min_from: what an installation below it steps through.
        std::optional<Version> step;
        for (const auto& [candidate, unused] : releases) {
            if (candidate >= *minimum && candidate < version)
                step = candidate;
        }
        if (step && kept.insert(*step).second)
            toCheck.push_back(*step);
    }
    QStringList dropped;
    for (const auto& [version, minimum] : releases) {
        if (kept.contains(version))
            continue;
        for (const QString& role : QStringList{channel} + appRoles(channel)) {
            const auto count = std::erase_if(m_roles.at(role).targets, [&](const auto& entry) {
                const auto published = Version::parse(RepositoryPaths::releaseFolderOf(entry.first, app));
                return published && *published == version;
            });
            if (count > 0)
                m_changedRoles.insert(role);
        }
        dropped.append(version.toString());
    }
    return dropped;
}

std::expected<RepositoryWriter::KeyChange, Error> RepositoryWriter::replaceKey(
    const QString& role, const QString& keyId, bool always)
{
    // CHANNEL.APP for an application that has no role yet: made now, to be given its own key.
    for (const QString& channel : channels()) {
        const QString app = role.startsWith(channel + u'.') ? role.mid(channel.size() + 1) : QString();
        if (!app.isEmpty() && Manifest::isValidAppName(app) && !keysOf(role).first) {
            if (auto made = appRole(channel, app); !made)
                return std::unexpected(made.error());
        }
    }
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
    const QString parentChannel = channelOf(role);
    const bool channelKey = !parentChannel.isEmpty() && keysOf(parentChannel).first->keyIds.contains(old);
    if (!parentChannel.isEmpty()) {
        // An application role that used its channel's key now has one of its own: the channel's
        // key stays the channel's, and stays listed while other applications' roles use it.
        const auto& delegations = m_roles.at(parentChannel).delegations->roles;
        const bool stillUsed = std::any_of(delegations.begin(), delegations.end(),
            [&](const DelegatedRole& other) { return other.keys.keyIds.contains(old); });
        if (!stillUsed)
            keys->erase(old);
        if (!channelKey)
            m_keysToRetire.emplace_back(role, old);
        m_changedRoles.insert(parentChannel);
        m_changedRoles.insert(role);
        return change;
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
        // Its applications' roles that use the channel's key follow it to the new one.
        TargetsMetadata& channel = m_roles.at(role);
        if (channel.delegations) {
            for (DelegatedRole& app : channel.delegations->roles) {
                if (!app.keys.keyIds.removeAll(old))
                    continue;
                if (!change.added.isEmpty()) {
                    app.keys.keyIds.append(change.added);
                    channel.delegations->keys.insert_or_assign(change.added, keys->at(change.added));
                }
                m_changedRoles.insert(role);
                m_changedRoles.insert(app.name);
            }
            const bool usedBelow = std::any_of(channel.delegations->roles.begin(), channel.delegations->roles.end(),
                [&](const DelegatedRole& app) { return app.keys.keyIds.contains(old); });
            if (!usedBelow)
                channel.delegations->keys.erase(old);
        }
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
        auto held = heldKeys(name, roleKeys.keyIds);
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
        for (const QString& app : appRoles(name)) {
            if (auto checked = check(app, m_roles.at(app).header.expires); !checked)
                return std::unexpected(checked.error());
        }
    }
    return due;
}

std::expected<void, Error> RepositoryWriter::sign(
    SignedMetadata& metadata, const QString& role, const RoleKeys& roleKeys, const std::map<QString, PublicKey>& keys)
{
    auto signingKeys = m_keys->keys(role, roleKeys.keyIds);
    if (!signingKeys)
        return std::unexpected(signingKeys.error());
    // An application role signed by its channel's key finds it under the channel's name.
    if (const QString channel = channelOf(role);
        !channel.isEmpty() && qint64(signingKeys->size()) < roleKeys.threshold) {
        auto shared = m_keys->keys(channel, roleKeys.keyIds);
        if (!shared)
            return std::unexpected(shared.error());
        signingKeys->insert(signingKeys->end(), shared->begin(), shared->end());
    }
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

    // Targets roles: applications' roles, then the channels that name their keys, then the top-level role.
    std::vector<QString> order(m_changedRoles.begin(), m_changedRoles.end());
    std::stable_partition(order.begin(), order.end(), [](const QString& role) { return role != kTargets; });
    std::stable_partition(
        order.begin(), order.end(), [this](const QString& role) { return !channelOf(role).isEmpty(); });
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
        m_snapshot.meta.insert_or_assign(name + u".json"_s,
            name == kTargets ? describe(role.header.version, bytes) : describeVersion(role.header.version));
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
