#include "stager.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

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
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return std::unexpected(Error{Error::Code::Io, Stager::tr("Cannot read %1: %2.").arg(path, file.errorString())});
    return QString::fromLatin1(hash.result().toHex());
}

void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Whether every folder on the way from `root` to `relative` is a real folder, not a symlink
// (an unpacked bundle may hold absolute symlinks; a file is never read through one).
bool parentsAreFolders(const QString& root, const QString& relative)
{
    const QStringList parts = relative.split(u'/');
    QString path = root;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += u'/' + parts[i];
        struct stat info {
        };
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISDIR(info.st_mode))
            return false;
    }
    return true;
}

// Copies a plain file, never through a symlink and never more than the manifest's size, and
// checks its sha256 on the way.
std::expected<void, Error> copyFile(
    const QString& from, const QString& to, qint64 size, const QString& sha256, int mode)
{
    const int in = ::open(QFile::encodeName(from).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0)
        return std::unexpected(Error{Error::Code::Mismatch, Stager::tr("The bundle has no file %1.").arg(from)});
    const int out
        = ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
        ::close(in);
        return std::unexpected(Error{Error::Code::Io, Stager::tr("Cannot create %1.").arg(to)});
    }
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 copied = 0;
    bool ok = true;
    ssize_t read = 0;
    while (ok && (read = ::read(in, buffer.data(), size_t(buffer.size()))) > 0) {
        copied += read;
        ok = copied <= size && ::write(out, buffer.constData(), size_t(read)) == read;
        hash.addData(QByteArrayView(buffer.constData(), read));
    }
    const bool full = errno == ENOSPC || errno == EDQUOT;
    ok = ok && read == 0 && copied == size && QString::fromLatin1(hash.result().toHex()) == sha256
        && ::fchmod(out, mode_t(mode)) == 0;
    ::close(in);
    if (::close(out) != 0 || !ok) {
        ::unlink(QFile::encodeName(to).constData());
        return std::unexpected(Error{full ? Error::Code::Io : Error::Code::Mismatch,
            full ? Stager::tr("The disk is full while writing %1.").arg(to)
                 : Stager::tr("%1 in the bundle does not match its manifest.").arg(from)});
    }
    return {};
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1);
}

} // namespace

qint64 Stager::bytesToWrite(const Manifest& target, const Manifest* installed)
{
    std::set<QString> reusable;
    if (installed) {
        for (const auto& entry : installed->entries) {
            if (entry.type == Manifest::Entry::Type::File)
                reusable.insert(entry.sha256);
        }
    }
    qint64 bytes = 0;
    std::set<QString> counted;
    for (const auto& entry : target.entries) {
        if (entry.type == Manifest::Entry::Type::File && !reusable.contains(entry.sha256)
            && counted.insert(entry.sha256).second)
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

std::expected<Stager::Result, Error> Stager::stage(const Manifest& target, const Manifest* installed)
{
    if (auto valid = target.validate(); !valid)
        return std::unexpected(valid.error());
    if (QFileInfo::exists(m_layout.versionFolder(target.version)))
        return std::unexpected(
            Error{Error::Code::Usage, tr("Version %1 is already installed.").arg(target.version.toString())});
    if (auto space = checkFreeSpace(bytesToWrite(target, installed)); !space)
        return std::unexpected(space.error());

    // A staging folder left by an interrupted attempt is incomplete by definition.
    const QString staging = m_layout.stagingFolder(target.version);
    QDir(staging).removeRecursively();
    if (!QDir().mkpath(staging))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1.").arg(staging)});
    auto fail = [&](Error error) {
        QDir(staging).removeRecursively();
        return std::unexpected(std::move(error));
    };

    // Reusable files of the running version, by content.
    std::map<QString, QString> installedBySha;
    if (installed) {
        auto running = m_layout.currentVersion();
        if (running) {
            for (const auto& entry : installed->entries) {
                if (entry.type == Manifest::Entry::Type::File)
                    installedBySha.try_emplace(entry.sha256, m_layout.versionFolder(*running) + u'/' + entry.path);
            }
        }
    }

    Result result;
    std::vector<const Manifest::Entry*> folders;
    for (const Manifest::Entry& entry : target.entries) {
        const QString path = staging + u'/' + entry.path;
        const QByteArray native = QFile::encodeName(path);
        switch (entry.type) {
        case Manifest::Entry::Type::Directory:
            if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
                return fail(Error{Error::Code::Io, tr("Cannot create %1.").arg(path)});
            folders.push_back(&entry);
            break;
        case Manifest::Entry::Type::Symlink:
            if (::symlink(QFile::encodeName(entry.target).constData(), native.constData()) != 0)
                return fail(Error{Error::Code::Io, tr("Cannot create the symlink %1.").arg(path)});
            break;
        case Manifest::Entry::Type::File: {
            // Parents the manifest leaves implicit; validate() made sure none is a file or link.
            QDir().mkpath(QFileInfo(path).absolutePath());
            const auto reusable = installedBySha.find(entry.sha256);
            bool linked = false;
            if (reusable != installedBySha.end()) {
                // The installed file may have been changed on disk; link it only if it still matches.
                auto sha = sha256Of(reusable->second);
                linked = sha && *sha == entry.sha256
                    && ::link(QFile::encodeName(reusable->second).constData(), native.constData()) == 0;
            }
            if (linked) {
                result.linkedBytes += entry.size;
                break;
            }
            if (entry.size == 0) {
                static const QString emptySha256
                    = QString::fromLatin1(QCryptographicHash::hash({}, QCryptographicHash::Sha256).toHex());
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
                if (!parentsAreFolders(m_contentFolder, entry.path))
                    return fail(Error{Error::Code::Mismatch,
                        tr("The bundle does not hold %1 as its manifest says (a folder on its way is not a folder).")
                            .arg(entry.path)});
                if (auto copied
                    = copyFile(m_contentFolder + u'/' + entry.path, path, entry.size, entry.sha256, entry.mode);
                    !copied)
                    return fail(copied.error());
                result.writtenBytes += entry.size;
                break;
            }
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

    // Durable before it is visible: flush the file system, then rename the folder into place.
    const int fd = ::open(QFile::encodeName(staging).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::syncfs(fd);
        ::close(fd);
    }
    if (::rename(QFile::encodeName(staging).constData(),
            QFile::encodeName(m_layout.versionFolder(target.version)).constData())
        != 0)
        return fail(Error{Error::Code::Io,
            tr("Cannot move the staged version into %1.").arg(m_layout.versionFolder(target.version))});
    syncFolder(m_layout.versionsFolder());
    qCInfo(lcInstall) << "staged" << target.version.toString() << "linked" << result.linkedBytes << "written"
                      << result.writtenBytes;
    return result;
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
