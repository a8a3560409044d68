#pragma once

// zstd frames put together by hand (RFC 8878, 3.1.1), for tests of what the decoders refuse: any
// window and content size a frame header can declare, around the blocks of a real frame or
// around stored bytes, padded to an exact length where a tampered file must keep its signed size.

#include <QByteArray>

#include <optional>

namespace ZstdFrames {

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
