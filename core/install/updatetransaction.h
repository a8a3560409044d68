#pragma once

#include "install/history.h"
#include "install/journal.h"
#include "install/stager.h"

// One change of an installation, in journaled steps that a crash at any moment leaves
// restartable: stage the new version beside the running one, switch `current`, run the health
// check, and switch back (recording why) when it fails. recover() finishes or undoes a change
// that a crash interrupted, so that `current` is always one complete version. The caller holds
// the installation's InstallLock.
class UpdateTransaction
{
    Q_DECLARE_TR_FUNCTIONS(UpdateTransaction)

public:
    static constexpr int kDefaultRetention = 3;

    UpdateTransaction(InstallLayout layout, Stager::ContentWriter contents)
        : m_layout(std::move(layout))
        , m_contents(std::move(contents))
    { }

    // Installs `target`, as a fresh install or an update. The record says what happened: an
    // update whose health check failed is rolled back and returns RolledBackAutomatically.
    // An error means nothing changed (the running version still runs). `downloaded` tells how
    // many bytes the object source fetched, for the history.
    std::expected<History::Record, Error> install(
        const Manifest& target, const QString& channel, const std::function<qint64()>& downloaded = {});
    // Told each step as the journal records it (for progress: staging, switching, checking).
    void setStepObserver(std::function<void(Journal::Step)> observer) { m_observer = std::move(observer); }
    // For a fresh install from a bundle: files come from this unpacked folder, not from objects.
    void setContentFolder(const QString& folder) { m_contentFolder = folder; }
    // Who signed the release install() puts in place, for its history record.
    void setSigner(std::optional<SignerFacts> signer) { m_signer = std::move(signer); }
    // How the update's downloads came, for its record.
    void setTransfer(History::Transfer transfer) { m_transfer = transfer; }

    // Goes back to a kept version because the user asked. The kept version is checked against its
    // manifest first and repaired through the content writer when it is damaged; when it cannot
    // be, nothing changes and the error names the damaged files.
    std::expected<History::Record, Error> rollback(const Version& to, const QString& channel);
    // Finishes or undoes an interrupted change; nullopt when there was none.
    std::expected<std::optional<History::Record>, Error> recover(const QString& channel = {});
    // Removes old versions beyond `keep`, never the current or the previous one; returns them.
    std::expected<std::vector<Version>, Error> prune(int keep = kDefaultRetention);

    // The manifest of an installed version, as saved when it was installed.
    [[nodiscard]] std::expected<Manifest, Error> installedManifest(const Version& version) const;

private:
    std::expected<void, Error> journal(
        Journal::Step step, const QString& from, const QString& to, const QString& note = {});
    std::expected<History::Record, Error> finish(History::Record record);
    std::expected<void, Error> ensureCurrent(const QString& version);
    // Checks the kept versions/V of `target` and repairs it if it is damaged.
    std::expected<void, Error> ensureIntact(const Manifest& target, const Manifest* installed);

    InstallLayout m_layout;
    Stager::ContentWriter m_contents;
    QString m_contentFolder;
    std::optional<SignerFacts> m_signer;
    History::Transfer m_transfer = History::Transfer::Unknown;
    std::function<void(Journal::Step)> m_observer;
};
