#pragma once

#include "install/downloadcache.h"
#include "install/filehashcache.h"
#include "install/installationconfig.h"
#include "install/installlock.h"
#include "install/installprogress.h"
#include "install/passwordstore.h"
#include "install/publisherverification.h"
#include "install/updatetransaction.h"
#include "install/versioncheck.h"
#include "net/fetcher.h"
#include "net/transfercontrol.h"
#include "policy/releaseselector.h"
#include "release/updateplan.h"
#include "trust/repositoryclient.h"

#include <memory>

// One managed installation: its folder, what it follows, and its repository client. The
// operations of the command line and the window (check, update, roll back, change channel,
// verify) are here, so both drive the same code. Blocking: call from a worker thread.
class Installation
{
    Q_DECLARE_TR_FUNCTIONS(Installation)

public:
    // Registers a new installation in `folder` (empty or absent) that trusts `rootBytes`.
    // `caFile`, when given, is copied into the installation and is the only CA it trusts for https.
    // `publisherCaFile`, when given, must hold one PEM certificate; it is pinned (copied to
    // layout().pinnedPublisherCa()) as a CA every release must also chain to. `access`, for a
    // private repository, gives a user and password and/or a client certificate and key; they
    // belong to the origin of the first http(s) mirror (its origin field is not read), the names
    // and paths go to config.json, and the password stays in memory until keepPassword().
    static std::expected<Installation, Error> create(const QString& folder, const QStringList& mirrors,
        QByteArrayView rootBytes, const QString& app, const QString& channel, const QString& caFile = {},
        const QString& publisherCaFile = {}, const HttpCredentials& access = {});
    static std::expected<Installation, Error> open(const QString& folder);

    [[nodiscard]] const InstallLayout& layout() const { return m_layout; }
    [[nodiscard]] const InstallationConfig& config() const { return m_config; }
    [[nodiscard]] std::optional<Version> running() const;

    // Who the installation is to its private repository, for every request to it: the names and
    // files of config(), with the password given to setPassword() or else the one the password
    // store keeps (read once, blocking). Empty for a public repository.
    [[nodiscard]] HttpCredentials credentials();
    // The password to use from now on (add, login), not kept until keepPassword().
    void setPassword(const QString& password);
    // Reads the password store again at the next request: another process (`upkeep login`, the
    // window's Sign in) may have kept a new password since it was read.
    void forgetPassword();
    // Keeps the password of setPassword() in the password store, once the server took it.
    std::expected<PasswordStore::Place, Error> keepPassword() const;
    // Where the password of config().authUser rests.
    [[nodiscard]] PasswordStore passwordStore() const;

    // Finishes or undoes a change a crash interrupted (docs/architecture.md, "Rollback, recovery,
    // channels"). Skipped, returning nullopt, while another process holds the lock.
    std::expected<std::optional<History::Record>, Error> recover();

    // Refreshes the trusted metadata from the repository (nothing changes if it fails).
    // It notes how it went (CheckNote): `now` as the time of the last check, or why it failed.
    std::expected<void, Error> refresh(const QDateTime& now = QDateTime::currentDateTimeUtc());
    // When refresh() last succeeded, here or in another process (the window, `upkeep check`);
    // invalid when never, or when the installation predates the note.
    [[nodiscard]] QDateTime lastCheck() const;
    // Why the last refresh() failed, here or in another process; nullopt when it succeeded.
    [[nodiscard]] std::optional<Error> checkFailure() const;
    // The releases the channel sees, newest first (after refresh()).
    std::expected<std::vector<ReleaseSelector::Release>, Error> releases();
    // The release to install, if any (after refresh()).
    std::expected<std::optional<ReleaseSelector::Release>, Error> offer();
    // The signed manifest of a release, checked to be that release of this application and, where
    // the repository names a publisher, to be signed by them (before anything else of it is fetched).
    // `fetchAhead`: the release is downloaded next (download(), install(), `upkeep update`), so a
    // pack that also carries the manifest (zstd-solid-2) may be fetched for it now; a check alone
    // fetches no more than the manifest (its patch, or whole).
    std::expected<Manifest, Error> manifest(const ReleaseSelector::Release& release, bool fetchAhead = false);
    // Who signed `release`, once manifest() verified it; nullopt before, and for a repository
    // without an identity.
    [[nodiscard]] std::optional<SignerFacts> signer(const ReleaseSelector::Release& release) const;
    // The publisher the trusted root metadata names; nullopt for a repository without an identity.
    std::expected<std::optional<QString>, Error> publisher();
    // Bytes to download to install `target`: the bundle for a fresh install, else the patches and
    // objects of its update plan; what the download cache already holds is not counted.
    [[nodiscard]] qint64 downloadSize(const Manifest& target) const;
    // How the running version becomes `target`, with the packs its release offers (as manifest() read them).
    [[nodiscard]] UpdatePlan plan(const Manifest& target) const;
    // The same with the packs `packs` (a release's ReleaseSelector::Release::packs).
    [[nodiscard]] UpdatePlan plan(const Manifest& target, const std::vector<PackInfo>& packs) const;

    // Told as an install moves on, from the installing thread.
    using Progress = InstallProgress;
    using ProgressCallback = std::function<void(const Progress&)>;
    void setProgress(ProgressCallback progress) { m_progress = std::move(progress); }
    // Pause, resume and cancel of this installation's downloads, and the program's bandwidth limiter they share.
    void setTransferControl(std::shared_ptr<TransferControl> control) { m_control = std::move(control); }
    // Told each step of an install as the journal records it, after the progress report (the
    // crash-consistency tests stop the process there).
    void setStepObserver(std::function<void(Journal::Step)> observer) { m_stepObserver = std::move(observer); }
    // Parallel transfers, retries and time-outs of downloads (the CA file is the configured one).
    void setFetchOptions(const Fetcher::Options& options) { m_fetchOptions = options; }

    // The release notes of `release` (Markdown), checked against the signed metadata; empty when
    // the release has none.
    std::expected<QString, Error> changelog(const ReleaseSelector::Release& release);
    // Skips `version` (it is not offered again unless critical), or stops skipping it.
    std::expected<void, Error> setSkipped(const Version& version, bool skipped);

    // Reads config.json again, so that what another process changed since (`upkeep hold`,
    // `upkeep channel`) is what config() says: the window's worker calls it before it reports.
    std::expected<void, Error> rereadConfig();
    // Holds the installation (config().held): updates are still checked for, but not installed
    // by `upkeep update` or the window's automatic installs, until it is released again.
    std::expected<void, Error> setHeld(bool held);
    // The install lock, held while the returned object lives: so that a command that takes the
    // installation away (`upkeep remove`) never does so under a running update.
    [[nodiscard]] std::expected<InstallLock, Error> lock() const;
    // Deletes the installation's folder, holding `lock()` meanwhile. Symbolic links in it are
    // removed, never followed; a root that is itself a link is refused (Usage), as is a folder
    // without .upkeep/config.json.
    std::expected<void, Error> deleteFolder(const InstallLock& held) const;

    // Fills the download cache with all that installing `release` needs, so that install() later
    // has nothing to fetch ("download in the background"). Nothing installed changes and no
    // history is written; cached downloads of other releases are dropped. Like install(), it
    // uses only metadata valid now: what expired since the check is refreshed first, else Expired.
    std::expected<void, Error> download(const ReleaseSelector::Release& release);
    std::expected<History::Record, Error> install(const ReleaseSelector::Release& release);
    // To `version`, or to the version that ran before the current one; a damaged kept version is
    // repaired first (from the cache or the mirrors) or not switched to.
    std::expected<History::Record, Error> rollback(const std::optional<Version>& version);
    // The repository's channels, most stable first (after refresh()).
    std::expected<QStringList, Error> channels();
    std::expected<void, Error> setChannel(const QString& channel);
    // The kept version that "roll back now" goes to on `channel` (offered by the window and by
    // `upkeep channel` when moving to a more stable channel): the newest kept version older than
    // the running one that `channel` lists; nullopt when there is none.
    std::expected<std::optional<Version>, Error> rollBackTarget(const QString& channel);
    // What in the running version differs from its manifest (empty: all intact).
    std::expected<std::vector<VersionCheck::Damage>, Error> verify() const;
    std::expected<std::vector<History::Record>, Error> history() const;

private:
    Installation(InstallLayout layout, InstallationConfig config);
    std::expected<void, Error> makeClient();
    void dropClient();
    // The trusted metadata: as kept on disk until refresh() brings newer.
    std::expected<const TrustedSet*, Error> trustedSet();
    // Usage, naming the repository's channels, when `channel` is not one of them.
    static std::expected<void, Error> hasChannel(const TrustedSet& trusted, const QString& channel);
    // Changes config.json as it is on disk now, so that what another process changed meanwhile
    // (a window's skip beside `upkeep hold`) is kept, and takes the result as config().
    std::expected<void, Error> changeConfig(const std::function<void(InstallationConfig&)>& change);
    [[nodiscard]] std::optional<Manifest> installedManifest() const;
    [[nodiscard]] std::vector<UpdatePlan::Download> downloads(const Manifest& target, const UpdatePlan& plan) const;
    // The running version's folder; empty when nothing is installed.
    [[nodiscard]] QString runningFolder() const;
    // Downloads into the cache, resuming partial files, from the mirrors in turn.
    std::expected<void, Error> fetch(const std::vector<UpdatePlan::Download>& downloads);
    // fetch(), falling back to the per-file downloads of `plan` for packs no mirror serves right,
    // and to the whole objects of `target` for patches no mirror serves right.
    // Loads the tables of `target` first when the fall-back needs them (withTables()).
    std::expected<void, Error> fetchFor(
        Manifest& target, UpdatePlan& plan, const std::vector<UpdatePlan::Download>& downloads);
    // Decodes the packs of `plan` in the download cache into the contents they make (see
    // DownloadCache::contentFile()), then fetches the per-file downloads of what no pack made.
    std::expected<void, Error> unpackPacks(Manifest& target, UpdatePlan& plan);
    // The manifest of `release` from a pack of format 2 from the installed version, whose members
    // it writes too (DownloadCache::contentFile()); checked against the signed manifest target.
    // Kept in the cache (DownloadCache::contentFile() of its sha256) for the install after a download ahead.
    std::expected<QByteArray, Error> manifestFromPack(const ReleaseSelector::Release& release);
    // The pack of `release` from the installed version that carries the manifest (format 2), if any.
    [[nodiscard]] std::optional<PackInfo> manifestPack(const ReleaseSelector::Release& release) const;
    // The installed version's manifest as saved at its install; empty when there is none.
    [[nodiscard]] QByteArray installedManifestBytes() const;
    // Loads the tables file of a format-2 `target` (nothing for one that has them): as a frame
    // against the installed and the new manifest where the release offers one, else as its object.
    std::expected<void, Error> loadTables(Manifest& target);
    // loadTables(), and `plan` made again with them, keeping the packs it took.
    std::expected<void, Error> withTables(Manifest& target, UpdatePlan& plan);
    std::expected<QByteArray, Error> manifestFromPatch(const ReleaseSelector::Release& release);
    struct FetchedManifest;
    // The manifest of `release`, as a patch from the installed one or whole, checked against the
    // signed metadata and to be that release of this application.
    std::expected<FetchedManifest, Error> fetchManifest(const ReleaseSelector::Release& release, bool fetchAhead);
    // Makes sure the manifest saved for a kept `version` is the signed one, where the trusted
    // metadata still lists it: a saved copy that differs or is gone is fetched again.
    std::expected<void, Error> checkSavedManifest(const Version& version);
    // `release` as metadata valid now has it, refreshing what expired since the check first:
    // Expired when that fails, NotFound when the release was withdrawn meanwhile.
    std::expected<ReleaseSelector::Release, Error> validNow(const ReleaseSelector::Release& release);
    std::expected<void, Error> unpackBundle(const Manifest& target, const QString& folder);
    std::expected<void, Error> writeContent(const UpdatePlan& plan, const QString& installedFolder, Manifest& target,
        const Manifest::Entry& entry, const QString& path);

    InstallLayout m_layout;
    InstallationConfig m_config;
    DownloadCache m_cache;
    std::shared_ptr<RepositoryClient> m_client;
    std::optional<PublisherVerification> m_publisher;
    // Manifests as fetched and parsed, by the signed sha256 of their bytes, so that a check and the
    // install after it fetch one once; its signature is checked again each time.
    struct FetchedManifest {
        QByteArray bytes;
        Manifest manifest;
    };
    std::map<QString, FetchedManifest> m_manifests;
    mutable FileHashCache m_installedHashes;  // of the files patches start from, for plan()
    std::map<QString, SignerFacts> m_signers; // who signed them, as last checked
    // The packs each release offers (from its signed target), by version, as manifest() last read them.
    std::map<Version, std::vector<PackInfo>> m_packs;
    std::map<Version, std::vector<ReleaseSelector::Release::TablesPatch>> m_tablesPatches;
    // What the packs decoded while fetching a manifest made, by the pack's sha256.
    std::map<QString, QStringList> m_packsMade;
    qint64 m_downloaded = 0; // bytes downloaded by the install under way
    ProgressCallback m_progress;
    std::function<void(Journal::Step)> m_stepObserver;
    std::shared_ptr<TransferControl> m_control = std::make_shared<TransferControl>();
    Fetcher::Options m_fetchOptions;
    std::optional<QString> m_password; // read from the password store once, when needed
    void report(Progress::Phase phase);
};
