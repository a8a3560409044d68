#pragma once

#include "release/patchdecoder.h"

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>
#include <limits>
#include <optional>

// The layout of a PatchFormat::Bsdiff patch, shared by BsdiffEncoder and BsdiffDecoder:
//
//   "UPKBSD1"  varint newSize  varint controlLength  varint diffLength  varint extraLength
//   control stream | diff stream | extra stream
//
// Each stream is one zstd frame (or nothing, when its length is 0), so that a decoder can read
// all three at once from their offsets. Once decompressed, the control stream is a list of
// (seek, add, copy) triples of varints, seek zigzag-encoded: move in the old file by `seek`
// (from 0 at first), add `add` bytes of the diff stream to as many old bytes, then take `copy`
// bytes of the extra stream. Every triple writes at least one byte. Varints are LEB128, at most
// 10 bytes. So the control stream of an N-byte file holds at most 30 N bytes, the diff and extra
// streams at most N each, and no stream may be longer than the zstd frame of that many bytes.
namespace BsdiffFormat {

inline constexpr QByteArrayView kMagic{"UPKBSD1"};
inline constexpr qsizetype kMaxHeaderSize = 7 + 4 * 10;

// The zstd window of each stream: enough for the new file, but at most 16 MiB, so that the
// decoder's three streams together stay within some 50 MiB of memory whatever the file size.
inline constexpr int kMaxStreamWindowLog = 24;

[[nodiscard]] inline int streamWindowLog(qint64 newSize)
{
    return std::min(patchWindowLog(newSize), kMaxStreamWindowLog);
}

// The largest window a stream's frame may ask for: the encoder's, so at most 16 MiB.
[[nodiscard]] inline qint64 streamWindow(qint64 newSize)
{
    return qint64(1) << streamWindowLog(newSize);
}

// The most a control step takes: three varints of 10 bytes.
inline constexpr quint64 kMaxStepSize = 30;

// The longest zstd frame of `rawSize` bytes, as ZSTD_COMPRESSBOUND gives it (saturating rather
// than overflowing): no stream is longer than the frame of what it holds.
[[nodiscard]] inline quint64 maxFrameSize(quint64 rawSize)
{
    constexpr quint64 kBlock = 128 * 1024;
    if (rawSize > std::numeric_limits<quint64>::max() / 2)
        return std::numeric_limits<quint64>::max();
    return rawSize + (rawSize >> 8) + (rawSize < kBlock ? (kBlock - rawSize) >> 11 : 0);
}

inline void appendVarint(QByteArray& out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char(value | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

inline quint64 zigzag(qint64 value)
{
    return (quint64(value) << 1) ^ quint64(value >> 63);
}

inline qint64 unzigzag(quint64 value)
{
    return qint64(value >> 1) ^ -qint64(value & 1);
}

// Reads one varint, taking bytes from `next` (a callable giving std::optional<quint8>, nullopt at
// the end); nullopt when the bytes end first or the value needs more than 64 bits.
template <typename NextByte> std::optional<quint64> readVarint(NextByte&& next)
{
    quint64 value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const std::optional<quint8> byte = next();
        if (!byte || (shift == 63 && *byte > 1))
            return std::nullopt;
        value |= quint64(*byte & 0x7f) << shift;
        if (!(*byte & 0x80))
            return value;
    }
    return std::nullopt;
}

} // namespace BsdiffFormat
