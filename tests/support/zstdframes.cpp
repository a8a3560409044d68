#include "zstdframes.h"

#include <QtGlobal>

#include <zstd.h>

#include <algorithm>
#include <functional>

namespace ZstdFrames {

namespace {

constexpr quint32 kMagic = 0xFD2FB528;
constexpr quint32 kSkippableMagic = 0x184D2A50;
constexpr qsizetype kMaxBlock = 128 * 1024;

void appendLittleEndian(QByteArray& out, quint64 value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(char(value >> (8 * i)));
}

// The header's length: magic, descriptor, window byte, dictionary id and content size fields.
qsizetype headerLength(const QByteArray& frame)
{
    if (frame.size() < 5)
        qFatal("ZstdFrames: not a zstd frame");
    const auto descriptor = quint8(frame[4]);
    const bool singleSegment = descriptor & 0x20;
    const int dictionaryBytes[] = {0, 1, 2, 4};
    const int contentSizeBytes[] = {singleSegment ? 1 : 0, 2, 4, 8};
    return 5 + (singleSegment ? 0 : 1) + dictionaryBytes[descriptor & 3] + contentSizeBytes[descriptor >> 6];
}

// The window a window byte declares: 2^(10 + exponent) and eighths of it.
quint64 windowOf(quint8 descriptor)
{
    const quint64 base = quint64(1) << (10 + (descriptor >> 3));
    return base + base / 8 * (descriptor & 7);
}

// The first window byte, in increasing order of window, for which `wanted` holds; none past 2^41.
std::optional<quint8> firstDescriptor(const std::function<bool(quint64)>& wanted)
{
    for (int descriptor = 0; descriptor < 256; ++descriptor) {
        if (wanted(windowOf(quint8(descriptor))))
            return quint8(descriptor);
    }
    return std::nullopt;
}

// The window byte that declares exactly `window`.
quint8 windowDescriptor(quint64 window)
{
    const auto descriptor = firstDescriptor([window](quint64 declared) { return declared == window; });
    if (!descriptor)
        qFatal("ZstdFrames: a window of %llu bytes cannot be declared", static_cast<unsigned long long>(window));
    return *descriptor;
}

} // namespace

QByteArray compress(const QByteArray& content, int level)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(content.size()))), Qt::Uninitialized);
    const size_t size
        = ZSTD_compress(out.data(), size_t(out.size()), content.constData(), size_t(content.size()), level);
    if (ZSTD_isError(size))
        qFatal("ZstdFrames: %s", ZSTD_getErrorName(size));
    out.truncate(qsizetype(size));
    return out;
}

QByteArray decompress(const QByteArray& frame)
{
    const unsigned long long size = ZSTD_getFrameContentSize(frame.constData(), size_t(frame.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > 64 * 1024 * 1024)
        return "(no content size)";
    QByteArray content(qsizetype(size), Qt::Uninitialized);
    const size_t written
        = ZSTD_decompress(content.data(), size_t(content.size()), frame.constData(), size_t(frame.size()));
    if (ZSTD_isError(written))
        return QByteArray("(zstd: ") + ZSTD_getErrorName(written) + ')';
    content.truncate(qsizetype(written));
    return content;
}

QByteArray compressWithWideWindow(const QByteArray& content, const QByteArray& prefix)
{
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, 27);
    if (!prefix.isEmpty())
        ZSTD_CCtx_refPrefix(context, prefix.constData(), size_t(prefix.size()));
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(content.size()))) + 1024, Qt::Uninitialized);
    ZSTD_outBuffer sink{out.data(), size_t(out.size()), 0};
    // Flushed before it is ended, so that zstd never learns the size and keeps the window.
    ZSTD_inBuffer source{content.constData(), size_t(content.size()), 0};
    while (ZSTD_compressStream2(context, &sink, &source, ZSTD_e_flush) != 0 || source.pos < source.size) { }
    ZSTD_inBuffer none{nullptr, 0, 0};
    while (ZSTD_compressStream2(context, &sink, &none, ZSTD_e_end) != 0) { }
    ZSTD_freeCCtx(context);
    out.truncate(qsizetype(sink.pos));
    return out;
}

quint64 declaredWindow(const QByteArray& frame)
{
    // After the 4-byte magic number, a descriptor whose bit 5 marks a single segment (no window
    // byte), then the window byte.
    if (frame.size() < 6 || (quint8(frame[4]) & 0x20) != 0)
        return 0;
    return windowOf(quint8(frame[5]));
}

quint64 windowAbove(quint64 size)
{
    const auto descriptor = firstDescriptor([size](quint64 window) { return window > size; });
    if (!descriptor)
        qFatal("ZstdFrames: no window is larger than %llu bytes", static_cast<unsigned long long>(size));
    return windowOf(*descriptor);
}

quint64 windowAtMost(quint64 size)
{
    const auto above = firstDescriptor([size](quint64 window) { return window > size; });
    if (above == quint8(0))
        return 0;
    return windowOf(above ? quint8(*above - 1) : quint8(255));
}

QByteArray blocksOf(const QByteArray& frame)
{
    return frame.mid(headerLength(frame));
}

bool hasChecksum(const QByteArray& frame)
{
    return frame.size() > 4 && (quint8(frame[4]) & 0x04);
}

QByteArray storedBlocks(const QByteArray& content, qsizetype blockSize)
{
    QByteArray blocks;
    qsizetype at = 0;
    do {
        const qsizetype size = std::min({blockSize, kMaxBlock, content.size() - at});
        const bool last = at + size == content.size();
        appendLittleEndian(blocks, quint64(size) << 3 | (last ? 1 : 0), 3); // type 0: stored
        blocks += content.mid(at, size);
        at += size;
    } while (at < content.size());
    return blocks;
}

QByteArray frame(const Header& header, const QByteArray& blocks, std::optional<qsizetype> length)
{
    const bool singleSegment = !header.window;
    if (singleSegment && !header.contentSize)
        qFatal("ZstdFrames: a single segment must give its content size");

    int sizeFlag = 0;
    int sizeBytes = 0;
    quint64 sizeValue = header.contentSize.value_or(0);
    if (header.contentSize) {
        const quint64 size = *header.contentSize;
        if (singleSegment && size < 256) {
            sizeBytes = 1;
        } else if (size >= 256 && size - 256 < 65536) {
            sizeFlag = 1;
            sizeBytes = 2;
            sizeValue = size - 256;
        } else if (size <= 0xffffffffu) {
            sizeFlag = 2;
            sizeBytes = 4;
        } else {
            sizeFlag = 3;
            sizeBytes = 8;
        }
    }

    const qsizetype natural = 5 + (singleSegment ? 0 : 1) + sizeBytes + blocks.size();
    qsizetype padding = length ? *length - natural : 0;
    if (padding < 0)
        return {};
    const int dictionaryBytes = int(padding % 3); // 0, 1 or 2 bytes of dictionary id 0
    const qsizetype emptyBlocks = padding / 3;

    QByteArray out;
    appendLittleEndian(out, kMagic, 4);
    out.append(char(sizeFlag << 6 | (singleSegment ? 0x20 : 0) | (header.checksum ? 0x04 : 0) | dictionaryBytes));
    if (!singleSegment)
        out.append(char(windowDescriptor(*header.window)));
    appendLittleEndian(out, 0, dictionaryBytes);
    appendLittleEndian(out, sizeValue, sizeBytes);
    for (qsizetype i = 0; i < emptyBlocks; ++i)
        appendLittleEndian(out, 0, 3); // an empty stored block, not the last
    out += blocks;
    return out;
}

QByteArray skippableFrame(quint32 size)
{
    QByteArray out;
    appendLittleEndian(out, kSkippableMagic, 4);
    appendLittleEndian(out, size, 4);
    out += QByteArray(qsizetype(size), '\0');
    return out;
}

} // namespace ZstdFrames
