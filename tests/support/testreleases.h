#pragma once

// Releases for install tests without a TUF repository: folders of files turned into manifests
// and zstd objects by the publisher's own code, and an object source that serves them.

#include "install/stager.h"
#include "release/manifest.h"

#include <QTemporaryDir>

#include <map>

class TestReleases
{
public:
    // The files of a release by path; paths under bin/ are made executable (0755).
    using Files = std::map<QString, QByteArray>;

    // A release of app "demo" at `version`, with a symlink lib/libdemo.so -> libdemo.so.1 when
    // that file exists, and the given health check (a program in the release and its arguments).
    Manifest release(
        const QString& version, const Files& files, const QStringList& healthCheck = {}, int healthTimeoutSeconds = 10);

    [[nodiscard]] QString objectsFolder() const { return m_dir.filePath(QStringLiteral("repo/objects")); }
    [[nodiscard]] Stager::ContentWriter source() const;
    // How many objects source() has served.
    [[nodiscard]] int fetched() const { return *m_fetched; }

    // Whether every entry of `manifest` is in `folder` as it says: each file with its content,
    // each folder and symbolic link.
    [[nodiscard]] static bool holds(const QString& folder, const Manifest& manifest);

private:
    QTemporaryDir m_dir;
    std::shared_ptr<int> m_fetched = std::make_shared<int>(0);
};
