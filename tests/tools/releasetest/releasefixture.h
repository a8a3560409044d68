#pragma once

// A repository with releases 1.0.0, 1.1.0 and 1.2.0 of "app" on stable, as a publisher would
// test them: a program with a health check (bin/app --check), a library that changes a little in
// each release (so updates take patches) and its symlink, data that never changes, and a file new
// in each release (a whole object, the largest download of an update). 1.2.0 may be broken.

#include "support/testrepository.h"

#include <QTemporaryDir>

#include <map>
#include <memory>

class ReleaseFixture
{
public:
    enum class Break {
        None,
        HealthCheckFails, // 1.2.0's bin/app --check exits 1
        NotExecutable,    // 1.2.0's bin/app is published 0644, so that its health check cannot run
    };

    // Publishes releases 0 to `releases` - 1 (1.0.0, 1.1.0, …).
    explicit ReleaseFixture(Break broken = Break::None, int releases = 3);

    // Publishes release `n` (version 1.n.0) on stable; `minimumFrom`: the oldest version it
    // takes updates from.
    void publish(int n, Break broken = Break::None, const QString& minimumFrom = {});

    [[nodiscard]] QString repository() const { return m_repository->path(); }
    [[nodiscard]] QByteArray root() const { return m_repository->initialRoot(); }
    [[nodiscard]] static QString version(int n) { return QStringLiteral("1.%1.0").arg(n); }
    // The files of release `n`, by path (the symlink lib/libapp.so -> libapp.so.1 aside).
    [[nodiscard]] static std::map<QString, QByteArray> files(int n, Break broken = Break::None);
    // The sha256 (hex) of `bytes`: the name of their object and patches.
    [[nodiscard]] static QString sha256(const QByteArray& bytes);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestRepository> m_repository;
};
