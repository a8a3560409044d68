#include "repositorypaths.h"

#include <QStringList>

using namespace Qt::StringLiterals;

QString RepositoryPaths::manifest(const QString& app, const Version& version)
{
    return releaseFolder(app, version.toString()) + u"manifest.json"_s;
}

QString RepositoryPaths::manifestSignature(const QString& app, const Version& version)
{
    return manifest(app, version) + u".p7s"_s;
}

QString RepositoryPaths::revocationList()
{
    return u"publisher/ca.crl"_s;
}

QString RepositoryPaths::changelog(const QString& app, const Version& version)
{
    return releaseFolder(app, version.toString()) + u"CHANGELOG.md"_s;
}

QString RepositoryPaths::bundle(const QString& app, const Version& version)
{
    return u"bundles/"_s + app + u'-' + version.toString() + u".tar.zst"_s;
}

QString RepositoryPaths::object(const QString& sha256)
{
    return u"objects/"_s + sha256 + u".zst"_s;
}

QString RepositoryPaths::patch(const QString& from, const QString& to)
{
    return u"patches/"_s + from + u'-' + to;
}

QString RepositoryPaths::pack(const QString& sha256)
{
    return u"packs/"_s + sha256;
}

std::optional<Version> RepositoryPaths::manifestVersion(const QString& path, const QString& app)
{
    const QString folder = releaseFolderOf(path, app);
    if (folder.isEmpty() || path != releaseFolder(app, folder) + u"manifest.json"_s)
        return std::nullopt;
    auto version = Version::parse(folder);
    return version ? std::optional<Version>(*version) : std::nullopt;
}

QString RepositoryPaths::releaseFolder(const QString& app, const QString& version)
{
    return app + u'/' + version + u'/';
}

QString RepositoryPaths::releaseFolderOf(const QString& path, const QString& app)
{
    const QStringList parts = path.split(u'/');
    return parts.size() == 3 && parts[0] == app ? parts[1] : QString();
}
