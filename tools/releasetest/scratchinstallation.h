#pragma once

// One installation of the tested application in a scratch folder, following the repository
// through the release test's mirrors: installed fresh at an earlier version, copied for each
// trial, updated in-process or by the real `upkeep` (killed at a moment when asked), and
// checked to be exactly a version: every entry against its signed manifest, and its health check.

#include "error.h"
#include "install/history.h"
#include "install/installation.h"
#include "net/fetcher.h"
#include "release/manifest.h"
#include "release/version.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <chrono>
#include <expected>
#include <optional>

class ScratchInstallation
{
    Q_DECLARE_TR_FUNCTIONS(ScratchInstallation)

public:
    // How a run of the real `upkeep update` ended.
    struct ProgramRun {
        int exitCode = -1;   // -1 when it did not exit by itself
        bool killed = false; // SIGKILLed by us while it ran
        QString output;      // stdout and stderr, merged
        qint64 milliseconds = 0;
    };

    // Registers a new installation in `folder` (empty or absent) of `app` on `channel`.
    static std::expected<ScratchInstallation, Error> create(const QString& folder, const QStringList& mirrors,
        QByteArrayView rootBytes, const QString& app, const QString& channel);

    [[nodiscard]] const QString& folder() const { return m_folder; }

    // Gives the installation an install id in the share of installations that `version`'s staged
    // rollout of `percent` admits, as users a publisher tests for would be: otherwise `upkeep
    // update` is offered an older release, or nothing, and a trial tests that instead.
    std::expected<void, Error> joinRollout(const Version& version, int percent) const;

    // A copy in `folder` (which must not exist), modes and symbolic links as they are.
    [[nodiscard]] std::expected<ScratchInstallation, Error> copyTo(const QString& folder) const;

    // The installation opened in-process and refreshed through its mirrors, `options` for the downloads.
    [[nodiscard]] std::expected<Installation, Error> refreshed(const Fetcher::Options& options) const;
    // `version` among the releases `installation` is offered (after refreshed()); NotFound when it is not.
    static std::expected<ReleaseSelector::Release, Error> release(Installation& installation, const Version& version);
    // The signed manifest of `version`, as the repository has it now.
    [[nodiscard]] std::expected<Manifest, Error> manifest(
        const Version& version, const Fetcher::Options& options) const;

    // Refreshes and installs `version` in-process (a fresh install, or an update from what runs),
    // with `options` for the downloads. The record as the install wrote it to the history.
    std::expected<History::Record, Error> install(const Version& version, const Fetcher::Options& options) const;

    // Runs `upkeep update --yes --dir FOLDER` (the binary `upkeep`), kept away from the user's
    // own files: HOME and the XDG folders under `home`, no session bus. With `killAfter`, it is
    // SIGKILLed after that long unless it finished before. Io when it cannot be started.
    [[nodiscard]] std::expected<ProgramRun, Error> runUpkeep(const QString& upkeep, const QString& home,
        std::optional<std::chrono::milliseconds> killAfter = std::nullopt) const;

    // What keeps the installation from being exactly `manifest`'s version, a sentence for each:
    // `current` elsewhere, and every entry of the version's folder (content, size, mode, link
    // target, anything missing or extra). Empty when it is exactly that version.
    [[nodiscard]] QStringList differences(const Manifest& manifest) const;

    // Whether `manifest`'s health check passed here: `version` runs and the last record of the
    // history about it says it was installed (true), or it was rolled back or failed (false).
    // nullopt when the release has no health check or the history says nothing of it.
    [[nodiscard]] std::optional<bool> healthCheck(const Manifest& manifest) const;

    // The last record of the history; nullopt when there is none.
    [[nodiscard]] std::optional<History::Record> lastRecord() const;

    // Deletes `folder` and everything in it, read-only folders too.
    static void remove(const QString& folder);

private:
    // refreshed(), and `version` among its releases.
    [[nodiscard]] std::expected<std::pair<Installation, ReleaseSelector::Release>, Error> offered(
        const Version& version, const Fetcher::Options& options) const;

    explicit ScratchInstallation(QString folder)
        : m_folder(std::move(folder))
    { }

    QString m_folder;
};
