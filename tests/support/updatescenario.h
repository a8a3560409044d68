#pragma once

// A real update to exercise from end to end: a signed repository with releases of "tool" made
// by ReleasePublisher (a program, a 300 KiB library that changes a little in each release, a
// data file that never changes, optionally a big file that changes wholly), served by two
// FaultServers as mirrors, and installations made by Installation itself.

#include "faultserver.h"
#include "install/installation.h"
#include "support/testrepository.h"

#include <map>
#include <memory>

class UpdateScenario
{
public:
    // bulk: when above 0, each release also has share/bulk.bin, this many bytes unlike those of
    // any other release, so that an update downloads a big object (for faults deep in a file).
    explicit UpdateScenario(qint64 bulk = 0);

    // From now on each release also has share/zones/zNNN, `count` small text files that each
    // change a little from one release to the next (as a time zone database does): an update of
    // many small files, which packs make in one download.
    void setSmallFiles(int count) { m_small = count; }
    // The manifest format releases are published in from now on (ReleasePublisher::Options).
    void setManifestFormat(int format) { m_manifestFormat = format; }

    // Publishes release `n` (version 1.n.0) on `channel`, with patches from the releases before.
    void publish(int n, const QString& channel = QStringLiteral("stable"));
    [[nodiscard]] static QString version(int n);
    // The files of release `n`, by path.
    [[nodiscard]] std::map<QString, QByteArray> files(int n) const;

    [[nodiscard]] TestRepository& repository() { return *m_repository; }
    [[nodiscard]] FaultServer& mirror(int i) { return *m_mirrors.at(size_t(i)); }
    [[nodiscard]] QStringList mirrorUrls() const;

    // A new installation in `folder` following `mirrors` (default: both mirrors), refreshed.
    [[nodiscard]] std::expected<Installation, Error> create(const QString& folder, QStringList mirrors = {}) const;
    // Refreshes, and release `n` as the channel offers it then.
    static std::expected<ReleaseSelector::Release, Error> offered(Installation& installation, int n);
    // Refreshes and installs release `n`.
    static std::expected<History::Record, Error> install(Installation& installation, int n);
    // Whether `current` of the installation in `folder` is release `n`, with exactly its files.
    [[nodiscard]] bool runs(const QString& folder, int n, QString* why = nullptr) const;

private:
    qint64 m_bulk = 0;
    int m_small = 0;
    int m_manifestFormat = 2;
    QTemporaryDir m_dir;
    std::unique_ptr<TestRepository> m_repository;
    std::vector<std::unique_ptr<FaultServer>> m_mirrors;
};
