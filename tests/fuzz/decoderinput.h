#pragma once

// One input of the decoder fuzz targets: what the signed manifest tells the decoder (the size and
// sha256 of what it must make), the installed file a patch starts from, and the downloaded object
// or patch. fuzz-seeds writes real ones with the real encoders; the targets read them back.
//
//   u32 LE   the size the manifest gives (taken modulo kMaxOutput + 1, so any value means one)
//   32 bytes the sha256 the manifest gives
//   u32 LE   the old file's length (patch targets only; the rest of the input when larger)
//   the old file (patch targets only)
//   the object or patch: the rest

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QString>

#include <algorithm>
#include <optional>

struct DecoderInput {
    // Small, so that every run is quick and any allocation past a few MiB means a decoder gave a
    // frame more than the sizes justify (scripts/fuzz runs these targets with -malloc_limit_mb).
    static constexpr qint64 kMaxOutput = 256 * 1024;

    qint64 expectedSize = 0;
    QString expectedSha256; // hex
    QByteArray old;
    QByteArray file;

    static std::optional<DecoderInput> parse(QByteArrayView bytes, bool withOld)
    {
        qsizetype at = 0;
        auto u32 = [&]() -> std::optional<quint32> {
            if (bytes.size() - at < 4)
                return std::nullopt;
            quint32 value = 0;
            for (int i = 0; i < 4; ++i)
                value |= quint32(quint8(bytes[at + i])) << (8 * i);
            at += 4;
            return value;
        };
        DecoderInput input;
        const auto size = u32();
        if (!size || bytes.size() - at < 32)
            return std::nullopt;
        input.expectedSize = qint64(*size) % (kMaxOutput + 1);
        input.expectedSha256 = QString::fromLatin1(bytes.sliced(at, 32).toByteArray().toHex());
        at += 32;
        if (withOld) {
            const auto oldLength = u32();
            if (!oldLength)
                return std::nullopt;
            const qsizetype length = std::min(qsizetype(*oldLength), bytes.size() - at);
            input.old = bytes.sliced(at, length).toByteArray();
            at += length;
        }
        input.file = bytes.sliced(at).toByteArray();
        return input;
    }

    // The input that asks a decoder to make `made` from `file` (and `old`).
    static QByteArray make(const QByteArray& made, const QByteArray& file, const std::optional<QByteArray>& old)
    {
        QByteArray bytes;
        auto u32 = [&](quint32 value) {
            for (int i = 0; i < 4; ++i)
                bytes.append(char(value >> (8 * i)));
        };
        u32(quint32(made.size()));
        bytes += QCryptographicHash::hash(made, QCryptographicHash::Sha256);
        if (old) {
            u32(quint32(old->size()));
            bytes += *old;
        }
        return bytes + file;
    }
};
