#pragma once

#include "net/repositorysource.h"
#include "trust/timestampvalidators.h"
#include "trust/trustedset.h"

#include <memory>
#include <vector>

// The TUF client workflow against one repository and its mirrors: refresh the trusted metadata
// (root chain, timestamp, snapshot, targets, the delegated roles) and download targets checked
// against it. Each file is tried on each mirror in turn until one serves bytes that verify; a
// mirror whose copy fails verification counts as one without the file, and the error, when no
// mirror serves it, names each mirror and what was wrong with its answer.
// The trusted state lives in one file (an installation's .upkeep/trusted-metadata.json); a
// refresh replaces it atomically when it succeeds and leaves it untouched when it fails.
class RepositoryClient
{
    Q_DECLARE_TR_FUNCTIONS(RepositoryClient)

public:
    // Upper bounds on downloads whose length no signed metadata gives (TUF's defaults).
    struct Limits {
        qint64 root = 512 * 1024;
        qint64 timestamp = 16 * 1024;
        qint64 snapshot = 2'000'000;
        qint64 targets = 5'000'000;
        int maxRootRotations = 32;
    };

    RepositoryClient(std::vector<std::shared_ptr<RepositorySource>> mirrors, QString stateFile, Limits limits);
    RepositoryClient(std::vector<std::shared_ptr<RepositorySource>> mirrors, QString stateFile)
        : RepositoryClient(std::move(mirrors), std::move(stateFile), Limits{})
    { }

    // Starts the trusted state from a root file the user chose to trust (it must sign itself).
    static std::expected<void, Error> trustRoot(const QString& stateFile, QByteArrayView rootBytes);

    // Says whether the caller needs `role`, one of the roles the top-level targets role delegates
    // to (Upkeep's channels), judged on the trusted set as refreshed so far. A refresh fails unless
    // the roles needed, and every role they delegate to, load; any other role loads when it can
    // and is otherwise left out of the trusted set, so that a broken channel the caller does not
    // follow cannot stop its updates. Without one (a publisher's full check) every role is needed.
    using RequiredRoles = std::function<bool(const TrustedSet& trusted, const QString& role)>;
    void setRequiredRoles(RequiredRoles required) { m_requiredRoles = std::move(required); }
    // Loads, below the channels, only the roles whose paths may hold targets under `folder`/ (the
    // application an installation follows, APP/VERSION/FILE): a repository of a hundred
    // applications costs a client the roles of its own. Empty (the default) loads every role.
    void setTargetFolder(QString folder) { m_targetFolder = std::move(folder); }

    std::expected<void, Error> refresh(const QDateTime& now = QDateTime::currentDateTimeUtc());

    // The verified metadata after refresh() (or as last persisted, when refresh was not called).
    std::expected<const TrustedSet*, Error> trusted();

    // Finds `path` through the delegations and downloads it, checked against its signed length
    // and hashes. For small targets (manifests, changelogs); large files go through net/.
    std::expected<QByteArray, Error> fetchTarget(const QString& path);
    // Downloads a file that is not a TUF target but is vouched for by one (an object a signed
    // manifest names), from the mirrors in turn, checked against its length and sha256.
    std::expected<QByteArray, Error> fetchVerified(const QString& path, qint64 length, const QString& sha256);

    // Downloads and checks every target of every trusted role (a publisher's or auditor's full
    // check); returns how many verified, and one error per target that did not.
    struct Audit {
        int verified = 0;
        std::vector<Error> problems;
    };
    std::expected<Audit, Error> verifyAllTargets();

    // The file name of a target in the repository (hash-prefixed with consistent snapshots).
    [[nodiscard]] static QString targetFileName(const QString& path, const TargetFileInfo& info, bool consistent);

private:
    std::expected<QByteArray, Error> fetchFromMirrors(
        const QString& path, qint64 maxLength, const std::function<std::expected<void, Error>(QByteArrayView)>& accept);
    std::expected<void, Error> loadState();
    // 5.4: the newest timestamp any mirror serves that verifies, into `work`; each mirror is asked
    // with the ETag of its last timestamp (`validators`, updated with the answers).
    std::expected<void, Error> refreshTimestamp(
        TrustedSet& work, TimestampValidators& validators, const QDateTime& now);
    // 5.6: fetches the targets role `role` (delegated by `parent`, "root" for the top-level one) into `work`,
    // unless `work` keeps the version the snapshot names.
    std::expected<void, Error> updateTargets(
        TrustedSet& work, const QString& role, const QString& parent, const QDateTime& now);

    std::vector<std::shared_ptr<RepositorySource>> m_mirrors;
    QString m_stateFile;
    Limits m_limits;
    std::optional<TrustedSet> m_trusted;
    RequiredRoles m_requiredRoles;
    QString m_targetFolder;
};
