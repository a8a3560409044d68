#include "packdecoder.h"

#include "release/packheader.h"
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

std::expected<QStringList, Error> PackDecoder::decode(const QString& packFile, const PackInfo& info,
    const Manifest& target, const Manifest& installed, const QString& installedFolder, const Output& output)
{
    auto refused = [&](Error::Code code, const QString& why) {
        return std::unexpected(Error{code, tr("The pack %1 cannot be used: %2").arg(info.sha256, why)});
    };
    if (installed.version != info.from)
        return refused(
            Error::Code::Usage, tr("it starts from %1, not from the installed version.").arg(info.from.toString()));
    QFile file(packFile);
    if (!file.open(QIODevice::ReadOnly))
        return refused(Error::Code::Io, tr("cannot read %1: %2.").arg(packFile, file.errorString()));
    if (file.size() != info.size)
        return refused(Error::Code::Mismatch,
            tr("it has %1 bytes where the signed metadata gives %2.").arg(file.size()).arg(info.size));
    const QByteArray pack = file.readAll();
    if (pack.size() != info.size || sha256Of(pack) != info.sha256)
        return refused(Error::Code::Mismatch, tr("its sha256 differs from the signed one."));

    auto header = PackHeader::read(pack, qsizetype(target.entries.size()));
    if (!header)
        return refused(Error::Code::Mismatch, header.error().message);
    // The members, and the old contents at their paths that make the prefix, in the header's order.
    std::vector<const Manifest::Entry*> members;
    std::vector<const Manifest::Entry*> olds;
    std::set<QString> seen;
    qint64 newBytes = 0;
    qint64 oldBytes = 0;
    for (qsizetype index : header->indices()) {
        const Manifest::Entry& entry = target.entries[size_t(index)];
        if (entry.type != Manifest::Entry::Type::File || entry.size <= 0 || !seen.insert(entry.sha256).second)
            return refused(Error::Code::Mismatch, tr("a member is not a distinct file of the new release."));
        members.push_back(&entry);
        newBytes += entry.size;
        const Manifest::Entry* old = installed.find(entry.path);
        if (old && old->type == Manifest::Entry::Type::File && old->size > 0 && old->sha256 != entry.sha256) {
            olds.push_back(old);
            oldBytes += old->size;
        }
        if (newBytes + oldBytes > PackInfo::kMaxGroupBytes)
            return refused(Error::Code::LimitExceeded, tr("its old and new contents are larger than a pack may be."));
    }
    if (qsizetype(members.size()) != info.entries)
        return refused(Error::Code::Mismatch,
            tr("it has %1 members where the signed metadata gives %2.").arg(members.size()).arg(info.entries));

    const QByteArrayView frame = QByteArrayView(pack).sliced(header->size());
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
    QByteArray contents(qsizetype(newBytes), Qt::Uninitialized);
    const size_t made = ZSTD_decompressDCtx(
        context.get(), contents.data(), size_t(contents.size()), frame.data(), size_t(frame.size()));
    if (ZSTD_isError(made) || made != size_t(newBytes))
        return refused(Error::Code::Mismatch,
            tr("it does not decode (%1).")
                .arg(ZSTD_isError(made) ? QString::fromLatin1(ZSTD_getErrorName(made)) : tr("short")));

    // Every member checked before any is written.
    qsizetype offset = 0;
    for (const Manifest::Entry* member : members) {
        if (sha256Of(QByteArrayView(contents).sliced(offset, qsizetype(member->size))) != member->sha256)
            return refused(Error::Code::Mismatch, tr("it makes %1 wrong (its sha256 differs).").arg(member->path));
        offset += qsizetype(member->size);
    }
    QStringList written;
    offset = 0;
    for (const Manifest::Entry* member : members) {
        QSaveFile out(output(member->sha256));
        const QByteArrayView bytes = QByteArrayView(contents).sliced(offset, qsizetype(member->size));
        offset += qsizetype(member->size);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes.data(), bytes.size()) != bytes.size() || !out.commit()) {
            for (const QString& sha : written)
                QFile::remove(output(sha));
            return refused(Error::Code::Io, tr("cannot write %1: %2.").arg(out.fileName(), out.errorString()));
        }
        written.append(member->sha256);
    }
    return written;
}
