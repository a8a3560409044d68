#include "packheader.h"

namespace {

void appendVarint(QByteArray& out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

// A LEB128 number of at most 63 bits at `pos`, which moves past it; nullopt when the bytes end or it overflows.
std::optional<quint64> readVarint(QByteArrayView bytes, qsizetype& pos)
{
    quint64 value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
        if (pos >= bytes.size())
            return std::nullopt;
        const auto byte = quint8(bytes[pos++]);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
    return std::nullopt;
}

} // namespace

QByteArray PackHeader::write(const std::vector<qsizetype>& indices, QByteArrayView manifestFrame)
{
    QByteArray out;
    if (manifestFrame.isEmpty()) {
        out.append(kMagic.data(), qsizetype(kMagic.size()));
    } else {
        out.append(kMagic2.data(), qsizetype(kMagic2.size()));
        appendVarint(out, quint64(manifestFrame.size()));
        out.append(manifestFrame);
    }
    appendVarint(out, indices.size());
    qsizetype next = 0;
    for (qsizetype index : indices) {
        appendVarint(out, quint64(index - next));
        next = index + 1;
    }
    return out;
}

std::expected<QByteArrayView, Error> PackHeader::manifestFrame(QByteArrayView bytes)
{
    if (bytes.size() < qsizetype(kMagic2.size()) || bytes.first(qsizetype(kMagic2.size())) != QByteArrayView(kMagic2))
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The pack's header is malformed: %1.").arg(tr("it is not a pack of format zstd-solid-2"))});
    qsizetype pos = qsizetype(kMagic2.size());
    const auto size = readVarint(bytes, pos);
    if (!size || *size == 0 || *size > quint64(kMaxManifestFrame) || *size > quint64(bytes.size() - pos))
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The pack's header is malformed: %1.").arg(tr("its manifest frame does not fit in it"))});
    return bytes.sliced(pos, qsizetype(*size));
}

std::expected<PackHeader, Error> PackHeader::read(QByteArrayView bytes, qsizetype entryCount)
{
    auto malformed = [](const QString& why) {
        return std::unexpected(Error{Error::Code::Mismatch, tr("The pack's header is malformed: %1.").arg(why)});
    };
    PackHeader header;
    qsizetype pos = 0;
    if (bytes.size() >= qsizetype(kMagic.size()) && bytes.first(qsizetype(kMagic.size())) == QByteArrayView(kMagic)) {
        pos = qsizetype(kMagic.size());
    } else {
        const auto frame = manifestFrame(bytes);
        if (!frame)
            return malformed(tr("it is not a pack of format zstd-solid-1 or zstd-solid-2"));
        pos = qsizetype(frame->data() - bytes.data()) + frame->size();
        header.m_format = 2;
    }
    const auto count = readVarint(bytes, pos);
    if (!count || *count == 0 || *count > quint64(std::min(kMaxMembers, entryCount)))
        return malformed(tr("its number of members is not one the manifest allows"));
    header.m_indices.reserve(size_t(*count));
    quint64 next = 0;
    for (quint64 i = 0; i < *count; ++i) {
        const auto gap = readVarint(bytes, pos);
        if (!gap || *gap >= quint64(entryCount) || next + *gap >= quint64(entryCount))
            return malformed(tr("a member names no entry of the manifest"));
        header.m_indices.push_back(qsizetype(next + *gap));
        next += *gap + 1;
    }
    header.m_size = pos;
    return header;
}
