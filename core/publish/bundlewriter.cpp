#include "bundlewriter.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
struct ArchiveWriteFree {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::unexpected<Error> failed(archive* writer, const QString& path)
{
    return std::unexpected(Error{Error::Code::Io,
        QCoreApplication::translate("BundleWriter", "Cannot write the bundle %1: %2.")
            .arg(path, QString::fromUtf8(archive_error_string(writer)))});
}
} // namespace

std::expected<Manifest::Bundle, Error> writeBundle(
    const QString& path, const QString& treeRoot, const Manifest& manifest)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString temporary = path + u".part"_s;
    {
        std::unique_ptr<archive, ArchiveWriteFree> writer(archive_write_new());
        archive_write_add_filter_zstd(writer.get());
        archive_write_set_filter_option(writer.get(), "zstd", "compression-level", "19");
        archive_write_set_format_pax_restricted(writer.get());
        if (archive_write_open_filename(writer.get(), QFile::encodeName(temporary).constData()) != ARCHIVE_OK)
            return failed(writer.get(), path);
        for (const Manifest::Entry& item : manifest.entries) {
            std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
            archive_entry_set_pathname_utf8(entry.get(), item.path.toUtf8().constData());
            archive_entry_set_uid(entry.get(), 0);
            archive_entry_set_gid(entry.get(), 0);
            archive_entry_set_mtime(entry.get(), 0, 0);
            archive_entry_set_perm(entry.get(), mode_t(item.mode));
            switch (item.type) {
            case Manifest::Entry::Type::Directory: archive_entry_set_filetype(entry.get(), AE_IFDIR); break;
            case Manifest::Entry::Type::Symlink:
                archive_entry_set_filetype(entry.get(), AE_IFLNK);
                archive_entry_set_symlink_utf8(entry.get(), item.target.toUtf8().constData());
                break;
            case Manifest::Entry::Type::File:
                archive_entry_set_filetype(entry.get(), AE_IFREG);
                archive_entry_set_size(entry.get(), item.size);
                break;
            }
            if (archive_write_header(writer.get(), entry.get()) != ARCHIVE_OK)
                return failed(writer.get(), path);
            if (item.type != Manifest::Entry::Type::File)
                continue;
            QFile file(treeRoot + u'/' + item.path);
            if (!file.open(QIODevice::ReadOnly))
                return std::unexpected(Error{Error::Code::Io,
                    QCoreApplication::translate("BundleWriter", "Cannot read %1.").arg(file.fileName())});
            QByteArray block(256 * 1024, Qt::Uninitialized);
            qint64 read = 0;
            while ((read = file.read(block.data(), block.size())) > 0) {
                if (archive_write_data(writer.get(), block.constData(), size_t(read)) != read)
                    return failed(writer.get(), path);
            }
        }
        if (archive_write_close(writer.get()) != ARCHIVE_OK)
            return failed(writer.get(), path);
    }
    QFile::remove(path);
    if (!QFile::rename(temporary, path))
        return std::unexpected(Error{
            Error::Code::Io, QCoreApplication::translate("BundleWriter", "Cannot write the bundle %1.").arg(path)});
    QFile bundle(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!bundle.open(QIODevice::ReadOnly) || !hash.addData(&bundle))
        return std::unexpected(
            Error{Error::Code::Io, QCoreApplication::translate("BundleWriter", "Cannot read %1.").arg(path)});
    return Manifest::Bundle{bundle.size(), QString::fromLatin1(hash.result().toHex())};
}
