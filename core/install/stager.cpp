#include "stager.h"

#include "install/versioncheck.h"
#include "logging.h"

#include "sha256.h"
#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <set>

using namespace Qt::StringLiterals;

namespace {

std::expected<QString, Error> sha256Of(const QString& path)
{
    QFile file(path);
    Sha256 hash;
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return std::unexpected(Error{Error::Code::Io, Stager::tr("Cannot read %1: %2.").arg(path, file.errorString())});
    return hash.hex();
}

void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1);
}

} // namespace

// Copies a plain file (from an unpacked bundle, or a local file whose mode differs), never through a
// symlink and never more than the manifest's size, and checks its sha256 on the way.
std::expected<void, Error> copyContentFile(
    const QString& from, const QString& to, qint64 size, const QString& sha256, int mode)
{
    const int in = ::open(QFile::encodeName(from).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return std::unexpected(Error{Error::Code::Mismatch, Stager::tr("Cannot read %1.").arg(from)});
    const int out
        = ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
        ::close(in);
        return std::unexpected(Error{Error::Code::Io, Stager::tr("Cannot create %1.").arg(to)});
    }
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    Sha256 hash;
    qint64 copied = 0;
    bool ok = true;
    ssize_t read = 0;
    while (ok && (read = ::read(in, buffer.data(), size_t(buffer.size()))) > 0) {
        copied += read;
        ok = copied <= size && ::write(out, buffer.constData(), size_t(read)) == read;
        hash.addData(QByteArrayView(buffer.constData(), read));
    }
    const bool full = errno == ENOSPC || errno == EDQUOT;
    ok = ok && read == 0 && copied == size && hash.hex() == sha256 && ::fchmod(out, mode_t(mode)) == 0;
    ::close(in);
    if (::close(out) != 0 || !ok) {
        ::unlink(QFile::encodeName(to).constData());
        return std::unexpected(Error{full ? Error::Code::Io : Error::Code::Mismatch,
            full ? Stager::tr("The disk is full while writing %1.").arg(to)
                 : Stager::tr("%1 does not match its manifest.").arg(from)});
    }
    return {};
}

std::expected<void, Error> placeContentFile(
    const QString& from, const QString& to, qint64 size, const QString& sha256, int mode)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    struct stat info {
    };
    if (::lstat(source.constData(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1 || info.st_size != size
        || ::link(source.constData(), target.constData()) != 0)
        return copyContentFile(from, to, size, sha256, mode);
    const int fd = ::open(target.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    Sha256 hash;
    bool ok = fd >= 0;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    ssize_t read = 0;
    while (ok && (read = ::read(fd, buffer.data(), size_t(buffer.size()))) > 0)
        hash.addData(QByteArrayView(buffer.constData(), read));
    ok = ok && read == 0 && hash.hex() == sha256 && ::fchmod(fd, mode_t(mode)) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!ok) {
        ::unlink(target.constData());
        return std::unexpected(Error{Error::Code::Mismatch, Stager::tr("%1 does not match its manifest.").arg(from)});
    }
    return {};
}

qint64 Stager::bytesToWrite(const Manifest& target, const Manifest* installed)
{
    // Content is shared only where the installed mode is the same.
    std::set<std::pair<QString, int>> reusable;
    if (installed) {
        for (const auto& entry : installed->entries) {
            if (entry.type == Manifest::Entry::Type::File)
                reusable.emplace(entry.sha256, VersionCheck::installedMode(entry));
        }
    }
    qint64 bytes = 0;
    std::set<std::pair<QString, int>> counted;
    for (const auto& entry : target.entries) {
        const std::pair key{entry.sha256, VersionCheck::installedMode(entry)};
        if (entry.type == Manifest::Entry::Type::File && !reusable.contains(key) && counted.insert(key).second)
            bytes += entry.size;
    }
    return bytes;
}

std::expected<void, Error> Stager::checkFreeSpace(qint64 needed) const
{
    struct statvfs status {
    };
    if (::statvfs(QFile::encodeName(m_layout.versionsFolder()).constData(), &status) != 0)
        return {}; // cannot tell; writing will say if the disk fills
    const qint64 available = qint64(status.f_bavail) * qint64(status.f_frsize);
    // Room for the new files, plus a margin for folders and file system overhead.
    const qint64 wanted = needed + needed / 20 + 1024 * 1024;
    if (wanted > available) {
        return std::unexpected(Error{Error::Code::Io,
            tr("The update needs %1 MB of free space in %2; only %3 MB are free. "
               "Free some space and try again.")
                .arg(megabytes(wanted), m_layout.versionsFolder(), megabytes(available))});
    }
    return {};
}

Stager::LocalContent Stager::installedContent(const Manifest* installed) const
{
    LocalContent local;
    const auto running = m_layout.currentVersion();
    if (!installed || !running)
        return local;
    for (const auto& entry : installed->entries) {
        if (entry.type == Manifest::Entry::Type::File)
            local.emplace(entry.sha256, std::pair{m_layout.versionFolder(*running), entry.path});
    }
    return local;
}

std::expected<Stager::Result, Error> Stager::stage(const Manifest& target, const Manifest* installed)
{
    if (auto valid = target.validate(); !valid)
        return std::unexpected(valid.error());
    if (QFileInfo::exists(m_layout.versionFolder(target.version)))
        return std::unexpected(
            Error{Error::Code::Usage, tr("Version %1 is already installed.").arg(target.version.toString())});
    if (auto space = checkFreeSpace(bytesToWrite(target, installed)); !space)
        return std::unexpected(space.error());
    auto result = build(target, installedContent(installed));
    if (!result)
        return result;
    const QString staging = m_layout.stagingFolder(target.version);
    if (::rename(QFile::encodeName(staging).constData(),
            QFile::encodeName(m_layout.versionFolder(target.version)).constData())
        != 0) {
        removeVersionFolder(staging);
        return std::unexpected(Error{Error::Code::Io,
            tr("Cannot move the staged version into %1.").arg(m_layout.versionFolder(target.version))});
    }
    syncFolder(m_layout.versionsFolder());
    qCInfo(lcInstall) << "staged" << target.version.toString() << "linked" << result->linkedBytes << "copied"
                      << result->copiedBytes << "written" << result->writtenBytes;
    return result;
}

std::expected<Stager::Result, Error> Stager::repair(const Manifest& target, const Manifest* installed)
{
    if (auto valid = target.validate(); !valid)
        return std::unexpected(valid.error());
    const QString folder = m_layout.versionFolder(target.version);
    // The damaged folder's own intact files come first: they are this version's content.
    LocalContent local;
    for (const auto& entry : target.entries) {
        if (entry.type == Manifest::Entry::Type::File)
            local.emplace(entry.sha256, std::pair{folder, entry.path});
    }
    local.merge(installedContent(installed));
    // Most of it is linked; should the few files it writes fill the disk, writing says so.
    auto result = build(target, local);
    if (!result)
        return result;
    // Swap the rebuilt folder with the damaged one atomically, then remove the damaged one. A file
    // system that cannot exchange gets two renames: a crash between them leaves no versions/V,
    // which the next install stages anew.
    const QString staging = m_layout.stagingFolder(target.version);
    const QByteArray from = QFile::encodeName(staging);
    const QByteArray to = QFile::encodeName(folder);
    const QByteArray aside = QFile::encodeName(staging + u".damaged"_s);
    bool swapped = ::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_EXCHANGE) == 0;
    if (!swapped && (errno == EINVAL || errno == ENOSYS)) {
        removeVersionFolder(QFile::decodeName(aside));
        swapped = ::rename(to.constData(), aside.constData()) == 0;
        if (swapped && ::rename(from.constData(), to.constData()) != 0) {
            ::rename(aside.constData(), to.constData());
            swapped = false;
        }
        if (swapped)
            ::rename(aside.constData(), from.constData()); // removed below, as after an exchange
    }
    if (!swapped) {
        removeVersionFolder(staging);
        return std::unexpected(Error{Error::Code::Io,
            tr("Cannot put the repaired version in place of %1: %2.")
                .arg(folder, QString::fromLocal8Bit(strerror(errno)))});
    }
    syncFolder(m_layout.versionsFolder());
    removeVersionFolder(staging);
    qCInfo(lcInstall) << "repaired" << target.version.toString() << "linked" << result->linkedBytes << "copied"
                      << result->copiedBytes << "written" << result->writtenBytes;
    return result;
}

std::expected<Stager::Result, Error> Stager::build(const Manifest& target, const LocalContent& local)
{
    // A staging folder left by an interrupted attempt is incomplete by definition.
    const QString staging = m_layout.stagingFolder(target.version);
    removeVersionFolder(staging);
    if (!QDir().mkpath(staging))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1.").arg(staging)});
    auto fail = [&](Error error) {
        removeVersionFolder(staging);
        return std::unexpected(std::move(error));
    };

    // Which local files really hold the content they are listed with, asked once per file.
    std::map<QString, bool> intact;
    auto holds = [&](const QString& path, const QString& sha256) {
        auto [it, added] = intact.try_emplace(path, false);
        if (added) {
            auto sha = sha256Of(path);
            it->second = sha && *sha == sha256;
        }
        return it->second;
    };

    Result result;
    std::vector<const Manifest::Entry*> folders;
    for (const Manifest::Entry& original : target.entries) {
        Manifest::Entry entry = original;
        entry.mode = VersionCheck::installedMode(original);
        const QString path = staging + u'/' + entry.path;
        const QByteArray native = QFile::encodeName(path);
        switch (entry.type) {
        case Manifest::Entry::Type::Directory:
            if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
                return fail(Error{Error::Code::Io, tr("Cannot create %1.").arg(path)});
            folders.push_back(&original);
            break;
        case Manifest::Entry::Type::Symlink:
            if (::symlink(QFile::encodeName(entry.target).constData(), native.constData()) != 0)
                return fail(Error{Error::Code::Io, tr("Cannot create the symlink %1.").arg(path)});
            break;
        case Manifest::Entry::Type::File: {
            // Parents the manifest leaves implicit; validate() made sure none is a file or link.
            QDir().mkpath(QFileInfo(path).absolutePath());
            // A local file with this content is linked when its mode is the one wanted (a shared
            // inode shares the mode), else copied; a local file changed on disk is never used.
            std::optional<QString> copyFrom;
            bool linked = false;
            const auto [first, last] = local.equal_range(entry.sha256);
            for (auto it = first; it != last && !linked; ++it) {
                const auto& [folder, relative] = it->second;
                const QString candidate = folder + u'/' + relative;
                struct stat info {
                };
                if (!VersionCheck::parentsAreFolders(folder, relative)
                    || ::lstat(QFile::encodeName(candidate).constData(), &info) != 0 || !S_ISREG(info.st_mode)
                    || info.st_size != entry.size || !holds(candidate, entry.sha256))
                    continue;
                if (int(info.st_mode & 07777) == entry.mode)
                    linked = ::link(QFile::encodeName(candidate).constData(), native.constData()) == 0;
                else if (!copyFrom)
                    copyFrom = candidate;
            }
            if (linked) {
                result.linkedBytes += entry.size;
                break;
            }
            if (copyFrom) {
                if (auto copied = copyContentFile(*copyFrom, path, entry.size, entry.sha256, entry.mode); !copied)
                    return fail(copied.error());
                result.copiedBytes += entry.size;
                break;
            }
            if (entry.size == 0) {
                static const QString emptySha256 = Sha256::hexOf({});
                if (entry.sha256 != emptySha256)
                    return fail(Error{Error::Code::Mismatch,
                        tr("%1 is empty, but its manifest gives the sha256 of other content.").arg(entry.path)});
                const int fd = ::open(
                    native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(entry.mode));
                if (fd < 0 || ::fchmod(fd, mode_t(entry.mode)) != 0 || ::close(fd) != 0)
                    return fail(Error{Error::Code::Io, tr("Cannot create %1.").arg(path)});
                break;
            }
            if (!m_contentFolder.isEmpty()) {
                if (!VersionCheck::parentsAreFolders(m_contentFolder, entry.path))
                    return fail(Error{Error::Code::Mismatch,
                        tr("The bundle does not hold %1 as its manifest says (a folder on its way is not a folder).")
                            .arg(entry.path)});
                if (auto copied
                    = copyContentFile(m_contentFolder + u'/' + entry.path, path, entry.size, entry.sha256, entry.mode);
                    !copied)
                    return fail(copied.error());
                result.writtenBytes += entry.size;
                break;
            }
            if (!m_contents)
                return fail(Error{Error::Code::NotFound, tr("The content of %1 is not at hand.").arg(entry.path)});
            if (auto written = m_contents(entry, path); !written)
                return fail(written.error());
            result.writtenBytes += entry.size;
            break;
        }
        }
    }

    // Folder modes last: a read-only folder would have refused its own files.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it)
        ::chmod(QFile::encodeName(staging + u'/' + (*it)->path).constData(), mode_t((*it)->mode));

    // Durable before it is visible: flush the file system; the caller renames the folder into place.
    const int fd = ::open(QFile::encodeName(staging).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::syncfs(fd);
        ::close(fd);
    }
    return result;
}

bool removeVersionFolder(const QString& folder)
{
    struct stat info {
    };
    if (::lstat(QFile::encodeName(folder).constData(), &info) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(info.st_mode))
        return ::unlink(QFile::encodeName(folder).constData()) == 0;
    // A folder without write or search permission would keep its entries; never follow a symlink.
    ::chmod(QFile::encodeName(folder).constData(), 0700);
    QDirIterator it(folder, QDir::Dirs | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot | QDir::NoSymLinks,
        QDirIterator::Subdirectories);
    while (it.hasNext())
        ::chmod(QFile::encodeName(it.next()).constData(), 0700);
    return QDir(folder).removeRecursively();
}

std::expected<void, Error> switchCurrent(const InstallLayout& layout, const Version& version)
{
    if (!QFileInfo(layout.versionFolder(version)).isDir())
        return std::unexpected(
            Error{Error::Code::NotFound, Stager::tr("Version %1 is not installed.").arg(version.toString())});
    const QByteArray next = QFile::encodeName(layout.root() + u"/.current.next"_s);
    ::unlink(next.constData());
    const QByteArray target = QFile::encodeName(u"versions/"_s + version.toString());
    if (::symlink(target.constData(), next.constData()) != 0
        || ::rename(next.constData(), QFile::encodeName(layout.currentLink()).constData()) != 0) {
        ::unlink(next.constData());
        return std::unexpected(Error{Error::Code::Io,
            Stager::tr("Cannot switch %1 to version %2: %3.")
                .arg(layout.currentLink(), version.toString(), QString::fromLocal8Bit(strerror(errno)))});
    }
    syncFolder(layout.root());
    return {};
}
