#pragma once

// zstd frames for tests: compressed and decompressed whole by libzstd, one that asks for far more
// memory than its content needs, and frames put together by hand (RFC 8878, 3.1.1) for tests of
// what the decoders refuse: any window and content size a frame header can declare, around the
// blocks of a real frame or around stored bytes, padded to an exact length where a tampered file
// must keep its signed size.

#include <QByteArray>

#include <optional>

namespace ZstdFrames {

// `content` as one frame, by libzstd at `level`.
[[nodiscard]] QByteArray compress(const QByteArray& content, int level = 3);

// What one frame that gives its content size (at most 64 MiB) unpacks to; otherwise a sentence
// in parentheses that says why not, so that a comparison with the expected content shows it.
[[nodiscard]] QByteArray decompress(const QByteArray& frame);

// `content` as one frame that declares a 128 MiB window (the most zstd accepts by default) and not
// its size, optionally compressed against `prefix`: content of any size in a frame asking for far
// more memory.
[[nodiscard]] QByteArray compressWithWideWindow(const QByteArray& content, const QByteArray& prefix = {});

// The window a frame's header declares; 0 for a single segment, which declares none.
[[nodiscard]] quint64 declaredWindow(const QByteArray& frame);

// The smallest window a header can declare (a power of two and eighths of it) that is larger than
// `size`, and the largest that is at most `size`.
[[nodiscard]] quint64 windowAbove(quint64 size);
[[nodiscard]] quint64 windowAtMost(quint64 size);

// What a crafted frame header declares. Without a window the frame is a single segment, whose
// window is its content size (which it must then give).
struct Header {
    std::optional<quint64> window;      // made of a power of two and eighths of it, as the format allows
    std::optional<quint64> contentSize; // none: the frame does not say how much it makes
    bool checksum = false;              // the blocks end with the four bytes of a content checksum
};

// The blocks of a real frame, and its checksum if it has one: everything after its header.
[[nodiscard]] QByteArray blocksOf(const QByteArray& frame);

// Whether the real frame ends with a content checksum.
[[nodiscard]] bool hasChecksum(const QByteArray& frame);

// `content` as stored (raw) blocks of at most `blockSize` bytes (which must not exceed the window
// of the frame they go in), the last one marked last.
[[nodiscard]] QByteArray storedBlocks(const QByteArray& content, qsizetype blockSize = 128 * 1024);

// A frame of `header` and `blocks`. With `length`, padded to exactly that many bytes by an empty
// dictionary id field and empty stored blocks before the others, which decoders skip; empty when
// the frame is longer than that already.
[[nodiscard]] QByteArray frame(const Header& header, const QByteArray& blocks, std::optional<qsizetype> length = {});

// A skippable frame of `size` bytes of payload, which zstd passes over.
[[nodiscard]] QByteArray skippableFrame(quint32 size);

} // namespace ZstdFrames
