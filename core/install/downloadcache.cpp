#include "downloadcache.h"

#include "release/objectdecoder.h"
#include "release/patchdecoder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cstdio>

using namespace Qt::StringLiterals;

DownloadCache::DownloadCache(QString folder)
    : m_folder(std::move(folder))
{ }

std::expected<void, Error> DownloadCache::create() const
{
    if (!QDir().mkpath(m_folder))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1.").arg(m_folder)});
    return {};
}

QString DownloadCache::fileName(const UpdatePlan::Download& download)
{
    return QString(download.path).replace(u'/', u'_');
}

QString DownloadCache::file(const UpdatePlan::Download& download) const
{
    return m_folder + u'/' + fileName(download);
}

QString DownloadCache::workPath(const QString& name) const
{
    return m_folder + u'/' + name;
}

QString DownloadCache::contentFile(const QString& sha256) const
{
    return workPath(u"content-"_s + sha256);
}

bool DownloadCache::holds(const UpdatePlan::Download& download) const
{
    return QFileInfo::exists(file(download));
}

qint64 DownloadCache::missing(const UpdatePlan::Download& download) const
{
    // A finished download waits in the cache (checked again before use); a partial one resumes,
    // unless it is longer than the download, and so not its beginning.
    const qint64 finished = QFileInfo(file(download)).size();
    const qint64 partial = QFileInfo(file(download) + u".part"_s).size();
    if (finished == download.length)
        return 0;
    return partial <= download.length ? download.length - partial : download.length;
}

PartialFile::Verifier DownloadCache::verifier(
    const UpdatePlan::Download& download, const QString& installedFolder) const
{
    if (!download.sha256.isEmpty())
        return {}; // checked by its own sha256
    if (!download.isPatch()) {
        return [download](const QString& file) { return verifyObject(file, download.makesSize, download.makes); };
    }
    // A patch is right when it makes the content from the installed file.
    const QString old = QFileInfo(download.patchedFrom).isAbsolute() || installedFolder.isEmpty()
        ? download.patchedFrom
        : installedFolder + u'/' + download.patchedFrom;
    return [download, old, made = contentFile(download.makes)](const QString& file) {
        const QString trial = made + u".check"_s;
        QFile::remove(trial);
        auto applied = applyPatch(download.format, old, file, trial, download.makesSize, download.makes, 0600);
        // What the check made is the content itself: kept, it is staged without patching again.
        if (!applied || ::rename(QFile::encodeName(trial).constData(), QFile::encodeName(made).constData()) != 0)
            QFile::remove(trial);
        return applied;
    };
}

void DownloadCache::remove(const UpdatePlan::Download& download) const
{
    QFile::remove(file(download));
}

void DownloadCache::keepOnly(const std::vector<UpdatePlan::Download>& downloads, const QStringList& contents) const
{
    QSet<QString> wanted;
    for (const QString& sha256 : contents)
        wanted.insert(QFileInfo(contentFile(sha256)).fileName());
    for (const UpdatePlan::Download& download : downloads) {
        wanted.insert(fileName(download));
        wanted.insert(fileName(download) + u".part"_s);
        if (download.isPatch())
            wanted.insert(QFileInfo(contentFile(download.makes)).fileName());
    }
    const QDir cache(m_folder);
    for (const QString& name : cache.entryList(QDir::Files | QDir::Hidden)) {
        if (!wanted.contains(name))
            QFile::remove(cache.filePath(name));
    }
}

void DownloadCache::clear() const
{
    const QDir cache(m_folder);
    for (const QString& name : cache.entryList(QDir::Files))
        QFile::remove(cache.filePath(name));
}
