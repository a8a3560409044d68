#include "scratchinstallation.h"

#include "install/installation.h"
#include "install/installationconfig.h"
#include "install/versioncheck.h"
#include "policy/rollout.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QUuid>

#include <csignal>
#include <filesystem>
#include <system_error>

using namespace Qt::StringLiterals;
namespace fs = std::filesystem;

namespace {

// Copies the tree `from` to `to`: files with their modes, symbolic links as links (never
// followed), folders made writable while they fill and given their own modes last.
std::expected<void, Error> copyTree(const fs::path& from, const fs::path& to)
{
    std::error_code error;
    std::vector<std::pair<fs::path, fs::perms>> folders;
    auto failed = [&](const fs::path& path) {
        return std::unexpected(Error{Error::Code::Io,
            ScratchInstallation::tr("Cannot copy %1: %2.")
                .arg(QString::fromStdString(path.string()), QString::fromStdString(error.message()))});
    };
    fs::create_directory(to, error);
    if (error)
        return failed(to);
    folders.emplace_back(to, fs::symlink_status(from).permissions());
    for (fs::recursive_directory_iterator it(from, error), end; !error && it != end; it.increment(error)) {
        const fs::path target = to / it->path().lexically_relative(from);
        const fs::file_status status = it->symlink_status(error);
        if (error)
            return failed(it->path());
        if (fs::is_symlink(status)) {
            fs::copy_symlink(it->path(), target, error);
        } else if (fs::is_directory(status)) {
            fs::create_directory(target, error);
            if (!error) {
                fs::permissions(target, fs::perms::owner_all, fs::perm_options::add, error);
                folders.emplace_back(target, status.permissions());
            }
        } else if (fs::is_regular_file(status)) {
            fs::copy_file(it->path(), target, error);
        }
        if (error)
            return failed(it->path());
    }
    if (error)
        return failed(from);
    // Innermost first, so that a read-only folder is closed after what it holds was written.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
        fs::permissions(it->first, it->second, error);
        if (error)
            return failed(it->first);
    }
    return {};
}

} // namespace

std::expected<ScratchInstallation, Error> ScratchInstallation::create(const QString& folder, const QStringList& mirrors,
    QByteArrayView rootBytes, const QString& app, const QString& channel)
{
    auto installation = Installation::create(folder, mirrors, rootBytes, app, channel);
    if (!installation)
        return std::unexpected(installation.error());
    return ScratchInstallation(installation->layout().root());
}

std::expected<void, Error> ScratchInstallation::joinRollout(const Version& version, int percent) const
{
    const InstallLayout layout(m_folder);
    auto config = InstallationConfig::load(layout);
    if (!config)
        return std::unexpected(config.error());
    if (percent <= 0) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 %2 is offered to no installation (its rollout is at 0 %): no update reaches it.")
                .arg(config->app, version.toString())});
    }
    // Buckets are spread evenly: a few tries find one for any share of 1 % or more.
    while (!rolloutAdmits(percent, config->installId, config->app, version.toString()))
        config->installId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return config->save(layout);
}

std::expected<ScratchInstallation, Error> ScratchInstallation::copyTo(const QString& folder) const
{
    if (QFileInfo::exists(folder) || QFileInfo(folder).isSymLink())
        return std::unexpected(Error{Error::Code::Usage, tr("%1 exists already.").arg(folder)});
    if (auto copied = copyTree(QFile::encodeName(m_folder).toStdString(), QFile::encodeName(folder).toStdString());
        !copied) {
        remove(folder);
        return std::unexpected(copied.error());
    }
    return ScratchInstallation(QFileInfo(folder).absoluteFilePath());
}

std::expected<Installation, Error> ScratchInstallation::refreshed(const Fetcher::Options& options) const
{
    auto installation = Installation::open(m_folder);
    if (!installation)
        return std::unexpected(installation.error());
    installation->setFetchOptions(options);
    if (auto refreshed = installation->refresh(); !refreshed)
        return std::unexpected(refreshed.error());
    return installation;
}

std::expected<ReleaseSelector::Release, Error> ScratchInstallation::release(
    Installation& installation, const Version& version)
{
    auto releases = installation.releases();
    if (!releases)
        return std::unexpected(releases.error());
    for (const ReleaseSelector::Release& release : *releases) {
        if (release.version == version)
            return release;
    }
    return std::unexpected(Error{Error::Code::NotFound,
        tr("%1 %2 is not offered on %3.")
            .arg(installation.config().app, version.toString(), installation.config().channel)});
}

std::expected<std::pair<Installation, ReleaseSelector::Release>, Error> ScratchInstallation::offered(
    const Version& version, const Fetcher::Options& options) const
{
    auto installation = refreshed(options);
    if (!installation)
        return std::unexpected(installation.error());
    auto found = release(*installation, version);
    if (!found)
        return std::unexpected(found.error());
    return std::pair{std::move(*installation), std::move(*found)};
}

std::expected<Manifest, Error> ScratchInstallation::manifest(
    const Version& version, const Fetcher::Options& options) const
{
    auto found = offered(version, options);
    if (!found)
        return std::unexpected(found.error());
    return found->first.manifest(found->second);
}

std::expected<History::Record, Error> ScratchInstallation::install(
    const Version& version, const Fetcher::Options& options) const
{
    auto found = offered(version, options);
    if (!found)
        return std::unexpected(found.error());
    return found->first.install(found->second);
}

std::expected<ScratchInstallation::ProgramRun, Error> ScratchInstallation::runUpkeep(
    const QString& upkeep, const QString& home, std::optional<std::chrono::milliseconds> killAfter) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    environment.insert(u"HOME"_s, home);
    for (const auto& [name, sub] :
        {std::pair{u"XDG_CONFIG_HOME"_s, u"/.config"_s}, {u"XDG_DATA_HOME"_s, u"/.local/share"_s},
            {u"XDG_CACHE_HOME"_s, u"/.cache"_s}, {u"XDG_STATE_HOME"_s, u"/.local/state"_s}}) {
        environment.insert(name, home + sub);
        QDir().mkpath(home + sub);
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(upkeep, {u"update"_s, u"--yes"_s, u"--dir"_s, m_folder});
    if (!process.waitForStarted(30000)) {
        return std::unexpected(Error{Error::Code::Io, tr("Cannot run %1: %2.").arg(upkeep, process.errorString())});
    }
    ProgramRun run;
    // Ten minutes is more than any update of a release under test takes here.
    constexpr int kLongest = 10 * 60 * 1000;
    const int wait = killAfter ? int(killAfter->count()) : kLongest;
    if (!process.waitForFinished(wait) && process.state() == QProcess::Running) {
        ::kill(pid_t(process.processId()), SIGKILL);
        run.killed = killAfter.has_value();
        process.waitForFinished(-1);
    }
    run.milliseconds = timer.elapsed();
    run.output = QString::fromLocal8Bit(process.readAll());
    if (process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    else if (!killAfter)
        run.output += tr("\nupkeep did not finish within %n minutes.", nullptr, kLongest / 60000);
    return run;
}

QStringList ScratchInstallation::differences(const Manifest& manifest) const
{
    InstallLayout layout(m_folder);
    const QString folder = layout.versionFolder(manifest.version);
    const QString current = QFile::symLinkTarget(layout.currentLink());
    if (QFileInfo(current).absoluteFilePath() != QFileInfo(folder).absoluteFilePath()) {
        const auto running = layout.currentVersion();
        return {running ? tr("current is %1, not %2.").arg(running->toString(), manifest.version.toString())
                        : tr("current is not a version (%1).").arg(running.error().message)};
    }
    QStringList sentences;
    for (const VersionCheck::Damage& damage : VersionCheck::check(folder, manifest))
        sentences.append(tr("%1: %2.").arg(damage.path, damage.problem));
    return sentences;
}

std::optional<bool> ScratchInstallation::healthCheck(const Manifest& manifest) const
{
    if (!manifest.healthCheck)
        return std::nullopt;
    InstallLayout layout(m_folder);
    const auto records = History(layout.history()).records();
    if (!records)
        return std::nullopt;
    const QString version = manifest.version.toString();
    for (auto it = records->rbegin(); it != records->rend(); ++it) {
        if (it->to != version || (it->kind != History::Kind::Install && it->kind != History::Kind::Update))
            continue;
        switch (it->outcome) {
        case History::Outcome::Installed: {
            const auto running = layout.currentVersion();
            return running && *running == manifest.version;
        }
        case History::Outcome::RolledBackAutomatically:
        case History::Outcome::Failed: return false;
        case History::Outcome::RolledBackByUser:
        case History::Outcome::Interrupted: return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<History::Record> ScratchInstallation::lastRecord() const
{
    const auto records = History(InstallLayout(m_folder).history()).records();
    if (!records || records->empty())
        return std::nullopt;
    return records->back();
}

void ScratchInstallation::remove(const QString& folder)
{
    std::error_code error;
    const fs::path root = QFile::encodeName(folder).toStdString();
    if (!fs::exists(fs::symlink_status(root, error)))
        return;
    // Read-only folders (a release's own) must be opened before what they hold can go.
    if (fs::is_directory(fs::symlink_status(root, error))) {
        fs::permissions(root, fs::perms::owner_all, fs::perm_options::add, error);
        for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
            if (it->is_directory(error) && !it->is_symlink(error))
                fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, error);
        }
    }
    fs::remove_all(root, error);
}
