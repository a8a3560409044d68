#pragma once

// Bytes the tests make and check: content that does not compress, the same for the same seed; a
// copy with one bit changed; the sha256 a manifest, a TUF file or an object name gives. Header only
// and without QtTest, so that the fuzzing programs use it as well.

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QString>

#include <cstring>

// The sha256 of `bytes` in lower-case hex, as Upkeep writes it.
[[nodiscard]] inline QString sha256(QByteArrayView bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// `size` random bytes from `seed`: incompressible, and the same wherever the same seed is given.
[[nodiscard]] inline QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    if (const qsizetype rest = size % 4) {
        const quint32 last = generator.generate();
        std::memcpy(bytes.data() + size - rest, &last, size_t(rest));
    }
    return bytes;
}

// `bytes` with the lowest bit of the byte at `at` (by default the middle one) flipped: what a bad
// disk or a bad mirror makes of a file.
[[nodiscard]] inline QByteArray flipped(QByteArray bytes, qsizetype at = -1)
{
    if (at < 0)
        at = bytes.size() / 2;
    bytes[at] = char(bytes[at] ^ 0x01);
    return bytes;
}
