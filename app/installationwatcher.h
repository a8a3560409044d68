#pragma once

#include <QFileSystemWatcher>
#include <QSet>
#include <QStringList>
#include <QTimer>

// Tells the window what other processes changed on disk, so that it shows it without a restart:
// the registry (`upkeep add`, `upkeep remove`) and, per installation, its config.json (hold,
// channel), history and `current` link and kept versions (`upkeep update`, `rollback`). Files
// replaced by an atomic rename drop out of a QFileSystemWatcher, so the folders that hold them
// are watched and every path is watched again after each change. The changes of a burst (an
// update writes many files) are told together, `settle` after the first of them.
class InstallationWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InstallationWatcher(QString registryFile,
        std::chrono::milliseconds settle = std::chrono::milliseconds(250), QObject* parent = nullptr);

    // The installations to watch; others are no longer watched.
    void setFolders(const QStringList& folders);

Q_SIGNALS:
    void registryChanged();
    void installationChanged(const QString& folder);

private:
    void changed(const QString& path);
    void flush();
    // Watches every path that exists now; a registry folder not made yet is watched through
    // the nearest folder above it that exists.
    void watch();
    [[nodiscard]] QStringList pathsOf(const QString& folder) const;
    [[nodiscard]] QStringList registryPaths() const;

    QString m_registryFile;
    QStringList m_folders;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    bool m_registryChanged = false;
    QSet<QString> m_changed; // installations changed since the last flush
};
