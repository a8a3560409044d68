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

QByteArray PackHeader::write(const std::vector<qsizetype>& indices)
{
    QByteArray out(kMagic.data(), qsizetype(kMagic.size()));
    appendVarint(out, indices.size());
    qsizetype next = 0;
    for (qsizetype index : indices) {
        appendVarint(out, quint64(index - next));
        next = index + 1;
    }
    return out;
}

std::expected<PackHeader, Error> PackHeader::read(QByteArrayView bytes, qsizetype entryCount)
{
    auto malformed = [](const QString& why) {
        return std::unexpected(Error{Error::Code::Mismatch, tr("The pack's header is malformed: %1.").arg(why)});
    };
    if (bytes.size() < qsizetype(kMagic.size()) || bytes.first(qsizetype(kMagic.size())) != QByteArrayView(kMagic))
        return malformed(tr("it is not a pack of format zstd-solid-1"));
    qsizetype pos = qsizetype(kMagic.size());
    const auto count = readVarint(bytes, pos);
    if (!count || *count == 0 || *count > quint64(std::min(kMaxMembers, entryCount)))
        return malformed(tr("its number of members is not one the manifest allows"));
    PackHeader header;
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
