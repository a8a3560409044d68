#include "bundlewriter.h"

#include "publish/objectwriter.h"
#include "publish/zstdmemory.h"
#include "release/windowlimits.h"
#include "release/zstdframeheader.h"

#include "sha256.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>
#include <zstd.h>

#include <deque>
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

// The window of level 19 for a stream of unknown size, which each compressed frame is to zstd.
int bundleWindowLog()
{
    return ZstdMemory::windowLog(kLevel, 0);
}

// Why a file's bytes are not those the manifest (and the file's object) has.
Error changed(const QString& path)
{
    return Error{Error::Code::Mismatch,
        BundleWriter::tr("%1 changed after the release was read: its content no longer has the sha256 of the "
                         "manifest (and of its object). Publish again from a folder nothing writes to.")
            .arg(path)};
}

// A file's content in the tar, from `start`: checked against the manifest, then compressed or, where
// `copied`, left out for its object's frame.
struct Content {
    qint64 start = 0;
    qint64 size = 0;
    QString path;
    QString sha256;
    bool copied = false;
};

// Where libarchive writes the tar: compressed into frames in the work file, which end where a
// copied content starts; the pieces list those frames and the objects in the bundle's order.
class FrameOutput
{
public:
    FrameOutput(const QString& path, int workers, std::vector<BundleWriter::Piece>& pieces)
        : m_file(path)
        , m_context(ZSTD_createCCtx())
        , m_out(qsizetype(ZSTD_CStreamOutSize()), Qt::Uninitialized)
        , m_pieces(pieces)
    {
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_compressionLevel, kLevel);
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_nbWorkers, std::max(1, workers));
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_jobSize, int(ZstdMemory::jobSize(bundleWindowLog())));
    }

    bool open()
    {
        if (m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return true;
        return fail(Error::Code::Io, m_file.errorString());
    }

    // The next file's content; libarchive has not passed any of it on yet.
    void expect(Content content) { m_contents.push_back(std::move(content)); }

    // Takes the next bytes of the tar; false with failure() set on failure.
    bool write(const char* data, qint64 size)
    {
        while (size > 0) {
            qint64 taken = size;
            if (!m_contents.empty() && m_offset >= m_contents.front().start) {
                const Content& content = m_contents.front();
                const qint64 end = content.start + content.size;
                if (m_offset == content.start && content.copied) {
                    if (!endFrame())
                        return false;
                    m_pieces.push_back({0, 0, content.sha256, content.size});
                }
                taken = std::min(size, end - m_offset);
                m_hash.addData(QByteArrayView(data, taken));
                if (!content.copied && !compress(data, taken, ZSTD_e_continue))
                    return false;
                if (m_offset + taken == end) {
                    if (m_hash.hex() != content.sha256) {
                        m_failure = m_failure.value_or(changed(content.path));
                        return false;
                    }
                    m_hash.reset();
                    m_contents.pop_front();
                }
            } else {
                if (!m_contents.empty())
                    taken = std::min(size, m_contents.front().start - m_offset);
                if (!compress(data, taken, ZSTD_e_continue))
                    return false;
            }
            m_offset += taken;
            data += taken;
            size -= taken;
        }
        return true;
    }

    bool close()
    {
        if (!endFrame())
            return false;
        if (!m_contents.empty())
            return fail(Error::Code::Internal,
                BundleWriter::tr("The tar ended before the content of %1.").arg(m_contents.front().path));
        m_file.close();
        if (m_file.error() != QFileDevice::NoError)
            return fail(Error::Code::Io, m_file.errorString());
        return true;
    }

    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }
    // The bytes of tar taken so far.
    [[nodiscard]] qint64 offset() const { return m_offset; }

    static la_ssize_t onWrite(archive* writer, void* self, const void* data, size_t size)
    {
        auto* output = static_cast<FrameOutput*>(self);
        if (!output->write(static_cast<const char*>(data), qint64(size))) {
            archive_set_error(writer, EIO, "%s", output->failure()->message.toUtf8().constData());
            return -1;
        }
        return la_ssize_t(size);
    }

    static int onClose(archive* writer, void* self)
    {
        auto* output = static_cast<FrameOutput*>(self);
        if (!output->close()) {
            archive_set_error(writer, EIO, "%s", output->failure()->message.toUtf8().constData());
            return ARCHIVE_FATAL;
        }
        return ARCHIVE_OK;
    }

private:
    bool fail(Error::Code code, const QString& message)
    {
        if (!m_failure)
            m_failure = Error{code, message};
        return false;
    }

    bool compress(const char* data, qint64 size, ZSTD_EndDirective mode)
    {
        ZSTD_inBuffer source{data, size_t(size), 0};
        m_frameHasInput = m_frameHasInput || size > 0;
        for (bool finished = false; !finished;) {
            ZSTD_outBuffer sink{m_out.data(), size_t(m_out.size()), 0};
            const size_t remaining = ZSTD_compressStream2(m_context.get(), &sink, &source, mode);
            if (ZSTD_isError(remaining))
                return fail(Error::Code::Internal, QString::fromLatin1(ZSTD_getErrorName(remaining)));
            if (m_file.write(m_out.constData(), qint64(sink.pos)) != qint64(sink.pos))
                return fail(Error::Code::Io, m_file.errorString());
            m_written += qint64(sink.pos);
            finished = mode == ZSTD_e_end ? remaining == 0 : source.pos == source.size;
        }
        return true;
    }

    // Ends the frame being written, if it has any input, as a piece of the bundle.
    bool endFrame()
    {
        if (!m_frameHasInput)
            return true;
        if (!compress(nullptr, 0, ZSTD_e_end))
            return false;
        m_pieces.push_back({m_frameStart, m_written - m_frameStart, {}, 0});
        m_frameStart = m_written;
        m_frameHasInput = false;
        return true;
    }

    QFile m_file;
    std::unique_ptr<ZSTD_CCtx, CCtxFree> m_context;
    QByteArray m_out;
    std::vector<BundleWriter::Piece>& m_pieces;
    std::deque<Content> m_contents;
    Sha256 m_hash;
    std::optional<Error> m_failure;
    qint64 m_offset = 0;     // in the tar
    qint64 m_written = 0;    // to the work file
    qint64 m_frameStart = 0; // in the work file
    bool m_frameHasInput = false;
};

} // namespace

BundleWriter::BundleWriter(QString path, QString treeRoot, const Manifest& manifest, qint64 copiedSize)
    : m_path(std::move(path))
    , m_treeRoot(std::move(treeRoot))
    , m_manifest(manifest)
    , m_copiedSize(std::max<qint64>(1, copiedSize))
{ }

BundleWriter::~BundleWriter()
{
    QFile::remove(framesPath());
}

QString BundleWriter::framesPath() const
{
    return m_path + u".frames"_s;
}

qint64 BundleWriter::memory(int workers, qint64 bytes)
{
    // zstd's stream, its output buffer, libarchive's blocks and our read buffer.
    return ZstdMemory::estimate({.level = kLevel, .about = bytes, .workers = std::max(1, workers)})
        + qint64(ZSTD_CStreamOutSize()) + 512 * 1024;
}

qint64 BundleWriter::compressedBytes() const
{
    // A header of 512 bytes an entry (more for long names), each file to 512 bytes, and the end.
    qint64 bytes = qint64(m_manifest.entries.size()) * 2048 + 10240;
    for (const Manifest::Entry& entry : m_manifest.entries) {
        if (entry.type == Manifest::Entry::Type::File && entry.size < m_copiedSize)
            bytes += entry.size;
    }
    return bytes;
}

std::expected<void, Error> BundleWriter::compress(int workers)
{
    m_pieces.clear();
    m_compressed = false;
    const auto failed = [&](const QString& why) {
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write the bundle %1: %2.").arg(m_path, why)});
    };
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    FrameOutput output(framesPath(), workers, m_pieces);
    if (!output.open())
        return failed(output.failure()->message);
    std::unique_ptr<archive, ArchiveWriteFree> writer(archive_write_new());
    // Where libarchive stopped: our own failure first (a changed file), else its message.
    const auto stopped = [&]() -> std::unexpected<Error> {
        if (output.failure())
            return std::unexpected(output.failure()->code == Error::Code::Io ? Error{Error::Code::Io,
                                       tr("Cannot write the bundle %1: %2.").arg(m_path, output.failure()->message)}
                                                                             : *output.failure());
        return failed(QString::fromUtf8(archive_error_string(writer.get())));
    };
    archive_write_set_format_pax_restricted(writer.get());
    if (archive_write_open2(writer.get(), &output, nullptr, &FrameOutput::onWrite, &FrameOutput::onClose, nullptr)
        != ARCHIVE_OK)
        return stopped();
    QByteArray block(256 * 1024, Qt::Uninitialized);
    for (const Manifest::Entry& item : m_manifest.entries) {
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
            return stopped();
        if (item.type != Manifest::Entry::Type::File)
            continue;
        if (item.size > 0) {
            // Everything before the content has gone to libarchive's blocks, none of the content.
            const qint64 start = archive_filter_bytes(writer.get(), 0);
            if (start < output.offset())
                return std::unexpected(Error{Error::Code::Internal,
                    tr("libarchive passed on %1 bytes of the tar where it had %2.").arg(output.offset()).arg(start)});
            output.expect({start, item.size, item.path, item.sha256, item.size >= m_copiedSize});
        }
        QFile file(m_treeRoot + u'/' + item.path);
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1.").arg(file.fileName())});
        qint64 read = 0;
        qint64 total = 0;
        while ((read = file.read(block.data(), block.size())) > 0) {
            if (total + read > item.size) // libarchive would cut it short; the hash would not see it
                return std::unexpected(changed(item.path));
            if (archive_write_data(writer.get(), block.constData(), size_t(read)) != read)
                return stopped();
            total += read;
        }
        if (read < 0)
            return std::unexpected(
                Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file.fileName(), file.errorString())});
    }
    if (archive_write_close(writer.get()) != ARCHIVE_OK)
        return stopped();
    m_compressed = true;
    return {};
}

std::expected<Manifest::Bundle, Error> BundleWriter::assemble(const ObjectWriter& objects)
{
    if (!m_compressed)
        return std::unexpected(Error{Error::Code::Internal, tr("The bundle %1 was not compressed yet.").arg(m_path)});
    const QString temporary = m_path + u".part"_s;
    QFile output(temporary);
    QFile frames(framesPath());
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot write the bundle %1: %2.").arg(m_path, output.errorString())});
    if (!frames.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(frames.fileName(), frames.errorString())});
    Sha256 hash;
    QByteArray block(1 << 20, Qt::Uninitialized);
    // Copies `length` bytes of `input` from where it is, or all that is left with -1.
    const auto copy = [&](QFile& input, qint64 length) -> std::expected<void, Error> {
        while (length != 0) {
            const qint64 read
                = input.read(block.data(), length < 0 ? block.size() : std::min<qint64>(length, block.size()));
            if (read < 0 || (read == 0 && length > 0))
                return std::unexpected(Error{Error::Code::Io,
                    tr("Cannot read %1: %2.")
                        .arg(input.fileName(), read < 0 ? input.errorString() : tr("it is shorter than it was"))});
            if (read == 0)
                break;
            hash.addData(QByteArrayView(block.constData(), read));
            if (output.write(block.constData(), read) != read)
                return std::unexpected(
                    Error{Error::Code::Io, tr("Cannot write the bundle %1: %2.").arg(m_path, output.errorString())});
            if (length > 0)
                length -= read;
        }
        return {};
    };
    const auto abandon = [&](const Error& error) {
        output.remove();
        return std::unexpected(error);
    };
    for (const Piece& piece : m_pieces) {
        if (piece.sha256.isEmpty()) {
            if (!frames.seek(piece.offset))
                return abandon(Error{Error::Code::Io, tr("Cannot read %1.").arg(frames.fileName())});
            if (auto copied = copy(frames, piece.length); !copied)
                return abandon(copied.error());
            continue;
        }
        // The object's frame stands for the content in the tar: it must make that many bytes, with a
        // window every client allows an object (and so the bundle, whose own frames ask for less).
        QFile object(objects.objectPath(piece.sha256));
        if (!object.open(QIODevice::ReadOnly))
            return abandon(Error{Error::Code::Io,
                tr("Cannot read the object %1 for the bundle: %2.").arg(object.fileName(), object.errorString())});
        const auto header = ZstdFrameHeader::read(object.peek(ZstdFrameHeader::kMaxSize));
        if (!header || header->contentSize() != quint64(piece.size)
            || header->window() > quint64(WindowLimits::forObject(piece.size)))
            return abandon(Error{Error::Code::Mismatch,
                tr("The object %1 is not a frame of %2 bytes within the window clients allow; it cannot go "
                   "into the bundle.")
                    .arg(object.fileName())
                    .arg(piece.size)});
        if (auto copied = copy(object, -1); !copied)
            return abandon(copied.error());
    }
    const qint64 size = output.size();
    output.close();
    if (output.error() != QFileDevice::NoError)
        return abandon(Error{Error::Code::Io, tr("Cannot write the bundle %1: %2.").arg(m_path, output.errorString())});
    QFile::remove(m_path);
    if (!QFile::rename(temporary, m_path))
        return abandon(Error{Error::Code::Io, tr("Cannot write the bundle %1.").arg(m_path)});
    frames.close();
    QFile::remove(framesPath());
    return Manifest::Bundle{size, hash.hex()};
}
