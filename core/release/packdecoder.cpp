#include "packdecoder.h"

#include "release/packedmanifest.h"
#include "release/packheader.h"
#include "release/prefixframe.h"
#include "release/windowlimits.h"
#include "release/zstdframeheader.h"

#include "sha256.h"
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <zstd.h>

#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace {

struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

QString sha256Of(QByteArrayView bytes)
{
    return Sha256::hexOf(bytes);
}

} // namespace

std::expected<QByteArray, Error> PackDecoder::readPack(const QString& packFile, const PackInfo& info)
{
    QFile file(packFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            refusal(info, Error::Code::Io, tr("cannot read %1: %2.").arg(packFile, file.errorString())));
    if (file.size() != info.size)
        return std::unexpected(refusal(info, Error::Code::Mismatch,
            tr("it has %1 bytes where the signed metadata gives %2.").arg(file.size()).arg(info.size)));
    QByteArray pack = file.readAll();
    if (pack.size() != info.size || sha256Of(pack) != info.sha256)
        return std::unexpected(refusal(info, Error::Code::Mismatch, tr("its sha256 differs from the signed one.")));
    return pack;
}

Error PackDecoder::refusal(const PackInfo& info, Error::Code code, const QString& why)
{
    return Error{code, tr("The pack %1 cannot be used: %2").arg(info.sha256, why)};
}

std::expected<QByteArray, Error> PackDecoder::contents(QByteArrayView pack, const PackHeader& header,
    const std::vector<Member>& members, const PackInfo& info, const Manifest& installed, const QString& installedFolder)
{
    auto refused = [&](Error::Code code, const QString& why) { return std::unexpected(refusal(info, code, why)); };
    if (installed.version != info.from)
        return refused(
            Error::Code::Usage, tr("it starts from %1, not from the installed version.").arg(info.from.toString()));
    if (qsizetype(members.size()) != info.entries)
        return refused(Error::Code::Mismatch,
            tr("it has %1 members where the signed metadata gives %2.").arg(members.size()).arg(info.entries));
    if (header.format() != info.format)
        return refused(Error::Code::Mismatch, tr("its format is not the signed one."));
    // The old contents at the members' paths make the prefix, in the header's order.
    std::vector<const Manifest::Entry*> olds;
    std::set<QString> paths;
    qint64 newBytes = 0;
    qint64 oldBytes = 0;
    for (const Member& member : members) {
        if (member.size <= 0 || !paths.insert(member.path).second)
            return refused(Error::Code::Mismatch, tr("a member is not a distinct file of the new release."));
        newBytes += member.size;
        const Manifest::Entry* old = installed.find(member.path);
        if (old && old->type == Manifest::Entry::Type::File && old->size > 0 && old->sha256 != member.sha256) {
            olds.push_back(old);
            oldBytes += old->size;
        }
        if (newBytes + oldBytes > PackInfo::kMaxGroupBytes)
            return refused(Error::Code::LimitExceeded, tr("its old and new contents are larger than a pack may be."));
    }

    const QByteArrayView frame = pack.sliced(header.size());
    const auto frameHeader = ZstdFrameHeader::read(frame);
    const qint64 windowLimit = qint64(1) << WindowLimits::logFor(WindowLimits::forZstdPatch(oldBytes, newBytes));
    if (!frameHeader || frameHeader->contentSize() != std::optional<quint64>(quint64(newBytes))
        || frameHeader->window() > quint64(windowLimit)
        || ZSTD_findFrameCompressedSize(frame.data(), size_t(frame.size())) != size_t(frame.size()))
        return refused(Error::Code::Mismatch, tr("its zstd frame does not make the sizes the manifest gives."));

    // The prefix: each old file read whole and checked, so that a file changed on disk refuses the pack.
    QByteArray prefix;
    prefix.reserve(qsizetype(oldBytes));
    for (const Manifest::Entry* old : olds) {
        QFile input(installedFolder + u'/' + old->path);
        if (QFileInfo(input.fileName()).isSymLink() || !input.open(QIODevice::ReadOnly))
            return refused(Error::Code::Io, tr("the installed file %1 cannot be read.").arg(old->path));
        const QByteArray bytes = input.read(old->size + 1);
        if (bytes.size() != old->size || sha256Of(bytes) != old->sha256)
            return refused(Error::Code::Mismatch,
                tr("the installed file %1 differs from the installed manifest (changed on disk?).").arg(old->path));
        prefix.append(bytes);
    }

    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, WindowLimits::logFor(windowLimit));
    if (!prefix.isEmpty()) {
        if (const size_t referenced = ZSTD_DCtx_refPrefix(context.get(), prefix.constData(), size_t(prefix.size()));
            ZSTD_isError(referenced))
            return refused(Error::Code::Internal, QString::fromLatin1(ZSTD_getErrorName(referenced)));
    }
    QByteArray made(qsizetype(newBytes), Qt::Uninitialized);
    const size_t size
        = ZSTD_decompressDCtx(context.get(), made.data(), size_t(made.size()), frame.data(), size_t(frame.size()));
    if (ZSTD_isError(size) || size != size_t(newBytes))
        return refused(Error::Code::Mismatch,
            tr("it does not decode (%1).")
                .arg(ZSTD_isError(size) ? QString::fromLatin1(ZSTD_getErrorName(size)) : tr("short")));
    return made;
}

std::expected<QStringList, Error> PackDecoder::write(
    const QByteArray& contents, const std::vector<Member>& members, const Output& output)
{
    QStringList written;
    qsizetype offset = 0;
    for (const Member& member : members) {
        QSaveFile out(output(member.sha256));
        const QByteArrayView bytes = QByteArrayView(contents).sliced(offset, qsizetype(member.size));
        offset += qsizetype(member.size);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes.data(), bytes.size()) != bytes.size() || !out.commit()) {
            for (const QString& sha : written)
                QFile::remove(output(sha));
            return std::unexpected(
                Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(out.fileName(), out.errorString())});
        }
        written.append(member.sha256);
    }
    return written;
}

std::expected<QStringList, Error> PackDecoder::decode(const QString& packFile, const PackInfo& info,
    const Manifest& target, const Manifest& installed, const QString& installedFolder, const Output& output)
{
    auto pack = readPack(packFile, info);
    if (!pack)
        return std::unexpected(pack.error());
    auto header = PackHeader::read(*pack, qsizetype(target.entries.size()));
    if (!header)
        return std::unexpected(refusal(info, Error::Code::Mismatch, header.error().message));
    std::vector<Member> members;
    std::set<QString> seen;
    for (qsizetype index : header->indices()) {
        const Manifest::Entry& entry = target.entries[size_t(index)];
        if (entry.type != Manifest::Entry::Type::File || entry.size <= 0 || !seen.insert(entry.sha256).second)
            return std::unexpected(
                refusal(info, Error::Code::Mismatch, tr("a member is not a distinct file of the new release.")));
        members.push_back({entry.path, entry.size, entry.sha256});
    }
    auto made = contents(*pack, *header, members, info, installed, installedFolder);
    if (!made)
        return std::unexpected(made.error());
    // Every member checked before any is written.
    qsizetype offset = 0;
    for (const Member& member : members) {
        if (sha256Of(QByteArrayView(*made).sliced(offset, qsizetype(member.size))) != member.sha256)
            return std::unexpected(
                refusal(info, Error::Code::Mismatch, tr("it makes %1 wrong (its sha256 differs).").arg(member.path)));
        offset += qsizetype(member.size);
    }
    auto written = write(*made, members, output);
    if (!written)
        return std::unexpected(refusal(info, Error::Code::Io, written.error().message));
    return written;
}

std::expected<PackDecoder::WithManifest, Error> PackDecoder::decodeWithManifest(const QString& packFile,
    const PackInfo& info, const SignedManifest& expected, const QByteArray& installedBytes, const Manifest& installed,
    const QString& installedFolder, const Output& output)
{
    auto refused = [&](const QString& why) { return std::unexpected(refusal(info, Error::Code::Mismatch, why)); };
    if (!info.carriesManifest())
        return std::unexpected(refusal(info, Error::Code::Usage, tr("its format carries no manifest.")));
    auto pack = readPack(packFile, info);
    if (!pack)
        return std::unexpected(pack.error());
    auto frame = PackHeader::manifestFrame(*pack);
    if (!frame)
        return refused(frame.error().message);
    // The stripped manifest is smaller than the signed one it restores.
    auto stripped = PrefixFrame::decode(*frame, installedBytes, expected.length);
    if (!stripped)
        return refused(stripped.error().message);
    auto packed = PackedManifest::read(*stripped);
    if (!packed)
        return refused(packed.error().message);
    auto header = PackHeader::read(*pack, packed->fileCount());
    if (!header)
        return refused(header.error().message);
    std::vector<Member> members;
    for (qsizetype index : header->indices()) {
        auto member = packed->member(index);
        if (!member)
            return refused(member.error().message);
        members.push_back({member->path, member->size, {}});
    }
    auto made = contents(*pack, *header, members, info, installed, installedFolder);
    if (!made)
        return std::unexpected(made.error());
    // Each member's sha256 from what it decodes to; the manifest they restore must be the signed one
    // before any of it (and so any member) is trusted.
    QStringList hashes;
    qsizetype offset = 0;
    for (Member& member : members) {
        member.sha256 = sha256Of(QByteArrayView(*made).sliced(offset, qsizetype(member.size)));
        hashes.append(member.sha256);
        offset += qsizetype(member.size);
    }
    QByteArray manifest = packed->restore(header->indices(), hashes);
    if (manifest.size() != expected.length || sha256Of(manifest) != expected.sha256)
        return refused(tr("the manifest it makes is not the signed one."));
    // Two members with the same content would have been one (PackWriter packs each content once).
    if (QSet<QString>(hashes.begin(), hashes.end()).size() != hashes.size())
        return refused(tr("two of its members have the same content."));
    auto written = write(*made, members, output);
    if (!written)
        return std::unexpected(refusal(info, Error::Code::Io, written.error().message));
    return WithManifest{std::move(manifest), *written};
}
