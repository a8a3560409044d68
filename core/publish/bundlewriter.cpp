#include "bundlewriter.h"

#include "publish/zstdmemory.h"

#include "sha256.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>
#include <zstd.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
struct ArchiveWriteFree {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

constexpr int kLevel = 19;

// The window of level 19 for a stream of unknown size, which the bundle is to zstd.
int bundleWindowLog()
{
    return ZstdMemory::windowLog(kLevel, 0);
}

// Where libarchive writes the tar: compressed into the bundle's file.
class CompressedOutput
{
public:
    CompressedOutput(const QString& path, int workers)
        : m_file(path)
        , m_context(ZSTD_createCCtx())
        , m_out(qsizetype(ZSTD_CStreamOutSize()), Qt::Uninitialized)
    {
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_compressionLevel, kLevel);
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_nbWorkers, std::max(1, workers));
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_jobSize, int(ZstdMemory::jobSize(bundleWindowLog())));
    }

    bool open()
    {
        if (m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return true;
        m_error = m_file.errorString();
        return false;
    }

    // Compresses `data` (and with `end`, finishes the frame); false with error() set on failure.
    bool write(const void* data, size_t size, bool end)
    {
        ZSTD_inBuffer source{data, size, 0};
        const ZSTD_EndDirective mode = end ? ZSTD_e_end : ZSTD_e_continue;
        for (bool finished = false; !finished;) {
            ZSTD_outBuffer sink{m_out.data(), size_t(m_out.size()), 0};
            const size_t remaining = ZSTD_compressStream2(m_context.get(), &sink, &source, mode);
            if (ZSTD_isError(remaining)) {
                m_error = QString::fromLatin1(ZSTD_getErrorName(remaining));
                return false;
            }
            if (m_file.write(m_out.constData(), qint64(sink.pos)) != qint64(sink.pos)) {
                m_error = m_file.errorString();
                return false;
            }
            finished = end ? remaining == 0 : source.pos == source.size;
        }
        return true;
    }

    bool close()
    {
        if (!write(nullptr, 0, true))
            return false;
        m_file.close();
        if (m_file.error() != QFileDevice::NoError) {
            m_error = m_file.errorString();
            return false;
        }
        return true;
    }

    [[nodiscard]] const QString& error() const { return m_error; }

    static la_ssize_t onWrite(archive* writer, void* self, const void* data, size_t size)
    {
        auto* output = static_cast<CompressedOutput*>(self);
        if (!output->write(data, size, false)) {
            archive_set_error(writer, EIO, "%s", output->error().toUtf8().constData());
            return -1;
        }
        return la_ssize_t(size);
    }

    static int onClose(archive* writer, void* self)
    {
        auto* output = static_cast<CompressedOutput*>(self);
        if (!output->close()) {
            archive_set_error(writer, EIO, "%s", output->error().toUtf8().constData());
            return ARCHIVE_FATAL;
        }
        return ARCHIVE_OK;
    }

private:
    QFile m_file;
    std::unique_ptr<ZSTD_CCtx, CCtxFree> m_context;
    QByteArray m_out;
    QString m_error;
};

std::unexpected<Error> failed(archive* writer, const QString& path)
{
    return std::unexpected(Error{Error::Code::Io,
        QCoreApplication::translate("BundleWriter", "Cannot write the bundle %1: %2.")
            .arg(path, QString::fromUtf8(archive_error_string(writer)))});
}
} // namespace

qint64 bundleMemory(int workers, qint64 bytes)
{
    return ZstdMemory::estimate({.level = kLevel, .about = bytes, .workers = std::max(1, workers)})
        + qint64(ZSTD_CStreamOutSize()) + 512 * 1024; // and libarchive's blocks and ours
}

std::expected<Manifest::Bundle, Error> writeBundle(
    const QString& path, const QString& treeRoot, const Manifest& manifest, int workers)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString temporary = path + u".part"_s;
    {
        CompressedOutput output(temporary, workers);
        if (!output.open()) {
            return std::unexpected(Error{Error::Code::Io,
                QCoreApplication::translate("BundleWriter", "Cannot write the bundle %1: %2.")
                    .arg(path, output.error())});
        }
        std::unique_ptr<archive, ArchiveWriteFree> writer(archive_write_new());
        archive_write_set_format_pax_restricted(writer.get());
        if (archive_write_open2(
                writer.get(), &output, nullptr, &CompressedOutput::onWrite, &CompressedOutput::onClose, nullptr)
            != ARCHIVE_OK)
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
    Sha256 hash;
    if (!bundle.open(QIODevice::ReadOnly) || !hash.addData(&bundle))
        return std::unexpected(
            Error{Error::Code::Io, QCoreApplication::translate("BundleWriter", "Cannot read %1.").arg(path)});
    return Manifest::Bundle{bundle.size(), hash.hex()};
}
