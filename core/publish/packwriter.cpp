#include "packwriter.h"

#include "publish/zstdmemory.h"
#include "release/packheader.h"
#include "release/windowlimits.h"

#include "sha256.h"
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <zstd.h>

#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

int windowLogFor(qint64 oldBytes, qint64 newBytes)
{
    return WindowLimits::logFor(WindowLimits::forZstdPatch(oldBytes, newBytes));
}

} // namespace

qint64 PackWriter::Group::bytes() const
{
    qint64 total = 0;
    for (const Member& member : members)
        total += member.newSize + member.oldSize;
    return total;
}

std::vector<PackWriter::Group> PackWriter::groups(
    const Manifest& target, const Manifest& earlier, const NewFile& newFile, const OldFile& oldFile)
{
    std::set<QString> had;
    for (const Manifest::Entry& entry : earlier.entries) {
        if (entry.type == Manifest::Entry::Type::File)
            had.insert(entry.sha256);
    }
    std::vector<Group> groups;
    std::set<QString> taken;
    for (size_t i = 0; i < target.entries.size(); ++i) {
        const Manifest::Entry& entry = target.entries[i];
        if (entry.type != Manifest::Entry::Type::File || entry.size == 0 || had.contains(entry.sha256)
            || !taken.insert(entry.sha256).second)
            continue;
        Member member{qsizetype(i), newFile(entry), entry.size, {}, 0};
        if (const Manifest::Entry* old = earlier.find(entry.path);
            old && old->type == Manifest::Entry::Type::File && old->size > 0) {
            member.oldFile = oldFile(old->sha256);
            member.oldSize = old->size;
        }
        if (!PackInfo::packable(member.newSize, member.oldSize))
            continue; // a per-file patch or object, applied streaming
        if (groups.empty() || groups.back().bytes() + member.newSize + member.oldSize > PackInfo::kMaxGroupBytes)
            groups.push_back({earlier.version, {}});
        groups.back().members.push_back(std::move(member));
    }
    return groups;
}

qint64 PackWriter::memory(const Group& group)
{
    qint64 oldBytes = 0;
    qint64 newBytes = 0;
    for (const Member& member : group.members) {
        oldBytes += member.oldSize;
        newBytes += member.newSize;
    }
    ZstdMemory::Stream stream;
    stream.level = level(group);
    stream.size = newBytes;
    stream.windowLog = windowLogFor(oldBytes, newBytes);
    stream.longDistance = true;
    stream.prefix = oldBytes;
    // The stream's tables, the old and new contents in memory and the frame being made.
    return ZstdMemory::estimate(stream) + oldBytes + newBytes + qint64(ZSTD_compressBound(size_t(newBytes)));
}

int PackWriter::level(const Group& group)
{
    return group.bytes() <= kSmallGroupBytes ? kSmallGroupLevel : kLevel;
}

std::expected<PackInfo, Error> PackWriter::write(const Group& group) const
{
    auto compressed = compress(group);
    if (!compressed)
        return std::unexpected(compressed.error());
    return store(group, *compressed);
}

std::expected<PackWriter::Compressed, Error> PackWriter::compress(const Group& group) const
{
    auto readAll = [](const QString& path, qint64 size, QByteArray& into) -> std::expected<void, Error> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(path, file.errorString())});
        const QByteArray bytes = file.read(size + 1);
        if (bytes.size() != size)
            return std::unexpected(
                Error{Error::Code::Mismatch, tr("%1 changed while its pack was being made.").arg(path)});
        into.append(bytes);
        return {};
    };
    QByteArray prefix;
    QByteArray contents;
    std::vector<qsizetype> indices;
    for (const Member& member : group.members) {
        if (!member.oldFile.isEmpty()) {
            if (auto read = readAll(member.oldFile, member.oldSize, prefix); !read)
                return std::unexpected(read.error());
        }
        if (auto read = readAll(member.newFile, member.newSize, contents); !read)
            return std::unexpected(read.error());
        indices.push_back(member.index);
    }

    std::unique_ptr<ZSTD_CCtx, CCtxFree> context(ZSTD_createCCtx());
    ZSTD_CCtx* c = context.get();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level(group));
    ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, windowLogFor(prefix.size(), contents.size()));
    ZSTD_CCtx_setParameter(c, ZSTD_c_enableLongDistanceMatching, 1);
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0); // the pack's sha256 and each member's check it
    if (!prefix.isEmpty())
        ZSTD_CCtx_refPrefix(c, prefix.constData(), size_t(prefix.size()));
    Compressed compressed{
        QByteArray(qsizetype(ZSTD_compressBound(size_t(contents.size()))), Qt::Uninitialized), std::move(indices)};
    const size_t written = ZSTD_compress2(
        c, compressed.frame.data(), size_t(compressed.frame.size()), contents.constData(), size_t(contents.size()));
    if (ZSTD_isError(written)) {
        return std::unexpected(Error{Error::Code::Internal,
            tr("zstd failed making a pack: %1.").arg(QLatin1StringView(ZSTD_getErrorName(written)))});
    }
    compressed.frame.resize(qsizetype(written));
    return compressed;
}

std::expected<PackInfo, Error> PackWriter::store(
    const Group& group, const Compressed& compressed, QByteArrayView manifestFrame) const
{
    const QByteArray pack = PackHeader::write(compressed.indices, manifestFrame) + compressed.frame;
    PackInfo info{
        group.from, Sha256::hexOf(pack), pack.size(), int(group.members.size()), manifestFrame.isEmpty() ? 1 : 2};
    const QString path = m_repository + u"/packs/"_s + info.sha256;
    if (QFile::exists(path))
        return info; // content addressed: the same bytes, from an earlier publish
    if (!QDir().mkpath(m_repository + u"/packs"_s))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1/packs.").arg(m_repository)});
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pack) != pack.size() || !file.commit())
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(path, file.errorString())});
    return info;
}
