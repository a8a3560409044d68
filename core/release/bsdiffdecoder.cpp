#include "bsdiffdecoder.h"

#include "release/bsdiffformat.h"
#include "release/zstdframeheader.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <array>
#include <limits>
#include <memory>
#include <vector>

namespace {

struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

// Why a patch was refused, before it is put into a sentence with the patch's name.
enum class Fault { Damaged, Truncated, ReadFailed };

struct Refusal {
    Fault fault;
    QString detail;
};

// A file descriptor that closes itself.
class Descriptor
{
public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    { }
    Q_DISABLE_COPY_MOVE(Descriptor)
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    [[nodiscard]] int get() const { return m_fd; }

private:
    int m_fd;
};

// Reads exactly `size` bytes at `offset`, or fewer at the end of the file.
qint64 readAt(int fd, void* data, qint64 size, qint64 offset)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, static_cast<char*>(data) + done, size_t(size - done), off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

// One of the patch's three streams: a zstd frame at [offset, offset + length) of the patch,
// decompressed as it is read.
class StreamReader
{
public:
    StreamReader(int fd, qint64 offset, qint64 length, int windowLog)
        : m_fd(fd)
        , m_offset(offset)
        , m_remaining(length)
        , m_empty(length == 0)
        , m_context(ZSTD_createDCtx())
        , m_in(ZSTD_DStreamInSize())
        , m_out(ZSTD_DStreamOutSize())
    {
        ZSTD_DCtx_setParameter(m_context.get(), ZSTD_d_windowLogMax, windowLog);
    }

    // Up to `size` bytes; fewer only at the end of the stream.
    std::expected<qint64, Refusal> read(unsigned char* data, qint64 size)
    {
        qint64 done = 0;
        while (done < size) {
            if (m_outPos == m_outEnd) {
                auto more = refill();
                if (!more)
                    return std::unexpected(more.error());
                if (!*more)
                    break;
            }
            const qint64 n = std::min(size - done, qint64(m_outEnd - m_outPos));
            std::copy_n(m_out.data() + m_outPos, n, data + done);
            m_outPos += size_t(n);
            done += n;
        }
        return done;
    }

    // Exactly `size` bytes, or a refusal saying the stream ends too soon.
    std::expected<void, Refusal> readExactly(unsigned char* data, qint64 size)
    {
        auto read = this->read(data, size);
        if (!read)
            return std::unexpected(read.error());
        if (*read != size)
            return std::unexpected(Refusal{Fault::Truncated, {}});
        return {};
    }

    // True once every compressed byte is read and the frame is complete.
    std::expected<bool, Refusal> atEnd()
    {
        if (m_outPos != m_outEnd)
            return false;
        auto more = refill();
        if (!more)
            return std::unexpected(more.error());
        return !*more;
    }

private:
    // Decompresses more into m_out; false at the end of the stream.
    std::expected<bool, Refusal> refill()
    {
        m_outPos = m_outEnd = 0;
        if (m_empty)
            return false;
        while (true) {
            if (m_frameComplete) {
                if (m_input.pos < m_input.size || m_remaining > 0)
                    return std::unexpected(
                        Refusal{Fault::Damaged, BsdiffDecoder::tr("a stream has bytes past its frame")});
                return false;
            }
            if (m_input.pos == m_input.size && m_remaining > 0) {
                const qint64 want = std::min(m_remaining, qint64(m_in.size()));
                if (readAt(m_fd, m_in.data(), want, m_offset) != want)
                    return std::unexpected(Refusal{Fault::ReadFailed, QString::fromLocal8Bit(strerror(errno))});
                m_offset += want;
                m_remaining -= want;
                m_input = {m_in.data(), size_t(want), 0};
            }
            const size_t consumedBefore = m_input.pos;
            ZSTD_outBuffer output{m_out.data(), m_out.size(), 0};
            const size_t hint = ZSTD_decompressStream(m_context.get(), &output, &m_input);
            if (ZSTD_isError(hint))
                return std::unexpected(Refusal{Fault::Damaged, QString::fromLatin1(ZSTD_getErrorName(hint))});
            m_frameComplete = hint == 0;
            if (output.pos > 0) {
                m_outEnd = output.pos;
                return true;
            }
            const bool inputLeft = m_input.pos < m_input.size || m_remaining > 0;
            if (!inputLeft) {
                if (m_frameComplete)
                    return false;
                return std::unexpected(Refusal{Fault::Truncated, {}});
            }
            if (m_input.pos == consumedBefore && m_input.pos < m_input.size)
                return std::unexpected(Refusal{Fault::Damaged, {}}); // no progress: never loop forever
        }
    }

    int m_fd;
    qint64 m_offset;
    qint64 m_remaining;
    bool m_empty;
    bool m_frameComplete = false;
    std::unique_ptr<ZSTD_DCtx, DCtxFree> m_context;
    std::vector<unsigned char> m_in;
    std::vector<unsigned char> m_out;
    ZSTD_inBuffer m_input{nullptr, 0, 0};
    size_t m_outPos = 0;
    size_t m_outEnd = 0;
};

struct Header {
    quint64 newSize = 0;
    std::array<quint64, 3> lengths{}; // control, diff, extra
    qint64 size = 0;                  // of the header itself
};

std::optional<Header> parseHeader(QByteArrayView bytes)
{
    if (!bytes.startsWith(BsdiffFormat::kMagic))
        return std::nullopt;
    qsizetype pos = BsdiffFormat::kMagic.size();
    auto next = [&]() -> std::optional<quint8> {
        if (pos >= bytes.size())
            return std::nullopt;
        return quint8(bytes[pos++]);
    };
    Header header;
    const auto newSize = BsdiffFormat::readVarint(next);
    if (!newSize)
        return std::nullopt;
    header.newSize = *newSize;
    for (quint64& length : header.lengths) {
        const auto value = BsdiffFormat::readVarint(next);
        if (!value)
            return std::nullopt;
        length = *value;
    }
    header.size = pos;
    return header;
}

} // namespace

std::expected<void, Error> BsdiffDecoder::decode(
    const QString& oldFile, const QString& patchFile, qint64 expectedSize, const Sink& sink)
{
    auto damaged = [&](const QString& why) {
        return std::unexpected(Error{Error::Code::Mismatch, tr("The patch %1 is damaged: %2.").arg(patchFile, why)});
    };
    auto tooLong = [&] {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The patch %1 unpacks to more than the %2 bytes the manifest gives; it was refused.")
                .arg(patchFile, QString::number(expectedSize))});
    };
    auto truncated = [&] {
        return std::unexpected(Error{Error::Code::Mismatch, tr("The patch %1 is truncated.").arg(patchFile)});
    };
    auto cannotRead = [&](const QString& file, const QString& why) {
        return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file, why)});
    };
    auto refused = [&](const Refusal& refusal) -> std::unexpected<Error> {
        switch (refusal.fault) {
        case Fault::Damaged:
            return damaged(refusal.detail.isEmpty() ? tr("a stream is not valid zstd") : refusal.detail);
        case Fault::Truncated: return truncated();
        case Fault::ReadFailed: return cannotRead(patchFile, refusal.detail);
        }
        return damaged(refusal.detail);
    };
    auto errnoText = [] { return QString::fromLocal8Bit(strerror(errno)); };

    const Descriptor old(::open(QFile::encodeName(oldFile).constData(), O_RDONLY | O_CLOEXEC));
    struct stat oldStatus {
    };
    if (old.get() < 0 || ::fstat(old.get(), &oldStatus) != 0)
        return cannotRead(oldFile, errnoText());
    if (!S_ISREG(oldStatus.st_mode))
        return cannotRead(oldFile, tr("it is not a regular file"));
    const qint64 oldSize = oldStatus.st_size;
    const Descriptor patch(::open(QFile::encodeName(patchFile).constData(), O_RDONLY | O_CLOEXEC));
    struct stat patchStatus {
    };
    if (patch.get() < 0 || ::fstat(patch.get(), &patchStatus) != 0)
        return cannotRead(patchFile, errnoText());
    if (!S_ISREG(patchStatus.st_mode))
        return cannotRead(patchFile, tr("it is not a regular file"));
    const qint64 patchSize = patchStatus.st_size;

    QByteArray head(BsdiffFormat::kMaxHeaderSize, Qt::Uninitialized);
    const qint64 headSize = readAt(patch.get(), head.data(), head.size(), 0);
    if (headSize < 0)
        return cannotRead(patchFile, errnoText());
    head.truncate(headSize);
    if (!head.startsWith(BsdiffFormat::kMagic)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            head.size() < BsdiffFormat::kMagic.size() ? tr("The patch %1 is truncated.").arg(patchFile)
                                                      : tr("%1 is not a bsdiff patch.").arg(patchFile)});
    }
    const std::optional<Header> header = parseHeader(head);
    if (!header)
        return head.size() < BsdiffFormat::kMaxHeaderSize ? truncated() : damaged(tr("its header is not valid"));
    if (header->newSize > quint64(expectedSize))
        return tooLong();
    if (header->newSize < quint64(expectedSize)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The patch %1 unpacks to %2 bytes where the manifest gives %3.")
                .arg(patchFile, QString::number(header->newSize), QString::number(expectedSize))});
    }
    quint64 streamsEnd = quint64(header->size);
    for (const quint64 length : header->lengths) {
        if (length > quint64(patchSize))
            return truncated();
        streamsEnd += length; // cannot overflow: each term is at most the patch size
    }
    if (streamsEnd > quint64(patchSize))
        return truncated();
    if (streamsEnd < quint64(patchSize))
        return damaged(tr("it has bytes past its streams"));
    // No stream longer than what the signed size lets it hold, and no frame asking for a larger
    // window than the encoder gives it, before any stream is read.
    const auto signedSize = quint64(expectedSize);
    const quint64 controlSize = signedSize > std::numeric_limits<quint64>::max() / BsdiffFormat::kMaxStepSize
        ? std::numeric_limits<quint64>::max()
        : signedSize * BsdiffFormat::kMaxStepSize;
    if (header->lengths[0] > BsdiffFormat::maxFrameSize(controlSize)
        || header->lengths[1] > BsdiffFormat::maxFrameSize(signedSize)
        || header->lengths[2] > BsdiffFormat::maxFrameSize(signedSize)) {
        return damaged(tr("its streams are longer than a file of %1 bytes needs").arg(expectedSize));
    }
    const qint64 windowLimit = BsdiffFormat::streamWindow(expectedSize);
    qint64 streamStart = header->size;
    for (const quint64 length : header->lengths) {
        if (length > 0) {
            QByteArray streamHead(qsizetype(std::min(length, quint64(ZstdFrameHeader::kMaxSize))), Qt::Uninitialized);
            const qint64 got = readAt(patch.get(), streamHead.data(), streamHead.size(), streamStart);
            if (got < 0)
                return cannotRead(patchFile, errnoText());
            if (got != streamHead.size())
                return truncated();
            const auto frame = ZstdFrameHeader::read(streamHead);
            if (!frame)
                return damaged(tr("a stream is not valid zstd"));
            if (frame->window() > quint64(windowLimit)) {
                return std::unexpected(Error{Error::Code::Mismatch,
                    tr("The patch %1 asks for a zstd window of %2 bytes where at most %3 are allowed for a file of "
                       "%4 bytes; it was refused.")
                        .arg(patchFile, QString::number(frame->window()), QString::number(windowLimit),
                            QString::number(expectedSize))});
            }
        }
        streamStart += qint64(length);
    }

    const int windowLog = BsdiffFormat::streamWindowLog(expectedSize);
    qint64 offset = header->size;
    StreamReader control(patch.get(), offset, qint64(header->lengths[0]), windowLog);
    offset += qint64(header->lengths[0]);
    StreamReader diff(patch.get(), offset, qint64(header->lengths[1]), windowLog);
    offset += qint64(header->lengths[1]);
    StreamReader extra(patch.get(), offset, qint64(header->lengths[2]), windowLog);

    std::optional<Refusal> controlRefusal;
    auto nextControlByte = [&]() -> std::optional<quint8> {
        unsigned char byte = 0;
        auto read = control.read(&byte, 1);
        if (!read) {
            controlRefusal = read.error();
            return std::nullopt;
        }
        if (*read == 0)
            return std::nullopt;
        return byte;
    };
    auto readControl = [&]() -> std::expected<quint64, Error> {
        const std::optional<quint64> value = BsdiffFormat::readVarint(nextControlByte);
        if (controlRefusal)
            return refused(*controlRefusal);
        if (!value) {
            auto ended = control.atEnd();
            if (!ended)
                return refused(ended.error());
            return *ended ? truncated() : damaged(tr("a control value is not valid"));
        }
        return *value;
    };

    constexpr qint64 kChunk = qint64(1) << 16;
    std::vector<unsigned char> delta(kChunk);
    std::vector<unsigned char> base(kChunk);
    const qint64 newSize = expectedSize;
    qint64 newPos = 0;
    qint64 oldPos = 0;
    while (newPos < newSize) {
        const auto seekCode = readControl();
        if (!seekCode)
            return std::unexpected(seekCode.error());
        const auto add = readControl();
        if (!add)
            return std::unexpected(add.error());
        const auto copy = readControl();
        if (!copy)
            return std::unexpected(copy.error());
        const qint64 seek = BsdiffFormat::unzigzag(*seekCode);
        if (seek < -oldPos || seek > oldSize - oldPos)
            return damaged(tr("it seeks outside the old file"));
        oldPos += seek;
        const auto room = quint64(newSize - newPos);
        if (*add > room || *copy > room - *add)
            return tooLong();
        if (*add + *copy == 0)
            return damaged(tr("a step writes nothing"));
        if (*add > quint64(oldSize - oldPos))
            return damaged(tr("it reads past the end of the old file"));

        for (qint64 done = 0; done < qint64(*add);) {
            const qint64 n = std::min(qint64(*add) - done, kChunk);
            if (auto read = diff.readExactly(delta.data(), n); !read)
                return refused(read.error());
            const qint64 got = readAt(old.get(), base.data(), n, oldPos + done);
            if (got < 0)
                return cannotRead(oldFile, errnoText());
            if (got != n)
                return cannotRead(oldFile, tr("it changed while the patch was applied"));
            for (qint64 i = 0; i < n; ++i)
                delta[size_t(i)] = static_cast<unsigned char>(delta[size_t(i)] + base[size_t(i)]);
            if (auto written = sink(QByteArrayView(delta.data(), n)); !written)
                return std::unexpected(written.error());
            done += n;
        }
        oldPos += qint64(*add);
        for (qint64 done = 0; done < qint64(*copy);) {
            const qint64 n = std::min(qint64(*copy) - done, kChunk);
            if (auto read = extra.readExactly(delta.data(), n); !read)
                return refused(read.error());
            if (auto written = sink(QByteArrayView(delta.data(), n)); !written)
                return std::unexpected(written.error());
            done += n;
        }
        newPos += qint64(*add + *copy);
    }
    for (StreamReader* stream : {&control, &diff, &extra}) {
        auto ended = stream->atEnd();
        if (!ended)
            return refused(ended.error());
        if (!*ended)
            return damaged(tr("it goes on past the end of the new file"));
    }
    return {};
}
