#include "installationwatcher.h"

#include "install/installationconfig.h"

#include <QDir>
#include <QFileInfo>

InstallationWatcher::InstallationWatcher(QString registryFile, std::chrono::milliseconds settle, QObject* parent)
    : QObject(parent)
    , m_registryFile(std::move(registryFile))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(settle);
    connect(&m_settle, &QTimer::timeout, this, &InstallationWatcher::flush);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &InstallationWatcher::changed);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &InstallationWatcher::changed);
    watch();
}

void InstallationWatcher::setFolders(const QStringList& folders)
{
    if (folders == m_folders)
        return;
    m_folders = folders;
    if (const QStringList watched = m_watcher.files() + m_watcher.directories(); !watched.isEmpty())
        m_watcher.removePaths(watched);
    watch();
}

QStringList InstallationWatcher::registryPaths() const
{
    QStringList paths{m_registryFile};
    QString folder = QFileInfo(m_registryFile).absolutePath();
    while (!QFileInfo(folder).isDir() && folder != QDir::rootPath())
        folder = QFileInfo(folder).absolutePath();
    paths.append(folder);
    return paths;
}

QStringList InstallationWatcher::pathsOf(const QString& folder) const
{
    const InstallLayout layout(folder);
    return {layout.root(), layout.stateFolder(), InstallationConfig::path(layout), layout.history(),
        layout.versionsFolder()};
}

void InstallationWatcher::watch()
{
    QStringList wanted = registryPaths();
    for (const QString& folder : m_folders)
        wanted += pathsOf(folder);
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    QStringList missing;
    for (const QString& path : wanted) {
        if (!watched.contains(path) && QFileInfo::exists(path))
            missing.append(path);
    }
    if (!missing.isEmpty())
        m_watcher.addPaths(missing);
}

void InstallationWatcher::changed(const QString& path)
{
    bool installation = false;
    for (const QString& folder : m_folders) {
        if (path == folder || path.startsWith(folder + u'/')) {
            m_changed.insert(folder);
            installation = true;
        }
    }
    // Else it is the registry or a folder above it, which may since have made the one below.
    if (!installation || path == m_registryFile)
        m_registryChanged = true;
    if (!m_settle.isActive()) // within `settle` of the first change, however long a burst lasts
        m_settle.start();
}

void InstallationWatcher::flush()
{
    watch();
    const QSet<QString> changed = std::exchange(m_changed, {});
    if (std::exchange(m_registryChanged, false))
        Q_EMIT registryChanged();
    for (const QString& folder : changed)
        Q_EMIT installationChanged(folder);
}
