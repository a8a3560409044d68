#pragma once

#include "publish/publishingonly.h"

#include "publish/packwriter.h"
#include "publish/repositorywriter.h"
#include "publish/signingkey.h"
#include "release/manifest.h"
#include "release/packinfo.h"
#include "trust/certificate.h"

#include <QDateTime>

class ReleaseTree;

// Turns a folder or an archive into a release of a repository: the manifest, the objects it
// needs (stored once across releases), the bundle, and the manifest and changelog signed in as
// TUF targets of a channel, with the facts clients need before downloading in `custom`; in a repository
// with a publisher identity also the manifest's detached CMS signature beside it.
// The caller commits the RepositoryWriter.
class ReleasePublisher
{
    Q_DECLARE_TR_FUNCTIONS(ReleasePublisher)

public:
    // Who signs the manifest: a signer certificate of the publisher's CA, its key, the CA certificate.
    struct Signing {
        Certificate certificate;
        SigningKey key;
        std::vector<Certificate> chain;
    };
    struct Options {
        QString app;
        QString version;
        QString channel;
        QString source;    // a folder or an archive
        QString notesFile; // Markdown changelog of this version; optional
        bool critical = false;
        int rolloutPercent = 100;
        QString minimumFrom; // the oldest version that may update to this one; optional
        QString healthCheck; // "PROGRAM ARGS", PROGRAM relative to the release; optional
        int healthCheckTimeout = 30;
        // Patches are made from the files of this many newest earlier releases of each channel.
        int patchDepth = 3;
        QDateTime now = QDateTime::currentDateTimeUtc();
        // The memory the jobs (objects, patches, bundle) may take side by side, in bytes; 0: half the
        // machine's (MemoryBudget::defaultLimit()).
        qint64 memoryLimit = 0;
        // Worker threads; 0: one a core.
        int threads = 0;
        // The manifest's format: 2 (tables in their own file, packs of format zstd-solid-2 carry the
        // manifest), or 1 for a repository whose clients predate format 2 (packs of zstd-solid-1).
        int manifestFormat = Manifest::kLatestFormat;
        // For a repository with a publisher identity (upkeep-publish refuses a release there without one);
        // refused for a repository without.
        std::optional<Signing> signing = std::nullopt;
    };

    ReleasePublisher(QString repository, RepositoryWriter& writer)
        : m_repository(std::move(repository))
        , m_writer(writer)
    { }

    std::expected<Manifest, Error> publish(const Options& options);

    // How the last publish() used the machine.
    struct Report {
        int threads = 0;
        qint64 memoryLimit = 0;
        qint64 reservedPeak = 0; // the most the jobs' estimates reserved at once
        QStringList warnings;    // jobs that could not keep the limit as they were, and what was done
    };
    [[nodiscard]] const Report& report() const { return m_report; }

    static constexpr int kMaxPatchDepth = 20;

private:
    // The manifests of the `depth` newest releases older than `version` in each channel, with their bytes.
    struct Earlier {
        Manifest manifest;
        QByteArray bytes;
    };
    std::expected<std::vector<Earlier>, Error> earlierReleases(
        const QString& app, const Version& version, int depth) const;
    // A pack whose contents frame is made; it is stored once the manifest is final (storePacks()).
    struct PendingPack {
        PackWriter::Group group;
        PackWriter::Compressed compressed;
    };
    // Writes the objects, the patches from earlier releases, the packs' contents and the bundle side by side.
    std::expected<void, Error> writeContents(Manifest& manifest, const std::vector<Earlier>& earlier,
        const ReleaseTree& tree, const QString& work, const Options& options, std::vector<PendingPack>& packs);
    std::expected<JsonArray, Error> manifestPatches(
        const QByteArray& bytes, const std::vector<Earlier>& earlier, const QString& work) const;
    // Makes `manifest` of format 2: writes its tables file as an object and names it.
    std::expected<void, Error> writeTables(Manifest& manifest, const QString& work) const;
    // The tables file as a frame against each earlier manifest then this one (custom.tables_patches).
    std::expected<JsonArray, Error> tablesPatches(
        const Manifest& manifest, const QByteArray& bytes, const std::vector<Earlier>& earlier) const;
    // Stores the packs, the first from each earlier release of format 2 with this manifest in it.
    std::expected<std::vector<PackInfo>, Error> storePacks(
        const std::vector<PendingPack>& pending, const QByteArray& bytes, const std::vector<Earlier>& earlier) const;
    std::expected<void, Error> checkNotPublished(const QString& app, const Version& version) const;

    QString m_repository;
    RepositoryWriter& m_writer;
    Report m_report;
};
