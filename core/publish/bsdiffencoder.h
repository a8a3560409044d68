#pragma once

#include "publish/publishingonly.h"

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>

#include <span>
#include <vector>

// Makes a PatchFormat::Bsdiff patch (layout in bsdiffformat.h): Colin Percival's bsdiff matching
// over a suffix array of the old file, with the control, diff and extra streams each compressed
// with zstd instead of bzip2. It suits executables, where a new build shifts addresses
// throughout: the bytewise differences of such regions are mostly zeros and compress to little.
class BsdiffEncoder
{
    Q_DECLARE_TR_FUNCTIONS(BsdiffEncoder)

public:
    // One step of the patch: move in the old file by `seek`, add `add` diff bytes to as many old
    // bytes, then copy `copy` extra bytes.
    struct Control {
        qint64 seek = 0;
        qint64 add = 0;
        qint64 copy = 0;
    };

    // libdivsufsort's 32-bit suffix array indexes at most this much old file.
    static constexpr qint64 kMaxOldSize = 0x7fffffff;

    // Sorts the suffixes of `oldBytes`, which must stay valid while the encoder lives. Memory:
    // four bytes a byte of the old file, and 512 KiB.
    static std::expected<BsdiffEncoder, Error> create(std::span<const unsigned char> oldBytes);

    // The steps that turn the old file into `newBytes`; every step writes at least one byte.
    [[nodiscard]] std::vector<Control> match(std::span<const unsigned char> newBytes) const;

    // The whole patch that `steps` make of the old file and `newBytes`: header and compressed
    // streams. Static, so that the suffix array can be freed first.
    [[nodiscard]] static std::expected<QByteArray, Error> write(std::span<const unsigned char> oldBytes,
        std::span<const unsigned char> newBytes, const std::vector<Control>& steps);

private:
    BsdiffEncoder(std::span<const unsigned char> oldBytes, std::vector<qint32> suffixes);

    // The longest match of `target` anywhere in the old file: its length, and where in `position`.
    qint64 longestMatch(std::span<const unsigned char> target, qint64& position) const;

    std::span<const unsigned char> m_old;
    std::vector<qint32> m_suffixes;
    // For each two-byte prefix, the first and last index in m_suffixes of the suffixes starting
    // with it (first > last when none does): a search starts there, not over the whole array.
    std::vector<std::pair<qint32, qint32>> m_pairRanges;
};
