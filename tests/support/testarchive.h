#pragma once

// Archives and release folders built in code, hostile ones included: the fixtures of the release
// tests. Header only, so that only the tests that use it link libarchive (LIBRARIES
// LibArchive::LibArchive in upkeep_add_test).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMetaType>
#include <QString>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

// One entry of an archive, written as given: paths, targets and modes are not checked.
struct ArchiveItem {
    enum class Kind { File, Directory, Symlink, Hardlink, CharDevice, BlockDevice, Fifo };
    QString path;
    Kind kind = Kind::File;
    QByteArray content; // files
    QString link;       // symlinks and hard links: the target
    int mode = 0644;

    static ArchiveItem file(const QString& path, const QByteArray& content, int mode = 0644)
    {
        return {path, Kind::File, content, {}, mode};
    }
    static ArchiveItem folder(const QString& path, int mode = 0755) { return {path, Kind::Directory, {}, {}, mode}; }
    static ArchiveItem symlink(const QString& path, const QString& target)
    {
        return {path, Kind::Symlink, {}, target, 0777};
    }
    static ArchiveItem hardlink(const QString& path, const QString& target)
    {
        return {path, Kind::Hardlink, {}, target, 0644};
    }
    static ArchiveItem special(const QString& path, Kind kind) { return {path, kind, {}, {}, 0644}; }
};
using ArchiveItems = QList<ArchiveItem>;
Q_DECLARE_METATYPE(ArchiveItems)

// Writes `items` in order as an archive of the kind its name ends with: .tar (pax), .tar.gz or
// .tgz, .tar.xz, .tar.zst, .tar.bz2 or .zip. Returns libarchive's complaint, or an empty string.
inline QString writeArchive(const QString& path, const ArchiveItems& items)
{
    struct WriteFree {
        void operator()(archive* a) const { archive_write_free(a); }
    };
    struct EntryFree {
        void operator()(archive_entry* e) const { archive_entry_free(e); }
    };
    std::unique_ptr<archive, WriteFree> writer(archive_write_new());
    const QString name = path.toLower();
    if (name.endsWith(QLatin1StringView(".zip"))) {
        archive_write_set_format_zip(writer.get());
    } else {
        archive_write_set_format_pax_restricted(writer.get());
        if (name.endsWith(QLatin1StringView(".gz")) || name.endsWith(QLatin1StringView(".tgz")))
            archive_write_add_filter_gzip(writer.get());
        else if (name.endsWith(QLatin1StringView(".xz")))
            archive_write_add_filter_xz(writer.get());
        else if (name.endsWith(QLatin1StringView(".zst")))
            archive_write_add_filter_zstd(writer.get());
        else if (name.endsWith(QLatin1StringView(".bz2")))
            archive_write_add_filter_bzip2(writer.get());
    }
    const auto complaint = [&] { return QString::fromUtf8(archive_error_string(writer.get())); };
    if (archive_write_open_filename(writer.get(), QFile::encodeName(path).constData()) != ARCHIVE_OK)
        return complaint();
    for (const ArchiveItem& item : items) {
        std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), item.path.toUtf8().constData());
        archive_entry_set_perm(entry.get(), mode_t(item.mode));
        archive_entry_set_mtime(entry.get(), 1'750'000'000, 0);
        switch (item.kind) {
        case ArchiveItem::Kind::File:
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_size(entry.get(), item.content.size());
            break;
        case ArchiveItem::Kind::Directory: archive_entry_set_filetype(entry.get(), AE_IFDIR); break;
        case ArchiveItem::Kind::Symlink:
            archive_entry_set_filetype(entry.get(), AE_IFLNK);
            archive_entry_set_symlink_utf8(entry.get(), item.link.toUtf8().constData());
            break;
        case ArchiveItem::Kind::Hardlink:
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_hardlink_utf8(entry.get(), item.link.toUtf8().constData());
            archive_entry_set_size(entry.get(), 0);
            break;
        case ArchiveItem::Kind::CharDevice:
            archive_entry_set_filetype(entry.get(), AE_IFCHR);
            archive_entry_set_rdevmajor(entry.get(), 1);
            archive_entry_set_rdevminor(entry.get(), 3);
            break;
        case ArchiveItem::Kind::BlockDevice:
            archive_entry_set_filetype(entry.get(), AE_IFBLK);
            archive_entry_set_rdevmajor(entry.get(), 8);
            archive_entry_set_rdevminor(entry.get(), 0);
            break;
        case ArchiveItem::Kind::Fifo: archive_entry_set_filetype(entry.get(), AE_IFIFO); break;
        }
        if (archive_write_header(writer.get(), entry.get()) < ARCHIVE_WARN)
            return complaint();
        if (item.kind == ArchiveItem::Kind::File && !item.content.isEmpty()
            && archive_write_data(writer.get(), item.content.constData(), size_t(item.content.size()))
                != item.content.size())
            return complaint();
    }
    if (archive_write_close(writer.get()) != ARCHIVE_OK)
        return complaint();
    return {};
}

// Writes the same items as a folder under `root` (no devices; a FIFO by mkfifo). Returns what
// failed, or an empty string.
inline QString writeFolder(const QString& root, const ArchiveItems& items)
{
    QDir().mkpath(root);
    for (const ArchiveItem& item : items) {
        const QString path = root + u'/' + item.path;
        const QByteArray native = QFile::encodeName(path);
        QDir().mkpath(QFileInfo(path).absolutePath());
        switch (item.kind) {
        case ArchiveItem::Kind::File: {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(item.content) != item.content.size())
                return path;
            file.close();
            if (::chmod(native.constData(), mode_t(item.mode)) != 0)
                return path;
            break;
        }
        case ArchiveItem::Kind::Directory:
            if (!QDir().mkpath(path) || ::chmod(native.constData(), mode_t(item.mode)) != 0)
                return path;
            break;
        case ArchiveItem::Kind::Symlink:
            if (::symlink(item.link.toUtf8().constData(), native.constData()) != 0)
                return path;
            break;
        case ArchiveItem::Kind::Hardlink:
            if (::link(QFile::encodeName(root + u'/' + item.link).constData(), native.constData()) != 0)
                return path;
            break;
        case ArchiveItem::Kind::Fifo:
            if (::mkfifo(native.constData(), 0644) != 0)
                return path;
            break;
        case ArchiveItem::Kind::CharDevice:
        case ArchiveItem::Kind::BlockDevice: return path + QLatin1StringView(": devices need root");
        }
    }
    return {};
}
