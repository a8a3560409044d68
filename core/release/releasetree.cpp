#include "releasetree.h"

#include "logging.h"

#include "sha256.h"
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace {

struct ArchiveReadFree {
    void operator()(archive* a) const { archive_read_free(a); }
};

std::unexpected<Error> hostile(const QString& entry, const QString& why)
{
    return std::unexpected(
        Error{Error::Code::InvalidInput, ReleaseTree::tr("Refused the entry \"%1\": %2.").arg(entry, why)});
}

std::expected<QString, Error> sha256Of(const QString& path)
{
    QFile file(path);
    Sha256 hash;
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return std::unexpected(
            Error{Error::Code::Io, ReleaseTree::tr("Cannot read %1: %2.").arg(path, file.errorString())});
    return hash.hex();
}

QString readLink(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    QByteArray target(4096, Qt::Uninitialized);
    const ssize_t length = ::readlink(native.constData(), target.data(), size_t(target.size()));
    return length < 0 ? QString() : QFile::decodeName(target.left(length));
}

} // namespace

bool ReleaseTree::isArchive(const QString& path)
{
    static const QStringList suffixes{u".tar"_s, u".tar.gz"_s, u".tgz"_s, u".tar.xz"_s, u".txz"_s, u".tar.zst"_s,
        u".tzst"_s, u".tar.bz2"_s, u".zip"_s};
    return std::any_of(
        suffixes.begin(), suffixes.end(), [&](const QString& s) { return path.endsWith(s, Qt::CaseInsensitive); });
}

std::expected<ReleaseTree, Error> ReleaseTree::open(const QString& source, const QString& workFolder)
{
    const QFileInfo info(source);
    ReleaseTree tree;
    if (info.isDir()) {
        tree.m_root = info.absoluteFilePath();
    } else if (info.isFile() && isArchive(source)) {
        tree.m_root = QDir(workFolder).absoluteFilePath(u"release"_s);
        if (!QDir().mkpath(tree.m_root))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1.").arg(tree.m_root)});
        if (auto unpacked = unpack(source, tree.m_root); !unpacked)
            return std::unexpected(unpacked.error().prefixed(source));
    } else if (info.exists()) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 is neither a folder nor an archive Upkeep reads "
               "(.tar, .tar.gz, .tar.xz, .tar.zst, .zip).")
                .arg(source)});
    } else {
        return std::unexpected(Error{Error::Code::NotFound, tr("%1 does not exist.").arg(source)});
    }
    auto entries = scan(tree.m_root);
    if (!entries)
        return std::unexpected(entries.error());
    if (entries->empty())
        return std::unexpected(Error{Error::Code::Usage, tr("%1 holds no files.").arg(source)});
    tree.m_entries = std::move(*entries);
    return tree;
}

std::expected<void, Error> ReleaseTree::unpack(const QString& archivePath, const QString& folder)
{
    std::unique_ptr<archive, ArchiveReadFree> reader(archive_read_new());
    archive_read_support_filter_all(reader.get());
    archive_read_support_format_tar(reader.get());
    archive_read_support_format_zip(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(archivePath).constData(), 64 * 1024) != ARCHIVE_OK) {
        return std::unexpected(Error{Error::Code::InvalidInput,
            tr("Cannot open the archive: %1.").arg(QString::fromUtf8(archive_error_string(reader.get())))});
    }
    std::set<QString> seen;
    archive_entry* entry = nullptr;
    while (true) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status < ARCHIVE_WARN) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("The archive is damaged: %1.").arg(QString::fromUtf8(archive_error_string(reader.get())))});
        }
        const char* utf8 = archive_entry_pathname_utf8(entry);
        QString name = utf8 ? QString::fromUtf8(utf8) : QFile::decodeName(archive_entry_pathname(entry));
        const QString shown = name;
        while (name.startsWith(u"./"_s))
            name.remove(0, 2);
        if (name.endsWith(u'/'))
            name.chop(1);
        if (name.isEmpty() || name == u"."_s)
            continue; // the archive's own top folder
        if (name.startsWith(u'/'))
            return hostile(shown, tr("an absolute path"));
        if (!Manifest::isSafePath(name))
            return hostile(shown, tr("the path leaves the release folder or is not a plain relative path"));
        if (!seen.insert(name).second)
            return hostile(shown, tr("it is in the archive twice"));
        const QString target = folder + u'/' + name;
        const QString parent = QFileInfo(target).absolutePath();
        // A parent that an earlier entry made a symlink must not be written through.
        for (QString p = parent; p.size() > folder.size(); p = QFileInfo(p).absolutePath()) {
            if (QFileInfo(p).isSymLink())
                return hostile(shown, tr("it lies inside a symlink"));
        }
        if (!QDir().mkpath(parent))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1.").arg(parent)});

        const int mode = int(archive_entry_perm(entry)) & 0777;
        if (const char* hardlink = archive_entry_hardlink(entry)) {
            QString source = QString::fromUtf8(hardlink);
            while (source.startsWith(u"./"_s))
                source.remove(0, 2);
            // Only a file the archive wrote, never a symlink: QFile::copy would read where it points,
            // and a chain of links can point outside although each looks inside.
            const QFileInfo original(folder + u'/' + source);
            if (!Manifest::isSafePath(source) || !seen.contains(source) || original.isSymLink() || !original.isFile())
                return hostile(shown, tr("a hard link to \"%1\", which is not a file of the archive").arg(source));
            if (!QFile::copy(folder + u'/' + source, target))
                return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1.").arg(target)});
            continue;
        }
        switch (archive_entry_filetype(entry)) {
        case AE_IFDIR:
            if (!QDir().mkpath(target))
                return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1.").arg(target)});
            ::chmod(QFile::encodeName(target).constData(), mode_t(mode | 0700));
            break;
        case AE_IFLNK: {
            const char* linkUtf8 = archive_entry_symlink_utf8(entry);
            const QString link
                = linkUtf8 ? QString::fromUtf8(linkUtf8) : QFile::decodeName(archive_entry_symlink(entry));
            if (!Manifest::isAcceptableSymlink(name, link))
                return hostile(shown, tr("a symlink to \"%1\", outside the release").arg(link));
            if (::symlink(QFile::encodeName(link).constData(), QFile::encodeName(target).constData()) != 0)
                return std::unexpected(Error{Error::Code::Io, tr("Cannot create the symlink %1.").arg(target)});
            break;
        }
        case AE_IFREG: {
            QFile file(target);
            if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
                return std::unexpected(
                    Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(target, file.errorString())});
            const void* block = nullptr;
            size_t size = 0;
            la_int64_t offset = 0;
            int read = ARCHIVE_OK;
            while ((read = archive_read_data_block(reader.get(), &block, &size, &offset)) == ARCHIVE_OK) {
                if (!file.seek(offset) || file.write(static_cast<const char*>(block), qint64(size)) != qint64(size))
                    return std::unexpected(
                        Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(target, file.errorString())});
            }
            if (read != ARCHIVE_EOF) {
                return std::unexpected(Error{Error::Code::InvalidInput,
                    tr("The archive is damaged at %1: %2.")
                        .arg(shown, QString::fromUtf8(archive_error_string(reader.get())))});
            }
            file.close();
            ::chmod(QFile::encodeName(target).constData(), mode_t(mode));
            break;
        }
        case AE_IFCHR:
        case AE_IFBLK: return hostile(shown, tr("a device file"));
        case AE_IFIFO: return hostile(shown, tr("a FIFO"));
        case AE_IFSOCK: return hostile(shown, tr("a socket"));
        default: return hostile(shown, tr("an entry of unknown type"));
        }
    }
    return {};
}

std::expected<std::vector<Manifest::Entry>, Error> ReleaseTree::scan(const QString& folder)
{
    std::vector<Manifest::Entry> entries;
    QDirIterator it(
        folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = path.mid(folder.size() + 1);
        struct stat status {
        };
        if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
            return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1.").arg(path)});
        if (!Manifest::isSafePath(relative))
            return hostile(relative, tr("the name is not a plain relative path"));
        Manifest::Entry entry;
        entry.path = relative;
        entry.mode = int(status.st_mode & 0777);
        if (S_ISLNK(status.st_mode)) {
            entry.type = Manifest::Entry::Type::Symlink;
            entry.target = readLink(path);
            entry.mode = 0777;
            if (!Manifest::isAcceptableSymlink(relative, entry.target))
                return hostile(relative, tr("a symlink to \"%1\", outside the release").arg(entry.target));
        } else if (S_ISDIR(status.st_mode)) {
            entry.type = Manifest::Entry::Type::Directory;
        } else if (S_ISREG(status.st_mode)) {
            entry.size = qint64(status.st_size);
            auto sha = sha256Of(path);
            if (!sha)
                return std::unexpected(sha.error());
            entry.sha256 = *sha;
        } else if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) {
            return hostile(relative, tr("a device file"));
        } else if (S_ISFIFO(status.st_mode)) {
            return hostile(relative, tr("a FIFO"));
        } else {
            return hostile(relative, tr("a socket or other special file"));
        }
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return entries;
}
