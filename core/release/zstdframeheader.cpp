#include "zstdframeheader.h"

namespace {

constexpr quint32 kMagic = 0xFD2FB528;

quint64 littleEndian(QByteArrayView bytes, qsizetype at, int length)
{
    quint64 value = 0;
    for (int i = 0; i < length; ++i)
        value |= quint64(quint8(bytes[at + i])) << (8 * i);
    return value;
}

} // namespace

std::expected<ZstdFrameHeader, ZstdFrameHeader::Fault> ZstdFrameHeader::read(QByteArrayView bytes)
{
    if (bytes.size() < 4)
        return std::unexpected(Fault::Truncated);
    if (littleEndian(bytes, 0, 4) != kMagic)
        return std::unexpected(Fault::NotZstd);
    if (bytes.size() < 5)
        return std::unexpected(Fault::Truncated);
    const auto descriptor = quint8(bytes[4]);
    if (descriptor & 0x08)
        return std::unexpected(Fault::Invalid);
    const bool singleSegment = descriptor & 0x20;
    constexpr int kDictionaryBytes[] = {0, 1, 2, 4};
    const int dictionaryBytes = kDictionaryBytes[descriptor & 3];
    const int sizeFlag = descriptor >> 6;
    const int contentSizeBytes = sizeFlag == 0 ? (singleSegment ? 1 : 0) : 1 << sizeFlag; // 2, 4 or 8

    ZstdFrameHeader header;
    header.m_size = 5 + (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes;
    if (bytes.size() < header.m_size)
        return std::unexpected(Fault::Truncated);
    qsizetype at = 5;
    if (!singleSegment) {
        const auto window = quint8(bytes[at++]);
        const quint64 base = quint64(1) << (10 + (window >> 3));
        header.m_window = base + base / 8 * (window & 7);
    }
    at += dictionaryBytes; // Upkeep's frames have no dictionary; zstd refuses any it does not hold
    if (contentSizeBytes > 0) {
        header.m_contentSize = littleEndian(bytes, at, contentSizeBytes) + (sizeFlag == 1 ? 256 : 0);
        if (singleSegment)
            header.m_window = *header.m_contentSize;
    }
    return header;
}
