#include "launcherlink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

LauncherLink::LauncherLink()
    : LauncherLink(QDir::homePath() + u"/.local/bin/upkeep"_s)
{ }

QString LauncherLink::target(const QString& root)
{
    return QDir::cleanPath(QFileInfo(root).absoluteFilePath()) + u"/current/bin/upkeep"_s;
}

QString LauncherLink::ownTarget() const
{
    const QFileInfo info(m_path);
    if (!info.isSymLink())
        return {};
    const QString linked = info.symLinkTarget();
    return linked.endsWith(u"/current/bin/upkeep"_s) ? linked : QString();
}

std::expected<LauncherLink::Result, Error> LauncherLink::point(const QString& root) const
{
    const QString wanted = target(root);
    if (!QFileInfo(wanted).isExecutable())
        return Result{Outcome::Missing, wanted};
    const QFileInfo info(m_path);
    const bool present = info.exists() || info.isSymLink();
    const QString own = ownTarget();
    if (own == wanted)
        return Result{Outcome::Kept, {}};
    if (present && own.isEmpty())
        return Result{Outcome::Occupied, info.isSymLink() ? info.symLinkTarget() : m_path};
    if (!QDir().mkpath(info.absolutePath()))
        return std::unexpected(Error{Error::Code::Io, u"cannot create the folder %1."_s.arg(info.absolutePath())});
    // Made beside it and renamed over it, so that the command is never missing meanwhile.
    const QString fresh = m_path + u".upkeep-new"_s;
    QFile::remove(fresh);
    if (::symlink(QFile::encodeName(wanted).constData(), QFile::encodeName(fresh).constData()) != 0
        || std::rename(QFile::encodeName(fresh).constData(), QFile::encodeName(m_path).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(fresh);
        return std::unexpected(Error{Error::Code::Io, u"cannot link %1 to %2: %3."_s.arg(m_path, wanted, reason)});
    }
    return Result{present ? Outcome::Replaced : Outcome::Made, own};
}

std::expected<bool, Error> LauncherLink::removeFor(const QString& root) const
{
    if (ownTarget() != target(root))
        return false;
    if (::unlink(QFile::encodeName(m_path).constData()) != 0) {
        return std::unexpected(Error{
            Error::Code::Io, u"cannot remove %1: %2."_s.arg(m_path, QString::fromLocal8Bit(std::strerror(errno)))});
    }
    return true;
}
