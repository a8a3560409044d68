#include "installlayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

using namespace Qt::StringLiterals;

InstallLayout::InstallLayout(QString root)
    : m_root(QDir::cleanPath(QFileInfo(root).absoluteFilePath()))
{ }

QString InstallLayout::versionFolder(const Version& version) const
{
    return versionsFolder() + u'/' + version.toString();
}

QString InstallLayout::stagingFolder(const Version& version) const
{
    return versionsFolder() + u"/.staging-"_s + version.toString();
}

QString InstallLayout::manifestFile(const Version& version) const
{
    return stateFolder() + u"/manifests/"_s + version.toString() + u".json"_s;
}

std::expected<void, Error> InstallLayout::create() const
{
    for (const QString& folder : {versionsFolder(), stateFolder() + u"/manifests"_s, cacheFolder()}) {
        if (!QDir().mkpath(folder))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot create the folder %1.").arg(folder)});
    }
    return {};
}

std::expected<Version, Error> InstallLayout::currentVersion() const
{
    // The link is written relative ("versions/1.2.0") so that the whole root can move.
    QByteArray target(4096, Qt::Uninitialized);
    const ssize_t length
        = ::readlink(QFile::encodeName(currentLink()).constData(), target.data(), size_t(target.size()));
    if (length < 0)
        return std::unexpected(Error{Error::Code::NotFound, tr("Nothing is installed in %1 yet.").arg(m_root)});
    const QString text = QFile::decodeName(target.left(length));
    const QString prefix = u"versions/"_s;
    if (!text.startsWith(prefix) || text.mid(prefix.size()).contains(u'/')) {
        return std::unexpected(Error{Error::Code::InvalidInput,
            tr("%1 points to %2, not to a version under versions/.").arg(currentLink(), text)});
    }
    auto version = Version::parse(text.mid(prefix.size()));
    if (!version)
        return std::unexpected(version.error().prefixed(currentLink()));
    return version;
}

std::vector<Version> InstallLayout::keptVersions() const
{
    std::vector<Version> versions;
    for (const QString& name : QDir(versionsFolder()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (auto version = Version::parse(name))
            versions.push_back(*version);
    }
    std::sort(versions.begin(), versions.end());
    return versions;
}
