#pragma once

#include <QByteArrayView>

#include <expected>
#include <optional>

// The header of a zstd frame (RFC 8878, 3.1.1.1), read before anything is decompressed: the window
// the frame asks a decoder to keep and the content size it declares. The decoders hold both to
// the sizes the manifest signs (see WindowLimits), so that a frame cannot make them allocate more
// than the file it makes justifies.
class ZstdFrameHeader
{
public:
    // Magic number 4, descriptor 1, window 1, dictionary id 4 and content size 8 bytes.
    static constexpr qsizetype kMaxSize = 18;

    enum class Fault {
        Truncated, // the bytes end before the header does
        NotZstd,   // another magic number, such as a skippable frame's
        Invalid,   // the reserved bit is set
    };

    // Reads the header at the start of `bytes`.
    static std::expected<ZstdFrameHeader, Fault> read(QByteArrayView bytes);

    // The window a decoder must keep: the one declared, or the content size of a single segment.
    [[nodiscard]] quint64 window() const { return m_window; }
    // What the frame says it makes, when it says so.
    [[nodiscard]] std::optional<quint64> contentSize() const { return m_contentSize; }
    // Of the header itself.
    [[nodiscard]] qsizetype size() const { return m_size; }

private:
    ZstdFrameHeader() = default;

    quint64 m_window = 0;
    std::optional<quint64> m_contentSize;
    qsizetype m_size = 0;
};
