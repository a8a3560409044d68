#include "scratchfolder.h"

#include "scratchinstallation.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {
// Marks a folder kept aside (--keep): no later run removes it.
const QString kKeptMark = u"KEPT"_s;
} // namespace

std::expected<ScratchFolder, Error> ScratchFolder::make(const QString& parent)
{
    removeAbandoned(parent);
    QByteArray name = QFile::encodeName(QDir(parent).filePath(kPrefix + u"XXXXXX"_s));
    if (!::mkdtemp(name.data())) {
        return std::unexpected(Error{Error::Code::Io,
            tr("cannot make a scratch folder in %1: %2.").arg(parent, QString::fromLocal8Bit(std::strerror(errno)))});
    }
    const QString path = QFile::decodeName(name);
    auto lock = InstallLock::acquireFolder(path);
    if (!lock) {
        QDir(path).removeRecursively();
        return std::unexpected(lock.error());
    }
    return ScratchFolder(path, std::move(*lock));
}

ScratchFolder::ScratchFolder(ScratchFolder&& other) noexcept
    : m_path(std::exchange(other.m_path, QString()))
    , m_lock(std::exchange(other.m_lock, std::nullopt))
    , m_keep(other.m_keep)
{ }

ScratchFolder::~ScratchFolder()
{
    if (m_path.isEmpty() || m_keep)
        return;
    m_lock.reset();
    ScratchInstallation::remove(m_path);
}

void ScratchFolder::keep()
{
    m_keep = true;
    QFile mark(filePath(kKeptMark));
    if (mark.open(QIODevice::WriteOnly))
        mark.write("kept by upkeep-publish test --keep; delete the folder when done\n");
}

void ScratchFolder::removeAbandoned(const QString& parent)
{
    const QFileInfoList folders = QDir(parent).entryInfoList({kPrefix + u"*"_s}, QDir::Dirs | QDir::NoSymLinks);
    const QDateTime aMinuteAgo = QDateTime::currentDateTimeUtc().addSecs(-60);
    for (const QFileInfo& folder : folders) {
        // A run takes its lock right after making its folder: leave the newest alone.
        if (!folder.isWritable() || folder.lastModified().toUTC() > aMinuteAgo
            || QFileInfo::exists(folder.filePath() + u'/' + kKeptMark))
            continue;
        auto lock = InstallLock::acquireFolder(folder.filePath());
        if (!lock)
            continue; // its run is still going
        ScratchInstallation::remove(folder.filePath());
    }
}
