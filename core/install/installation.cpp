#include "installation.h"

#include "atomicfile.h"
#include "install/checknote.h"
#include "install/downloadledger.h"
#include "install/installlock.h"
#include "install/phaseclock.h"
#include "install/stager.h"
#include "install/versioncheck.h"
#include "logging.h"
#include "net/httprequestpolicy.h"
#include "net/mirroraddress.h"
#include "net/sourcefactory.h"
#include "release/objectdecoder.h"
#include "release/packdecoder.h"
#include "release/patchdecoder.h"
#include "release/prefixframe.h"
#include "release/releasetree.h"
#include "release/repositorypaths.h"

#include "sha256.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSslCertificate>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// The bytes of a file that holds exactly one PEM certificate and nothing secret. Qt reads the
// certificate (its TLS backend); whether it is a CA the publisher's signers chain to is checked
// with each release.
std::expected<QByteArray, Error> readPinnedCa(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(Error{Error::Code::Usage,
            QCoreApplication::translate("Installation", "Cannot read the publisher CA file %1: %2.")
                .arg(path, file.errorString())});
    }
    const QByteArray pem = file.read(1024 * 1024);
    if (pem.contains("PRIVATE KEY")) {
        return std::unexpected(Error{Error::Code::Usage,
            QCoreApplication::translate("Installation",
                "The publisher CA file %1 holds a private key; pin only the CA's certificate, as "
                "\"upkeep-publish ca show\" prints it.")
                .arg(path)});
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    const qsizetype armours = pem.count("-----BEGIN CERTIFICATE-----");
    if (armours > 1 || certificates.size() > 1) {
        return std::unexpected(Error{Error::Code::Usage,
            QCoreApplication::translate(
                "Installation", "The publisher CA file %1 holds %2 certificates; pin exactly one, the publisher's CA.")
                .arg(path)
                .arg(std::max(armours, certificates.size()))});
    }
    if (certificates.size() != 1 || certificates.front().isNull() || armours != 1) {
        return std::unexpected(Error{Error::Code::Usage,
            QCoreApplication::translate("Installation",
                "The publisher CA file %1 is not a PEM certificate (-----BEGIN CERTIFICATE-----); pin the "
                "publisher's CA certificate, as \"upkeep-publish ca show\" prints it.")
                .arg(path)});
    }
    return pem;
}

} // namespace

Installation::Installation(InstallLayout layout, InstallationConfig config)
    : m_layout(std::move(layout))
    , m_config(std::move(config))
    , m_cache(m_layout.cacheFolder())
{ }

std::expected<Installation, Error> Installation::create(const QString& folder, const QStringList& mirrors,
    QByteArrayView rootBytes, const QString& app, const QString& channel, const QString& caFile,
    const QString& publisherCaFile, const HttpCredentials& access)
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
    QUrl origin;
    if (access.hasPassword() || access.hasClientCertificate() || !access.clientKey.isEmpty()) {
        for (const QString& mirror : mirrors) {
            if (auto address = MirrorAddress::parse(mirror); address && !address->isFolder()) {
                origin = HttpCredentials::originOf(address->server());
                break;
            }
        }
        if (origin.isEmpty()) {
            return std::unexpected(Error{Error::Code::Usage,
                tr("A user name or a client certificate is for an http:// or https:// repository; %1 has none.")
                    .arg(mirrors.join(u", "_s))});
        }
        if (!access.clientKey.isEmpty() && !access.hasClientCertificate())
            return std::unexpected(Error{Error::Code::Usage, tr("A client key needs its client certificate.")});
        for (const QString& file : {access.clientCert, access.clientKey}) {
            if (!file.isEmpty() && !QFileInfo(file).isFile())
                return std::unexpected(Error{Error::Code::Usage, tr("The file %1 does not exist.").arg(file)});
        }
        const QString key = access.clientKey.isEmpty() ? access.clientCert : access.clientKey;
        if (!key.isEmpty()) {
            if (auto private_ = HttpRequestPolicy::checkPrivate(key); !private_)
                return std::unexpected(private_.error());
        }
    }
    std::optional<QByteArray> pinnedCa;
    if (!publisherCaFile.isEmpty()) {
        auto pem = readPinnedCa(publisherCaFile);
        if (!pem)
            return std::unexpected(pem.error());
        pinnedCa = *pem;
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
    if (!origin.isEmpty()) {
        config.authOrigin = origin.toString();
        config.authUser = access.user;
        // Where they are, not a copy: a certificate renewed in place is the one used.
        if (access.hasClientCertificate())
            config.clientCert = QFileInfo(access.clientCert).absoluteFilePath();
        if (!access.clientKey.isEmpty())
            config.clientKey = QFileInfo(access.clientKey).absoluteFilePath();
    }
    if (!caFile.isEmpty()) {
        // A copy, so that the installation does not depend on where the file was.
        config.caFile = layout.stateFolder() + u"/ca.pem"_s;
        QFile::remove(config.caFile);
        if (!QFile::copy(caFile, config.caFile))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot copy the CA file %1.").arg(caFile)});
    }
    if (pinnedCa) {
        // The bytes checked above, not the file again: it may have changed since.
        config.publisherCa = layout.pinnedPublisherCa();
        if (auto written = writeFileAtomically(config.publisherCa, *pinnedCa); !written)
            return std::unexpected(written.error());
        QFile::setPermissions(
            config.publisherCa, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    if (auto saved = config.save(layout); !saved)
        return std::unexpected(saved.error());
    Installation installation(layout, config);
    if (access.hasPassword())
        installation.setPassword(access.password);
    return installation;
}

std::expected<Installation, Error> Installation::open(const QString& folder)
{
    InstallLayout layout(folder);
    auto config = InstallationConfig::load(layout);
    if (!config)
        return std::unexpected(config.error());
    return Installation(layout, *config);
}

HttpCredentials Installation::credentials()
{
    HttpCredentials credentials;
    if (m_config.authOrigin.isEmpty())
        return credentials;
    credentials.origin = QUrl(m_config.authOrigin);
    credentials.user = m_config.authUser;
    credentials.clientCert = m_config.clientCert;
    credentials.clientKey = m_config.clientKey;
    if (!credentials.user.isEmpty()) {
        if (!m_password) {
            auto kept = passwordStore().load();
            if (!kept) // the server's refusal will say to give it again
                qCWarning(lcInstall).noquote() << kept.error().message;
            m_password = kept.value_or(QString());
        }
        credentials.password = *m_password;
    }
    return credentials;
}

void Installation::setPassword(const QString& password)
{
    m_password = password;
    dropClient();
}

void Installation::forgetPassword()
{
    m_password.reset();
    dropClient();
}

void Installation::dropClient()
{
    // The next request makes the sources again, with the credentials as they are then.
    m_publisher.reset();
    m_client.reset();
}

std::expected<PasswordStore::Place, Error> Installation::keepPassword() const
{
    return passwordStore().save(m_password.value_or(QString()));
}

PasswordStore Installation::passwordStore() const
{
    return PasswordStore(m_layout, u"%1 at %2 for %3"_s.arg(m_config.authUser, m_config.authOrigin, m_layout.root()));
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
        auto source = makeRepositorySource(mirror, m_config.caFile, credentials());
        if (!source)
            return std::unexpected(source.error());
        sources.push_back(*source);
    }
    m_client = std::make_shared<RepositoryClient>(sources, m_layout.trustedMetadata());
    m_publisher.emplace(m_layout, m_client, m_config.publisherCa);
    return {};
}

std::expected<const TrustedSet*, Error> Installation::trustedSet()
{
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    return m_client->trusted();
}

std::expected<void, Error> Installation::refresh(const QDateTime& now)
{
    PhaseClock clock;
    if (auto client = makeClient(); !client)
        return client;
    // Only the channels this installation sees must load: a broken less stable one cannot stop it.
    m_client->setRequiredRoles([channel = m_config.channel](const TrustedSet& trusted, const QString& role) {
        return Channels(trusted).isFollowed(role, channel);
    });
    // Of each channel's applications, only this one's role.
    m_client->setTargetFolder(m_config.app);
    auto refreshed = m_client->refresh(now);
    clock.lap(u"trust refresh");
    if (refreshed)
        CheckNote(m_layout).succeeded(now);
    else if (refreshed.error().code != Error::Code::Cancelled)
        CheckNote(m_layout).failed(refreshed.error());
    return refreshed;
}

QDateTime Installation::lastCheck() const
{
    return CheckNote(m_layout).lastSuccess();
}

std::optional<Error> Installation::checkFailure() const
{
    return CheckNote(m_layout).failure();
}

std::expected<std::vector<ReleaseSelector::Release>, Error> Installation::releases()
{
    auto trusted = trustedSet();
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

std::expected<ReleaseSelector::Release, Error> Installation::validNow(const ReleaseSelector::Release& release)
{
    auto trusted = trustedSet();
    if (!trusted)
        return std::unexpected(trusted.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (auto fresh = (*trusted)->checkFresh(now); !fresh) {
        qCInfo(lcInstall) << "refreshing before the install:" << fresh.error().message;
        if (auto refreshed = refresh(now); !refreshed) {
            return std::unexpected(Error{Error::Code::Expired,
                tr("%1 Upkeep could not refresh it, so it installs nothing: %2")
                    .arg(fresh.error().message, refreshed.error().message)});
        }
    }
    // The release as the metadata valid now has it: it may have been withdrawn since the check.
    auto all = releases();
    if (!all)
        return std::unexpected(all.error());
    for (const ReleaseSelector::Release& candidate : *all) {
        if (candidate.version == release.version)
            return candidate;
    }
    return std::unexpected(Error{Error::Code::NotFound,
        tr("%1 %2 is no longer offered on %3.").arg(m_config.app, release.version.toString(), m_config.channel)});
}

std::expected<Manifest, Error> Installation::manifest(const ReleaseSelector::Release& release, bool fetchAhead)
{
    PhaseClock clock;
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    // A manifest is known by its signed hash, not its path.
    const QString key = release.manifestInfo.hashes.sha256();
    std::optional<FetchedManifest> uncached;
    FetchedManifest* fetched = nullptr;
    if (const auto kept = m_manifests.find(key); !key.isEmpty() && kept != m_manifests.end()) {
        fetched = &kept->second;
    } else {
        auto read = fetchManifest(release, fetchAhead);
        if (!read)
            return std::unexpected(read.error());
        if (key.isEmpty())
            fetched = &uncached.emplace(std::move(*read));
        else
            fetched = &m_manifests.insert_or_assign(key, std::move(*read)).first->second;
    }
    m_packs.insert_or_assign(release.version, release.packs);
    m_tablesPatches.insert_or_assign(release.version, release.tablesPatches);
    // A format-2 manifest's tables are fetched only when the update needs a row of them: not for a
    // fresh install, which takes the bundle, and not when the pack that made the manifest (already
    // downloaded) and the release's other packs make every changed content. Otherwise they let the
    // plan weigh packs against per-file downloads.
    const auto carrier = manifestPack(release);
    const bool packHere = carrier && m_cache.holds(UpdatePlan::download(*carrier));
    if (!fetched->manifest.tablesLoaded && running() && (!packHere || plan(fetched->manifest).needsTables())) {
        if (auto loaded = loadTables(fetched->manifest); !loaded)
            return std::unexpected(loaded.error());
    }
    // Who signed it is checked every time, against the revocation list and signature listed now.
    m_signers.erase(key);
    auto signer
        = m_publisher->verify(release.manifestPath, RepositoryPaths::manifestSignature(m_config.app, release.version),
            fetched->bytes, QDateTime::currentDateTimeUtc());
    if (!signer) {
        // Nothing of a release whose signer is refused stays: the cache holds only the offered
        // release's downloads and what they made (a download ahead in another process too).
        for (const PackInfo& pack : release.packs)
            m_packsMade.erase(pack.sha256);
        m_cache.clear();
        m_manifests.erase(key);
        return std::unexpected(signer.error());
    }
    if (*signer)
        m_signers.insert_or_assign(key, **signer);
    clock.lap(u"manifest");
    return fetched->manifest;
}

std::expected<Installation::FetchedManifest, Error> Installation::fetchManifest(
    const ReleaseSelector::Release& release, bool fetchAhead)
{
    // A few hundred bytes: not worth a progress bar of its own that the files' download restarts.
    ProgressCallback progress = std::exchange(m_progress, {});
    auto bytes = fetchAhead ? manifestFromPack(release)
                            : std::expected<QByteArray, Error>(std::unexpected(Error{Error::Code::NotFound, {}}));
    if (!bytes) {
        if (bytes.error().code != Error::Code::NotFound)
            qCInfo(lcInstall) << "manifest" << release.manifestPath << "not from a pack:" << bytes.error().message;
        bytes = manifestFromPatch(release);
    }
    m_progress = std::move(progress);
    if (!bytes) {
        qCInfo(lcInstall) << "manifest" << release.manifestPath << "fetched whole:" << bytes.error().message;
        bytes = m_client->fetchTarget(release.manifestPath);
    }
    if (!bytes)
        return std::unexpected(bytes.error());
    auto manifest = Manifest::parse(*bytes);
    if (!manifest)
        return std::unexpected(manifest.error());
    if (manifest->app != m_config.app || manifest->version != release.version) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The signed manifest %1 describes %2 %3, not %4 %5.")
                .arg(release.manifestPath, manifest->app, manifest->version.toString(), m_config.app,
                    release.version.toString())});
    }
    return FetchedManifest{std::move(*bytes), std::move(*manifest)};
}

std::optional<SignerFacts> Installation::signer(const ReleaseSelector::Release& release) const
{
    const auto found = m_signers.find(release.manifestInfo.hashes.sha256());
    return found == m_signers.end() ? std::nullopt : std::optional<SignerFacts>(found->second);
}

std::expected<std::optional<QString>, Error> Installation::publisher()
{
    if (auto client = makeClient(); !client)
        return std::unexpected(client.error());
    return m_publisher->publisher();
}

std::optional<Manifest> Installation::installedManifest() const
{
    const auto version = running();
    if (!version)
        return std::nullopt;
    auto installed = UpdateTransaction(m_layout, {}).installedManifest(*version);
    return installed ? std::optional<Manifest>(std::move(*installed)) : std::nullopt;
}

UpdatePlan Installation::plan(const Manifest& target) const
{
    const auto packs = m_packs.find(target.version);
    return plan(target, packs == m_packs.end() ? std::vector<PackInfo>() : packs->second);
}

UpdatePlan Installation::plan(const Manifest& target, const std::vector<PackInfo>& packs) const
{
    const std::optional<Manifest> installed = installedManifest();
    const auto version = running();
    if (!installed || !version)
        return UpdatePlan::make(target, nullptr);
    PhaseClock clock;
    // A patch applies only to the very bytes it was made from; a file changed on disk comes whole.
    const QString folder = m_layout.versionFolder(*version);
    // The check and the install after it hash each file once (a file changed since is read again).
    UpdatePlan made = UpdatePlan::make(
        target, &*installed,
        [this, &folder](const QString& path, const QString& sha256) {
            return m_installedHashes.sha256(folder + u'/' + path) == sha256;
        },
        packs);
    clock.lap(u"plan");
    return made;
}

std::vector<UpdatePlan::Download> Installation::downloads(const Manifest& target, const UpdatePlan& plan) const
{
    // A kept version is switched to (and repaired first, should it need it): nothing to fetch ahead.
    if (QFileInfo(m_layout.versionFolder(target.version)).isDir())
        return {};
    if (running() || !target.bundle)
        return plan.downloads();
    // A fresh install takes the bundle: one download, not one per file.
    UpdatePlan::Download bundle;
    bundle.path = RepositoryPaths::bundle(target.app, target.version);
    bundle.length = target.bundle->size;
    bundle.sha256 = target.bundle->sha256;
    return {bundle};
}

qint64 Installation::downloadSize(const Manifest& target) const
{
    qint64 bytes = 0;
    for (const UpdatePlan::Download& download : downloads(target, plan(target)))
        bytes += m_cache.missing(download);
    return bytes;
}

QString Installation::runningFolder() const
{
    const auto version = running();
    return version ? m_layout.versionFolder(*version) : QString();
}

std::expected<void, Error> Installation::fetch(const std::vector<UpdatePlan::Download>& downloads)
{
    if (downloads.empty())
        return {};
    if (auto created = m_cache.create(); !created)
        return created;
    const QString installed = runningFolder();
    std::vector<Fetcher::Item> items;
    for (const UpdatePlan::Download& download : downloads) {
        items.push_back({download.path, download.length, download.sha256, m_cache.file(download),
            m_cache.verifier(download, installed)});
    }
    Fetcher::Options options = m_fetchOptions;
    options.caFile = m_config.caFile;
    options.credentials = credentials();
    Fetcher fetcher(m_config.mirrors, options, m_control);
    // What really arrives counts, not what the cache's sizes suggest (a server that ignores
    // Range, a copy that fails its check and comes again).
    const qint64 before = m_downloaded;
    QObject::connect(&fetcher, &Fetcher::progress, [&](qint64 done, qint64 total, qint64 rate, qint64 left) {
        m_downloaded = before + fetcher.received();
        if (m_progress)
            m_progress(Progress{Progress::Phase::Download, done, total, rate, left});
    });
    auto fetched = fetcher.fetch(items);
    m_downloaded = before + fetcher.received();
    return fetched;
}

std::expected<void, Error> Installation::fetchFor(
    Manifest& target, UpdatePlan& plan, const std::vector<UpdatePlan::Download>& downloads)
{
    auto fetched = fetch(downloads);
    if (fetched || fetched.error().code == Error::Code::Cancelled)
        return fetched;
    // A pack or a patch that no mirror serves right (a broken publish, say) is not the only way to
    // the content: the per-file downloads a pack covers make it too, and a whole object makes what
    // a patch makes. What did arrive stays and is not fetched again.
    std::vector<UpdatePlan::Download> list = downloads;
    const auto failedPack = std::find_if(
        list.begin(), list.end(), [&](const UpdatePlan::Download& d) { return d.pack && !m_cache.holds(d); });
    if (failedPack != list.end()) {
        qCInfo(lcInstall) << "fetching file by file instead of packs:" << fetched.error().message;
        if (auto loaded = withTables(target, plan); !loaded)
            return loaded;
        std::erase_if(list, [](const UpdatePlan::Download& d) { return d.pack; });
        for (const UpdatePlan::Download& download : plan.fallbackDownloads())
            list.push_back(download);
        fetched = fetch(list);
        if (fetched || fetched.error().code == Error::Code::Cancelled)
            return fetched;
    }
    bool replaced = false;
    for (UpdatePlan::Download& download : list) {
        const auto object = target.objects.find(download.makes);
        if (download.isPatch() && object != target.objects.end() && !m_cache.holds(download)) {
            download = UpdatePlan::download(download.makes, download.makesSize, object->second);
            replaced = true;
        }
    }
    if (!replaced)
        return fetched;
    qCInfo(lcInstall) << "fetching whole objects instead of patches:" << fetched.error().message;
    return fetch(list);
}

std::expected<void, Error> Installation::unpackPacks(Manifest& target, UpdatePlan& plan)
{
    if (plan.packs().empty())
        return {};
    const auto installed = installedManifest();
    // Made ahead, here or by the download ahead in another process (download() keeps them); each is
    // hashed again as it is placed.
    QStringList made = plan.packedContents();
    const bool madeAhead = std::all_of(
        made.begin(), made.end(), [&](const QString& sha) { return QFileInfo::exists(m_cache.contentFile(sha)); });
    if (!madeAhead)
        made.clear();
    bool failed = false;
    for (const PackInfo& pack : madeAhead ? std::vector<PackInfo>() : plan.packs()) {
        const UpdatePlan::Download download = UpdatePlan::download(pack);
        // Made while its manifest was fetched, and still there.
        if (const auto earlier = m_packsMade.find(pack.sha256); earlier != m_packsMade.end()
            && std::all_of(earlier->second.begin(), earlier->second.end(),
                [&](const QString& sha) { return QFileInfo::exists(m_cache.contentFile(sha)); })) {
            made.append(earlier->second);
            continue;
        }
        if (!m_cache.holds(download) || !installed) {
            failed = true;
            continue; // it failed to arrive: fetchFor() fetched its members file by file
        }
        auto decoded = PackDecoder::decode(m_cache.file(download), pack, target, *installed, runningFolder(),
            [this](const QString& sha256) { return m_cache.contentFile(sha256); });
        if (!decoded) {
            qCInfo(lcInstall) << "fetching file by file instead:" << decoded.error().message;
            m_cache.remove(download); // it will not decode the next time either
            failed = true;
            continue;
        }
        made.append(*decoded);
    }
    if (failed) {
        if (auto loaded = withTables(target, plan); !loaded)
            return loaded;
    }
    std::vector<UpdatePlan::Download> missing;
    for (const UpdatePlan::Download& download : plan.fallbackDownloads(made)) {
        if (!m_cache.holds(download))
            missing.push_back(download);
    }
    return fetchFor(target, plan, missing);
}

std::optional<PackInfo> Installation::manifestPack(const ReleaseSelector::Release& release) const
{
    const auto version = running();
    const auto pack = std::find_if(release.packs.begin(), release.packs.end(), [&](const PackInfo& candidate) {
        return version && candidate.carriesManifest() && candidate.from == *version;
    });
    if (pack == release.packs.end() || !Manifest::isSha256(release.manifestInfo.hashes.sha256()))
        return std::nullopt;
    return *pack;
}

QByteArray Installation::installedManifestBytes() const
{
    const auto version = running();
    QFile file(version ? m_layout.manifestFile(*version) : QString());
    return version && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::expected<QByteArray, Error> Installation::manifestFromPack(const ReleaseSelector::Release& release)
{
    // A pack that carries the manifest repeats none of the hashes of the contents it makes.
    const auto pack = manifestPack(release);
    if (!pack)
        return std::unexpected(Error{Error::Code::NotFound, tr("No pack carries the manifest.")});
    const UpdatePlan::Download download = UpdatePlan::download(*pack);
    // Restored when the pack was downloaded ahead, perhaps by another process: the pack is not
    // decoded twice for it.
    const QString sha256 = release.manifestInfo.hashes.sha256();
    if (QFile restored(m_cache.contentFile(sha256)); m_cache.holds(download) && restored.open(QIODevice::ReadOnly)) {
        QByteArray bytes = restored.readAll();
        if (release.manifestInfo.verify(bytes, release.manifestPath))
            return bytes;
        restored.remove();
    }
    const QByteArray installedBytes = installedManifestBytes();
    auto installed = Manifest::parse(installedBytes);
    if (!installed)
        return std::unexpected(installed.error());
    if (!m_cache.holds(download)) {
        if (auto created = m_cache.create(); !created)
            return std::unexpected(created.error());
        // Counted with what downloads ahead fetched of the release (DownloadLedger), not twice.
        const qint64 before = m_downloaded;
        auto fetched = fetch({download});
        DownloadLedger(m_layout.downloadLedger()).add(release.version.toString(), m_downloaded - before);
        m_downloaded = before;
        if (!fetched)
            return std::unexpected(fetched.error());
    }
    auto decoded = PackDecoder::decodeWithManifest(m_cache.file(download), *pack,
        {release.manifestInfo.hashes.sha256(), release.manifestInfo.length}, installedBytes, *installed,
        runningFolder(), [this](const QString& sha) { return m_cache.contentFile(sha); });
    if (!decoded) {
        m_cache.remove(download); // it will not decode the next time either
        return std::unexpected(decoded.error());
    }
    if (auto verified = release.manifestInfo.verify(decoded->manifest, release.manifestPath); !verified)
        return std::unexpected(verified.error());
    m_packsMade.insert_or_assign(pack->sha256, decoded->written);
    if (QSaveFile restored(m_cache.contentFile(sha256)); !restored.open(QIODevice::WriteOnly)
        || restored.write(decoded->manifest) != decoded->manifest.size() || !restored.commit())
        qCInfo(lcInstall) << "cannot keep the manifest restored from" << download.path << ":" << restored.errorString();
    return std::move(decoded->manifest);
}

std::expected<void, Error> Installation::loadTables(Manifest& target)
{
    if (target.tablesLoaded || !target.tablesFile)
        return {};
    const Manifest::TablesFile tables = *target.tablesFile;
    if (auto created = m_cache.create(); !created)
        return created;
    std::expected<QByteArray, Error> bytes = std::unexpected(Error{Error::Code::NotFound, QString()});
    // A frame against the installed manifest and this one: little more than the sizes.
    const auto patches = m_tablesPatches.find(target.version);
    if (running() && patches != m_tablesPatches.end()) {
        const QByteArray installed = installedManifestBytes();
        const QString from = Sha256::hexOf(installed);
        const auto patch = std::find_if(patches->second.begin(), patches->second.end(),
            [&](const auto& candidate) { return candidate.from == from; });
        if (patch != patches->second.end() && patch->size < tables.objectSize) {
            UpdatePlan::Download download;
            download.path = RepositoryPaths::patch(from, tables.sha256);
            download.length = patch->size;
            download.sha256 = patch->sha256;
            auto fetched = fetch({download});
            if (fetched) {
                QFile frame(m_cache.file(download));
                bytes = PrefixFrame::decode(frame.open(QIODevice::ReadOnly) ? frame.readAll() : QByteArray(),
                    installed + target.toBytes(), tables.size);
                m_cache.remove(download);
            }
            if (!bytes)
                qCInfo(lcInstall) << "the manifest's tables come whole:"
                                  << (fetched ? bytes.error().message : fetched.error().message);
        }
    }
    if (!bytes) {
        const UpdatePlan::Download download
            = UpdatePlan::download(tables.sha256, tables.size, Manifest::Object{tables.objectSize});
        if (auto fetched = fetch({download}); !fetched)
            return fetched;
        const QString output = m_cache.workPath(u"tables-"_s + tables.sha256);
        QFile::remove(output);
        auto decoded = decodeObject(m_cache.file(download), output, tables.size, tables.sha256, 0600);
        m_cache.remove(download);
        if (!decoded)
            return decoded;
        QFile file(output);
        bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        file.remove();
    }
    if (auto attached = target.attachTables(*bytes); !attached)
        return attached;
    // A later manifest() of this release needs them too.
    for (auto& [key, kept] : m_manifests) {
        if (kept.manifest.version == target.version && kept.manifest.app == target.app && !kept.manifest.tablesLoaded)
            kept.manifest.attachTables(*bytes);
    }
    return {};
}

std::expected<void, Error> Installation::withTables(Manifest& target, UpdatePlan& plan)
{
    if (target.tablesLoaded)
        return {};
    if (auto loaded = loadTables(target); !loaded)
        return loaded;
    UpdatePlan made = this->plan(target);
    made.takePacksOf(plan);
    plan = std::move(made);
    return {};
}

std::expected<QByteArray, Error> Installation::manifestFromPatch(const ReleaseSelector::Release& release)
{
    // The manifest of a release with a thousand files is tens of kilobytes; a patch from the
    // installed one is a few hundred bytes.
    const auto version = running();
    if (!version || release.manifestPatches.empty())
        return std::unexpected(Error{Error::Code::NotFound, tr("No patch for the manifest.")});
    QFile installed(m_layout.manifestFile(*version));
    if (!installed.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::NotFound, tr("No installed manifest.")});
    const QString from = Sha256::hexOf(installed.readAll());
    const QString to = release.manifestInfo.hashes.sha256();
    const auto patch = std::find_if(release.manifestPatches.begin(), release.manifestPatches.end(),
        [&](const Manifest::Patch& candidate) { return candidate.from == from; });
    if (patch == release.manifestPatches.end() || !Manifest::isSha256(to) || patch->size >= release.manifestInfo.length)
        return std::unexpected(Error{Error::Code::NotFound, tr("No patch from the installed manifest.")});
    UpdatePlan::Download download;
    download.path = RepositoryPaths::patch(patch->from, to);
    download.length = patch->size;
    download.makes = to;
    download.makesSize = release.manifestInfo.length;
    download.format = patch->format;
    download.patchedFrom = installed.fileName(); // absolute: the installed manifest
    // Checking the patch applied it (DownloadCache::verifier): the manifest is what that made.
    if (auto fetched = fetch({download}); !fetched)
        return std::unexpected(fetched.error());
    m_cache.remove(download);
    QFile made(m_cache.contentFile(to));
    QByteArray bytes = made.open(QIODevice::ReadOnly) ? made.readAll() : QByteArray();
    made.remove();
    if (auto verified = release.manifestInfo.verify(bytes, release.manifestPath); !verified)
        return std::unexpected(verified.error());
    return bytes;
}

std::expected<void, Error> Installation::unpackBundle(const Manifest& target, const QString& folder)
{
    const UpdatePlan::Download bundle = downloads(target, UpdatePlan()).front();
    QDir(folder).removeRecursively();
    QDir().mkpath(folder);
    auto unpacked = ReleaseTree::unpack(m_cache.file(bundle), folder);
    if (!unpacked) {
        m_cache.remove(bundle); // verified, yet not an archive we accept: do not keep it
        return std::unexpected(unpacked.error().prefixed(bundle.path));
    }
    return {};
}

std::expected<void, Error> Installation::writeContent(const UpdatePlan& plan, const QString& installedFolder,
    Manifest& target, const Manifest::Entry& entry, const QString& path)
{
    const UpdatePlan::Step* step = plan.step(entry.sha256);
    // A pack, or the check of a patch as it arrived, made the content already.
    if (const QString made = m_cache.contentFile(entry.sha256); step && QFileInfo::exists(made)) {
        if (auto placed = placeContentFile(made, path, entry.size, entry.sha256, entry.mode); placed)
            return {};
        QFile::remove(made);
        qCInfo(lcInstall) << "the content" << entry.path << "made ahead is gone wrong; making it again";
    }
    if (step && step->source == UpdatePlan::Step::Source::Patch) {
        auto patched = applyPatch(step->patch.format, installedFolder + u'/' + step->installedPath,
            m_cache.file(UpdatePlan::download(entry.sha256, entry.size, step->patch, step->installedPath)), path,
            entry.size, entry.sha256, entry.mode);
        if (patched)
            return {};
        // The installed file was changed on disk, say: the whole object still makes it right.
        qCInfo(lcInstall) << "patching" << entry.path << "failed, fetching it whole:" << patched.error().message;
    }
    if (auto loaded = loadTables(target); !loaded)
        return loaded;
    const auto found = target.objects.find(entry.sha256);
    if (found == target.objects.end())
        return std::unexpected(
            Error{Error::Code::Mismatch, tr("No object carries the content of %1.").arg(entry.path)});
    const UpdatePlan::Download object = UpdatePlan::download(entry.sha256, entry.size, found->second);
    if (!m_cache.holds(object)) {
        if (auto fetched = fetch({object}); !fetched)
            return fetched;
    }
    return decodeObject(m_cache.file(object), path, entry.size, entry.sha256, entry.mode);
}

std::expected<void, Error> Installation::download(const ReleaseSelector::Release& offered)
{
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::unexpected(lock.error());
    auto release = validNow(offered);
    if (!release)
        return std::unexpected(release.error());
    m_downloaded = 0;
    auto target = manifest(*release, true);
    if (!target)
        return std::unexpected(target.error());
    UpdatePlan updatePlan = plan(*target);
    const std::vector<UpdatePlan::Download> wanted = downloads(*target, updatePlan);
    // A release that was offered before this one leaves its downloads behind; they would never be
    // used. What the pack that carried the manifest made already is kept for the install.
    m_cache.keepOnly(wanted, updatePlan.packedContents() << release->manifestInfo.hashes.sha256());
    auto fetched = fetchFor(*target, updatePlan, wanted);
    // What arrived stays in the cache, the part of a failed download too: the install counts it.
    DownloadLedger(m_layout.downloadLedger()).add(target->version.toString(), m_downloaded);
    return fetched;
}

std::expected<History::Record, Error> Installation::install(const ReleaseSelector::Release& offered)
{
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::unexpected(lock.error());
    // Another process may have updated between our check and taking the lock.
    if (const auto current = running(); current && !(offered.version > *current)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 %2 is already installed (another Upkeep process got there first).")
                .arg(m_config.app, current->toString())});
    }
    auto release = validNow(offered);
    if (!release)
        return std::unexpected(release.error());
    m_downloaded = 0;
    auto target = manifest(*release, true);
    if (!target)
        return std::unexpected(target.error());
    UpdatePlan updatePlan = plan(*target);
    const auto version = running();
    const QString installedFolder = runningFolder();
    const std::vector<UpdatePlan::Download> wanted = downloads(*target, updatePlan);
    const DownloadLedger ledger(m_layout.downloadLedger());
    // What background downloads fetched of this release is part of what its update downloaded.
    const qint64 earlier = ledger.bytes(target->version.toString());

    PhaseClock clock;
    auto fetched = fetchFor(*target, updatePlan, wanted);
    if (fetched && std::any_of(wanted.begin(), wanted.end(), [](const auto& d) { return d.pack; }))
        fetched = unpackPacks(*target, updatePlan);
    if (!fetched) {
        if (fetched.error().code != Error::Code::Cancelled) {
            History::Record record;
            record.time = QDateTime::currentDateTimeUtc();
            record.kind = History::Kind::Failure;
            record.outcome = History::Outcome::Failed;
            record.from = version ? version->toString() : QString();
            record.to = release->version.toString();
            record.channel = m_config.channel;
            record.reason = fetched.error().message;
            record.bytes = m_downloaded;
            History(m_layout.history()).append(record);
        }
        return std::unexpected(fetched.error()); // what arrived stays in the cache for the next try
    }
    clock.lap(u"fetch");

    UpdateTransaction transaction(m_layout, [&](const Manifest::Entry& entry, const QString& path) {
        return writeContent(updatePlan, installedFolder, *target, entry, path);
    });
    transaction.setSigner(signer(*release));
    if (!wanted.empty()) {
        const bool patched
            = std::any_of(wanted.begin(), wanted.end(), [](const auto& d) { return d.isPatch() || d.pack; });
        transaction.setTransfer(patched ? History::Transfer::Patch : History::Transfer::Full);
    }
    transaction.setStepObserver([this, &clock, hasCheck = target->healthCheck.has_value()](Journal::Step step) {
        // Each journal step ends a phase of the transaction.
        static constexpr std::pair<Journal::Step, QStringView> kPhases[]
            = {{Journal::Step::Begin, u"recover"}, {Journal::Step::Staged, u"stage"},
                {Journal::Step::Switched, u"switch"}, {Journal::Step::Checked, u"health check"},
                {Journal::Step::Reverted, u"health check"}, {Journal::Step::Done, u"record"}};
        for (const auto& [ended, phase] : kPhases) {
            if (ended == step)
                clock.lap(phase);
        }
        if (step == Journal::Step::Begin)
            report(Progress::Phase::Verify);
        else if (step == Journal::Step::Staged)
            report(Progress::Phase::Install);
        else if (step == Journal::Step::Switched && hasCheck)
            report(Progress::Phase::HealthCheck);
        if (m_stepObserver)
            m_stepObserver(step);
    });
    const QString unpacked = m_cache.workPath(u"bundle-"_s + target->version.toString());
    if (!version && target->bundle && !QFileInfo(m_layout.versionFolder(target->version)).isDir()) {
        if (auto folder = unpackBundle(*target, unpacked); !folder)
            return std::unexpected(folder.error());
        transaction.setContentFolder(unpacked);
        clock.lap(u"unpack the bundle");
    }
    auto record = transaction.install(*target, m_config.channel, [this, earlier] { return earlier + m_downloaded; });
    QDir(unpacked).removeRecursively();
    if (record) {
        m_cache.clear(); // it served its purpose once the version is staged
        ledger.clear();
    }
    clock.lap(u"prune and clean up");
    return record;
}

void Installation::report(Progress::Phase phase)
{
    if (!m_progress)
        return;
    Progress progress;
    progress.phase = phase;
    progress.done = progress.total = m_downloaded;
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
    return changeConfig([&](InstallationConfig& config) {
        config.skipped.removeAll(version.toString());
        if (skipped)
            config.skipped.append(version.toString());
    });
}

std::expected<void, Error> Installation::rereadConfig()
{
    auto config = InstallationConfig::load(m_layout);
    if (!config)
        return std::unexpected(config.error());
    m_config = std::move(*config);
    return {};
}

std::expected<void, Error> Installation::setHeld(bool held)
{
    return changeConfig([&](InstallationConfig& config) { config.held = held; });
}

std::expected<InstallLock, Error> Installation::lock() const
{
    return InstallLock::acquire(m_layout.lockFile());
}

std::expected<void, Error> Installation::deleteFolder(const InstallLock& /*held*/) const
{
    const QString root = m_layout.root();
    if (QFileInfo(root).isSymLink()) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 is a symbolic link; name the installation's folder itself to delete it.").arg(root)});
    }
    if (auto config = InstallationConfig::load(m_layout); !config)
        return std::unexpected(config.error());
    // removeRecursively() removes symbolic links as entries and does not descend into them.
    if (!QDir(root).removeRecursively())
        return std::unexpected(Error{Error::Code::Io, tr("Could not delete all of %1.").arg(root)});
    return {};
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
    if (auto saved = checkSavedManifest(*target); !saved)
        return std::unexpected(saved.error());
    // A damaged kept version is repaired from the cache or the mirrors, by its manifest's objects.
    auto manifest = UpdateTransaction(m_layout, {}).installedManifest(*target);
    UpdateTransaction transaction(m_layout, {});
    if (manifest) {
        transaction = UpdateTransaction(m_layout, [&](const Manifest::Entry& entry, const QString& path) {
            return writeContent(UpdatePlan(), {}, *manifest, entry, path);
        });
    }
    return transaction.rollback(*target, m_config.channel);
}

std::expected<void, Error> Installation::checkSavedManifest(const Version& version)
{
    // From the trusted metadata on disk: going back needs no mirror unless something is wrong.
    QFile state(m_layout.trustedMetadata());
    auto trusted = TrustedSet::load(state.open(QIODevice::ReadOnly) ? state.readAll() : QByteArray());
    if (!trusted)
        return std::unexpected(trusted.error());
    const QString path = RepositoryPaths::manifest(m_config.app, version);
    const auto found = trusted->findTarget(path);
    if (!found)
        return {}; // no longer published: the copy saved when it was installed is all there is
    QFile file(m_layout.manifestFile(version));
    const QByteArray saved = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    if (found->info.verify(saved, path))
        return {};
    qCInfo(lcInstall) << "the saved manifest of" << version.toString() << "differs from the signed one";
    auto client = makeClient();
    auto bytes = client ? m_client->fetchTarget(path) : std::unexpected(client.error());
    if (!bytes) {
        return std::unexpected(Error{bytes.error().code,
            tr("The manifest Upkeep saved for %1 %2 differs from the signed one, which cannot be fetched: %3")
                .arg(m_config.app, version.toString(), bytes.error().message)});
    }
    auto manifest = Manifest::parse(*bytes);
    if (!manifest)
        return std::unexpected(manifest.error());
    if (manifest->app != m_config.app || manifest->version != version) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The signed manifest %1 describes %2 %3, not %4 %5.")
                .arg(path, manifest->app, manifest->version.toString(), m_config.app, version.toString())});
    }
    return writeFileAtomically(m_layout.manifestFile(version), *bytes);
}

std::expected<QStringList, Error> Installation::channels()
{
    auto trusted = trustedSet();
    if (!trusted)
        return std::unexpected(trusted.error());
    return Channels(**trusted).names();
}

std::expected<void, Error> Installation::setChannel(const QString& channel)
{
    auto lock = InstallLock::acquire(m_layout.lockFile());
    if (!lock)
        return std::unexpected(lock.error());
    auto trusted = trustedSet();
    if (!trusted)
        return std::unexpected(trusted.error());
    if (auto known = hasChannel(**trusted, channel); !known)
        return known;
    return changeConfig([&](InstallationConfig& config) { config.channel = channel; });
}

std::expected<void, Error> Installation::changeConfig(const std::function<void(InstallationConfig&)>& change)
{
    auto config = InstallationConfig::load(m_layout);
    if (!config)
        return std::unexpected(config.error());
    change(*config);
    if (auto saved = config->save(m_layout); !saved)
        return saved;
    m_config = std::move(*config);
    return {};
}

std::expected<void, Error> Installation::hasChannel(const TrustedSet& trusted, const QString& channel)
{
    const QStringList names = Channels(trusted).names();
    if (!names.contains(channel)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The repository has no channel \"%1\"; it has %2.").arg(channel, names.join(u", "_s))});
    }
    return {};
}

std::expected<std::optional<Version>, Error> Installation::rollBackTarget(const QString& channel)
{
    auto trusted = trustedSet();
    if (!trusted)
        return std::unexpected(trusted.error());
    if (auto known = hasChannel(**trusted, channel); !known)
        return std::unexpected(known.error());
    auto listed = ReleaseSelector::releases(**trusted, channel, m_config.app);
    if (!listed)
        return std::unexpected(listed.error());
    const auto current = running();
    std::optional<Version> target;
    for (const Version& kept : m_layout.keptVersions()) { // oldest first
        const bool published = std::any_of(listed->begin(), listed->end(),
            [&](const ReleaseSelector::Release& release) { return release.version == kept; });
        if (published && current && kept < *current)
            target = kept;
    }
    return target;
}

std::expected<std::vector<VersionCheck::Damage>, Error> Installation::verify() const
{
    const auto version = running();
    if (!version)
        return std::unexpected(
            Error{Error::Code::NotFound, tr("Nothing is installed in %1 yet.").arg(m_layout.root())});
    auto manifest = UpdateTransaction(m_layout, {}).installedManifest(*version);
    if (!manifest)
        return std::unexpected(manifest.error());
    return VersionCheck::check(m_layout.versionFolder(*version), *manifest);
}

std::expected<std::vector<History::Record>, Error> Installation::history() const
{
    return History(m_layout.history()).records();
}
