#include "programorigin.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

ProgramOrigin ProgramOrigin::of(const QString& path)
{
    ProgramOrigin origin;
    const QFileInfo info(path);
    origin.m_program = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
    // /usr/local is the administrator's own, not the package manager's.
    if (origin.m_program.startsWith(u"/usr/"_s) && !origin.m_program.startsWith(u"/usr/local/"_s)) {
        origin.m_kind = Kind::Package;
        return origin;
    }
    // ROOT/versions/V/...: the nearest folder whose parent is "versions" under an installation.
    QDir version = QFileInfo(origin.m_program).dir();
    while (!version.isRoot()) {
        QDir versions = version;
        if (!versions.cdUp())
            break;
        QDir root = versions;
        if (versions.dirName() == u"versions"_s && root.cdUp()
            && QFileInfo(root.filePath(u".upkeep/config.json"_s)).isFile()) {
            if (auto parsed = Version::parse(version.dirName())) {
                origin.m_kind = Kind::Installation;
                origin.m_folder = root.path();
                origin.m_version = *parsed;
                origin.m_pathInVersion = version.relativeFilePath(origin.m_program);
                return origin;
            }
        }
        version = versions;
    }
    return origin;
}

ProgramOrigin ProgramOrigin::running()
{
    return of(QCoreApplication::applicationFilePath());
}

bool ProgramOrigin::isFolder(const QString& folder) const
{
    return m_kind == Kind::Installation && QFileInfo(folder).canonicalFilePath() == m_folder;
}
