#include "zstdframes.h"

#include <QtGlobal>

#include <algorithm>

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

// The window byte that declares exactly `window`, an exponent and eighths.
quint8 windowDescriptor(quint64 window)
{
    for (int exponent = 0; exponent < 32; ++exponent) {
        const quint64 base = quint64(1) << (10 + exponent);
        for (int mantissa = 0; mantissa < 8; ++mantissa) {
            if (base + base / 8 * quint64(mantissa) == window)
                return quint8(exponent << 3 | mantissa);
        }
    }
    qFatal("ZstdFrames: a window of %llu bytes cannot be declared", static_cast<unsigned long long>(window));
}

} // namespace

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
