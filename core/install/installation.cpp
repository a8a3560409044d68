#include "installation.h"

#include "atomicfile.h"
#include "install/installlock.h"
#include "net/sourcefactory.h"
#include "release/releasepublisher.h"
#include "release/releasetree.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QUuid>

#include <set>

using namespace Qt::StringLiterals;

Installation::Installation(InstallLayout layout, InstallationConfig config)
    : m_layout(std::move(layout))
    , m_config(std::move(config))
{ }

std::expected<Installation, Error> Installation::create(const QString& folder, const QStringList& mirrors,
    QByteArrayView rootBytes, const QString& app, const QString& channel, const QString& caFile)
{
    InstallLayout layout(folder);
    if (QFileInfo::exists(InstallationConfig::path(layout)))
        return std::unexpected(Error{Error::Code::Usage, tr("%1 is already managed by Upkeep.").arg(layout.root())});
    if (QDir(layout.root()).exists() && !QDir(layout.root()).isEmpty())
        return std::unexpected(
            Error{Error::Code::Usage, tr("%1 is not empty; choose an empty or new folder.").arg(layout.root())});
    if (!Manifest::isValidAppName(app))
        return std::unexpected(Error{Error::Code::Usage, tr("\"%1\" is not an application name.").arg(app)});
    if (mirrors.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("A repository address is needed.")});
    if (!caFile.isEmpty() && !QFileInfo(caFile).isFile())
        return std::unexpected(Error{Error::Code::Usage, tr("The CA file %1 does not exist.").arg(caFile)});
    for (const QString& mirror : mirrors) {
        if (auto source = makeRepositorySource(mirror, caFile); !source)
            return std::unexpected(source.error());
    }
    if (auto created = layout.create(); !created)
        return std::unexpected(created.error());
    if (auto trusted = RepositoryClient::trustRoot(layout.trustedMetadata(), rootBytes); !trusted) {
        QDir(layout.root()).removeRecursively();
        return std::unexpected(trusted.error());
    }
    InstallationConfig config;
    config.app = app;
    config.channel = channel;
    config.mirrors = mirrors;
    config.installId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!caFile.isEmpty()) {
        // A copy, so that the installation does not depend on where the file was.
        config.caFile = layout.stateFolder() + u"/ca.pem"_s;
        QFile::remove(config.caFile);
        if (!QFile::copy(caFile, config.caFile))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot copy the CA file %1.").arg(caFile)});
    }
    if (auto saved = config.save(layout); !saved)
        return std::unexpected(saved.error());
    return Installation(layout, config);
}

std::expected<Installation, Error> Installation::open(const QString& folder)
{
    InstallLayout layout(folder);
    auto config = InstallationConfig::load(layout);
    if (!config)
        return std::unexpected(config.error());
    return Installation(layout, *config);
}

std::optional<Version> Installation::running() const
{
    auto version = m_layout.currentVersion();
    return version ? std::optional<Version>(*version) : std::nullopt;
}

std::expected<std::optional<History::Record>, Error> Installation::recover()
{
    if (Journal(m_layout.journal()).pending().value_or(std::vector<Journal::Entry>{}).empty())
        return std::optional<History::Record>();
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::optional<History::Record>(); // the holder is the one at work
    return UpdateTransaction(m_layout, {}).recover(m_config.channel);
}

std::expected<void, Error> Installation::makeClient()
{
    if (m_client)
        return {};
    std::vector<std::shared_ptr<RepositorySource>> sources;
    for (const QString& mirror : m_config.mirrors) {
        auto source = makeRepositorySource(mirror, m_config.caFile);
        if (!source)
            return std::unexpected(source.error());
        sources.push_back(*source);
    }
    m_client = std::make_shared<RepositoryClient>(sources, m_layout.trustedMetadata());
    return {};
}

std::expected<void, Error> Installation::refresh(const QDateTime& now)
{
    if (auto client = makeClient(); !client)
        return client;
    return m_client->refresh(now);
}

std::expected<std::vector<ReleaseSelector::Release>, Error> Installation::releases()
{
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    auto trusted = m_client->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    return ReleaseSelector::releases(**trusted, m_config.channel, m_config.app);
}

std::expected<std::optional<ReleaseSelector::Release>, Error> Installation::offer()
{
    auto all = releases();
    if (!all)
        return std::unexpected(all.error());
    return ReleaseSelector::choose(*all, running(), m_config.installId, m_config.app, m_config.skipped);
}

std::expected<Manifest, Error> Installation::manifest(const ReleaseSelector::Release& release)
{
    if (const auto cached = m_manifests.find(release.manifestPath); cached != m_manifests.end())
        return cached->second; // check and then install fetch it once
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    auto bytes = m_client->fetchTarget(release.manifestPath);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto manifest = Manifest::parse(*bytes);
    if (!manifest)
        return manifest;
    if (manifest->app != m_config.app || manifest->version != release.version) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The signed manifest %1 describes %2 %3, not %4 %5.")
                .arg(release.manifestPath, manifest->app, manifest->version.toString(), m_config.app,
                    release.version.toString())});
    }
    m_manifests.emplace(release.manifestPath, *manifest);
    return manifest;
}

qint64 Installation::downloadSize(const Manifest& target) const
{
    if (!running() && target.bundle)
        return target.bundle->size; // a fresh install takes the bundle
    std::set<QString> atHand;
    if (const auto version = running()) {
        if (auto installed = UpdateTransaction(m_layout, {}).installedManifest(*version)) {
            for (const auto& entry : installed->entries)
                atHand.insert(entry.sha256);
        }
    }
    qint64 bytes = 0;
    for (const auto& [sha, object] : target.objects) {
        if (!atHand.contains(sha) && !QFileInfo::exists(m_layout.cacheFolder() + u'/' + sha + u".zst"_s))
            bytes += object.size;
    }
    return bytes;
}

std::expected<QString, Error> Installation::object(const QString& sha256, const Manifest::Object& object)
{
    const QString path = m_layout.cacheFolder() + u'/' + sha256 + u".zst"_s;
    QFile cached(path);
    if (cached.open(QIODevice::ReadOnly) && cached.size() == object.size) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&cached);
        if (QString::fromLatin1(hash.result().toHex()) == object.sha256)
            return path;
    }
    cached.close();
    auto bytes = m_client->fetchVerified(u"objects/"_s + sha256 + u".zst"_s, object.size, object.sha256);
    if (!bytes)
        return std::unexpected(bytes.error());
    m_downloaded += bytes->size();
    report(Progress::Phase::Download);
    if (auto written = writeFileAtomically(path, *bytes); !written)
        return std::unexpected(written.error());
    return path;
}

std::expected<void, Error> Installation::unpackBundle(const Manifest& target, const QString& folder)
{
    const QString path = ReleasePublisher::bundlePath(target.app, target.version);
    auto bytes = m_client->fetchVerified(path, target.bundle->size, target.bundle->sha256);
    if (!bytes)
        return std::unexpected(bytes.error());
    m_downloaded += bytes->size();
    report(Progress::Phase::Download);
    const QString archive = m_layout.cacheFolder() + u"/bundle.tar.zst"_s;
    if (auto written = writeFileAtomically(archive, *bytes); !written)
        return written;
    QDir(folder).removeRecursively();
    QDir().mkpath(folder);
    auto unpacked = ReleaseTree::unpack(archive, folder);
    QFile::remove(archive);
    if (!unpacked)
        return std::unexpected(unpacked.error().prefixed(path));
    return {};
}

std::expected<History::Record, Error> Installation::install(const ReleaseSelector::Release& release)
{
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::unexpected(lock.error());
    // Another process may have updated between our check and taking the lock.
    if (const auto current = running(); current && !(release.version > *current)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 %2 is already installed (another Upkeep process got there first).")
                .arg(m_config.app, current->toString())});
    }
    auto target = manifest(release);
    if (!target)
        return std::unexpected(target.error());
    m_downloaded = 0;
    m_toDownload = downloadSize(*target);
    UpdateTransaction transaction(
        m_layout, [this](const QString& sha, const Manifest::Object& info) { return object(sha, info); });
    // A fresh install takes the bundle: one download instead of one per file.
    const QString unpacked = m_layout.cacheFolder() + u"/bundle-"_s + target->version.toString();
    if (!running() && target->bundle) {
        auto folder = unpackBundle(*target, unpacked);
        if (!folder)
            return std::unexpected(folder.error());
        transaction.setContentFolder(unpacked);
    }
    auto record = transaction.install(*target, m_config.channel, [this] { return m_downloaded; });
    // The cache served its purpose once the version is staged (or refused).
    QDir(unpacked).removeRecursively();
    if (record) {
        for (const QString& name : QDir(m_layout.cacheFolder()).entryList(QDir::Files))
            QFile::remove(m_layout.cacheFolder() + u'/' + name);
    }
    return record;
}

void Installation::report(Progress::Phase phase)
{
    if (!m_progress)
        return;
    Progress progress;
    progress.phase = phase;
    progress.total = std::max(m_toDownload, m_downloaded);
    progress.done = phase == Progress::Phase::Download ? m_downloaded : progress.total;
    m_progress(progress);
}

std::expected<QString, Error> Installation::changelog(const ReleaseSelector::Release& release)
{
    if (release.changelogPath.isEmpty())
        return QString();
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    auto bytes = m_client->fetchTarget(release.changelogPath);
    if (!bytes)
        return std::unexpected(bytes.error());
    return QString::fromUtf8(*bytes);
}

std::expected<void, Error> Installation::setSkipped(const Version& version, bool skipped)
{
    const QString name = version.toString();
    m_config.skipped.removeAll(name);
    if (skipped)
        m_config.skipped.append(name);
    return m_config.save(m_layout);
}

std::expected<History::Record, Error> Installation::rollback(const std::optional<Version>& version)
{
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::unexpected(lock.error());
    std::optional<Version> target = version;
    const auto current = running();
    if (!target) {
        // The newest kept version older than the running one.
        for (const Version& kept : m_layout.keptVersions()) {
            if (current && kept < *current)
                target = kept;
        }
        if (!target)
            return std::unexpected(Error{Error::Code::NotFound, tr("No older version is kept to roll back to.")});
    }
    return UpdateTransaction(m_layout, {}).rollback(*target, m_config.channel);
}

std::expected<QStringList, Error> Installation::channels()
{
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    auto trusted = m_client->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    return Channels(**trusted).names();
}

std::expected<void, Error> Installation::setChannel(const QString& channel)
{
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::unexpected(lock.error());
    if (auto client = makeClient(); !client)
        return client;
    auto trusted = m_client->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    const QStringList names = Channels(**trusted).names();
    if (!names.contains(channel)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The repository has no channel \"%1\"; it has %2.").arg(channel, names.join(u", "_s))});
    }
    m_config.channel = channel;
    return m_config.save(m_layout);
}

std::expected<QStringList, Error> Installation::verify() const
{
    const auto version = running();
    if (!version)
        return std::unexpected(
            Error{Error::Code::NotFound, tr("Nothing is installed in %1 yet.").arg(m_layout.root())});
    auto manifest = UpdateTransaction(m_layout, {}).installedManifest(*version);
    if (!manifest)
        return std::unexpected(manifest.error());
    QStringList damaged;
    const QString folder = m_layout.versionFolder(*version);
    for (const auto& entry : manifest->entries) {
        const QString path = folder + u'/' + entry.path;
        const QFileInfo info(path);
        bool ok = false;
        switch (entry.type) {
        case Manifest::Entry::Type::Directory: ok = info.isDir() && !info.isSymLink(); break;
        case Manifest::Entry::Type::Symlink: ok = info.isSymLink(); break;
        case Manifest::Entry::Type::File: {
            QFile file(path);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            ok = !info.isSymLink() && file.open(QIODevice::ReadOnly) && hash.addData(&file)
                && QString::fromLatin1(hash.result().toHex()) == entry.sha256;
            break;
        }
        }
        if (!ok)
            damaged.append(entry.path);
    }
    return damaged;
}

std::expected<std::vector<History::Record>, Error> Installation::history() const
{
    return History(m_layout.history()).records();
}
