#include "testreleases.h"

#include "publish/objectwriter.h"
#include "release/objectdecoder.h"
#include "release/releasetree.h"
#include "support/testbytes.h"
#include "support/testfiles.h"

#include <QFile>
#include <QFileInfo>

#include <unistd.h>

using namespace Qt::StringLiterals;

Manifest TestReleases::release(
    const QString& version, const Files& files, const QStringList& healthCheck, int healthTimeoutSeconds)
{
    const QString source = m_dir.filePath(u"source-"_s + version);
    for (const auto& [path, content] : files) {
        const QString file = source + u'/' + path;
        if (!tryWriteTestFile(file, content))
            qFatal("TestReleases: cannot write %s", qPrintable(file));
        if (path.startsWith(u"bin/"_s))
            QFile::setPermissions(file,
                QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                    | QFile::ReadOther | QFile::ExeOther);
    }
    if (files.contains(u"lib/libdemo.so.1"_s))
        ::symlink("libdemo.so.1", QFile::encodeName(source + u"/lib/libdemo.so"_s).constData());
    auto tree = ReleaseTree::open(source, m_dir.filePath(u"work"_s));
    if (!tree)
        qFatal("TestReleases: %s", qPrintable(tree.error().message));
    Manifest manifest;
    manifest.app = u"demo"_s;
    manifest.version = *Version::parse(version);
    manifest.entries = tree->entries();
    if (!healthCheck.isEmpty())
        manifest.healthCheck = Manifest::HealthCheck{healthCheck, healthTimeoutSeconds};
    ObjectWriter writer(m_dir.filePath(u"repo"_s), 3);
    for (const auto& entry : manifest.entries) {
        if (entry.type == Manifest::Entry::Type::File && entry.size > 0 && !manifest.objects.contains(entry.sha256))
            manifest.objects.emplace(entry.sha256, *writer.put(tree->filePath(entry), entry.sha256));
    }
    if (auto valid = manifest.validate(); !valid)
        qFatal("TestReleases: %s", qPrintable(valid.error().message));
    return manifest;
}

Stager::ContentWriter TestReleases::source() const
{
    return [folder = objectsFolder(), fetched = m_fetched](
               const Manifest::Entry& entry, const QString& path) -> std::expected<void, Error> {
        ++*fetched;
        return decodeObject(folder + u'/' + entry.sha256 + u".zst"_s, path, entry.size, entry.sha256, entry.mode);
    };
}

bool TestReleases::holds(const QString& folder, const Manifest& manifest)
{
    for (const auto& entry : manifest.entries) {
        const QFileInfo info(folder + u'/' + entry.path);
        switch (entry.type) {
        case Manifest::Entry::Type::Symlink:
            if (!info.isSymLink())
                return false;
            break;
        case Manifest::Entry::Type::Directory:
            if (!info.isDir())
                return false;
            break;
        case Manifest::Entry::Type::File:
            if (!info.isFile() || sha256(readTestFile(info.filePath())) != entry.sha256)
                return false;
            break;
        }
    }
    return true;
}
