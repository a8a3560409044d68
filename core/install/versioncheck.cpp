#include "versioncheck.h"

#include "sha256.h"
#include <QDirIterator>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>

using namespace Qt::StringLiterals;

namespace {

QString octal(int mode)
{
    return u"0"_s + QString::number(mode, 8);
}

// The sha256 of a plain file, read without following a symlink; empty when it cannot be read.
QString sha256Of(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return {};
    Sha256 hash;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    ssize_t read = 0;
    while ((read = ::read(fd, buffer.data(), size_t(buffer.size()))) > 0)
        hash.addData(QByteArrayView(buffer.constData(), read));
    ::close(fd);
    return read == 0 ? hash.hex() : QString();
}

QString problemOf(const QString& folder, const Manifest::Entry& entry)
{
    if (!VersionCheck::parentsAreFolders(folder, entry.path))
        return VersionCheck::tr("not inside its folder");
    const QString path = folder + u'/' + entry.path;
    struct stat info {
    };
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return VersionCheck::tr("missing");
    const int mode = int(info.st_mode & 07777);
    const int wanted = VersionCheck::installedMode(entry);
    switch (entry.type) {
    case Manifest::Entry::Type::Directory:
        if (!S_ISDIR(info.st_mode))
            return VersionCheck::tr("not a folder");
        break;
    case Manifest::Entry::Type::Symlink: {
        if (!S_ISLNK(info.st_mode))
            return VersionCheck::tr("not a symlink");
        QByteArray target(4096, Qt::Uninitialized);
        const ssize_t length = ::readlink(QFile::encodeName(path).constData(), target.data(), size_t(target.size()));
        if (length < 0 || QFile::decodeName(target.left(length)) != entry.target)
            return VersionCheck::tr("points elsewhere");
        return {};
    }
    case Manifest::Entry::Type::File:
        if (!S_ISREG(info.st_mode))
            return VersionCheck::tr("not a file");
        if (info.st_size != entry.size || sha256Of(path) != entry.sha256)
            return VersionCheck::tr("changed content");
        break;
    }
    if (mode != wanted)
        return VersionCheck::tr("mode %1, not %2").arg(octal(mode), octal(wanted));
    return {};
}

} // namespace

bool VersionCheck::parentsAreFolders(const QString& folder, const QString& relative)
{
    QString path = folder;
    const QStringList parts = relative.split(u'/');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += u'/' + parts[i];
        struct stat info {
        };
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISDIR(info.st_mode))
            return false;
    }
    return true;
}

int VersionCheck::installedMode(const Manifest::Entry& entry)
{
    return entry.type == Manifest::Entry::Type::File ? entry.mode & ~0222 : entry.mode;
}

std::vector<VersionCheck::Damage> VersionCheck::check(const QString& folder, const Manifest& manifest)
{
    std::vector<Damage> damage;
    std::set<QString> expected;
    for (const Manifest::Entry& entry : manifest.entries) {
        expected.insert(entry.path);
        // Folders the manifest leaves implicit are expected too.
        for (qsizetype slash = entry.path.indexOf(u'/'); slash > 0; slash = entry.path.indexOf(u'/', slash + 1))
            expected.insert(entry.path.left(slash));
        if (QString problem = problemOf(folder, entry); !problem.isEmpty())
            damage.push_back({entry.path, problem});
    }
    struct stat info {
    };
    if (::lstat(QFile::encodeName(folder).constData(), &info) != 0 || !S_ISDIR(info.st_mode))
        return damage; // every entry is missing already
    QDirIterator it(
        folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = it.next().mid(folder.size() + 1);
        if (!expected.contains(relative))
            damage.push_back({relative, tr("not part of the release")});
    }
    std::sort(damage.begin(), damage.end(), [](const Damage& a, const Damage& b) { return a.path < b.path; });
    return damage;
}

QString VersionCheck::describe(const std::vector<Damage>& damage, int shown)
{
    QStringList parts;
    for (const Damage& item : damage) {
        if (parts.size() == shown)
            break;
        parts.append(tr("%1 (%2)").arg(item.path, item.problem));
    }
    QString text = parts.join(u", "_s);
    if (qsizetype(damage.size()) > shown)
        text = tr("%1 and %n more", nullptr, int(damage.size()) - shown).arg(text);
    return text;
}
