#include "bsdiffencoder.h"

#include "release/bsdiffformat.h"

#include <divsufsort.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

// Compresses one stream of a known size into one zstd frame in memory; nothing at all for an
// empty stream, so that an unused stream costs no bytes.
class StreamCompressor
{
public:
    StreamCompressor(qint64 size, int windowLog)
        : m_size(size)
    {
        if (size == 0)
            return;
        m_context.reset(ZSTD_createCCtx());
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_compressionLevel, 19);
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_windowLog, windowLog);
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_enableLongDistanceMatching, 1);
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_contentSizeFlag, 0); // the control steps bound each stream
        ZSTD_CCtx_setParameter(m_context.get(), ZSTD_c_checksumFlag, 0);    // the manifest's sha256 checks the result
        ZSTD_CCtx_setPledgedSrcSize(m_context.get(), quint64(size));
    }

    std::expected<void, Error> add(const unsigned char* data, size_t size)
    {
        if (size == 0)
            return {};
        m_added += qint64(size);
        return run(data, size, m_added == m_size ? ZSTD_e_end : ZSTD_e_continue);
    }

    std::expected<QByteArray, Error> finish()
    {
        if (m_added != m_size) {
            return std::unexpected(
                Error{Error::Code::Internal, BsdiffEncoder::tr("A bsdiff stream came out of the wrong size.")});
        }
        return std::move(m_out);
    }

private:
    std::expected<void, Error> run(const unsigned char* data, size_t size, ZSTD_EndDirective mode)
    {
        ZSTD_inBuffer source{data, size, 0};
        while (true) {
            if (m_out.size() - m_used < qsizetype(ZSTD_CStreamOutSize()))
                m_out.resize(std::max(m_out.size() * 2, m_used + qsizetype(ZSTD_CStreamOutSize())));
            ZSTD_outBuffer sink{m_out.data() + m_used, size_t(m_out.size() - m_used), 0};
            const size_t remaining = ZSTD_compressStream2(m_context.get(), &sink, &source, mode);
            if (ZSTD_isError(remaining)) {
                return std::unexpected(Error{Error::Code::Internal,
                    BsdiffEncoder::tr("zstd failed: %1.").arg(QLatin1StringView(ZSTD_getErrorName(remaining)))});
            }
            m_used += qsizetype(sink.pos);
            if (mode == ZSTD_e_end ? remaining == 0 : source.pos == source.size)
                break;
        }
        if (mode == ZSTD_e_end)
            m_out.truncate(m_used);
        return {};
    }

    std::unique_ptr<ZSTD_CCtx, CCtxFree> m_context;
    qint64 m_size;
    qint64 m_added = 0;
    QByteArray m_out;
    qsizetype m_used = 0;
};

// One stream compressed: `produce` feeds it to the compressor it is given, which is freed
// before the next stream's is made.
template <typename Produce>
std::expected<QByteArray, Error> compressStream(qint64 size, int windowLog, Produce&& produce)
{
    StreamCompressor stream(size, windowLog);
    if (auto produced = produce(stream); !produced)
        return std::unexpected(produced.error());
    return stream.finish();
}

// Bytes that agree at the start of `a` and `b`.
qint64 commonPrefix(const unsigned char* a, qint64 aSize, const unsigned char* b, qint64 bSize, qint64 from = 0)
{
    const qint64 limit = std::min(aSize, bSize);
    qint64 k = from;
    while (k < limit && a[k] == b[k])
        ++k;
    return k;
}

} // namespace

std::expected<BsdiffEncoder, Error> BsdiffEncoder::create(std::span<const unsigned char> oldBytes)
{
    if (qint64(oldBytes.size()) > kMaxOldSize) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("The old file is too large for a bsdiff patch (more than %1 bytes).").arg(kMaxOldSize)});
    }
    std::vector<qint32> suffixes(oldBytes.size());
    if (!oldBytes.empty() && divsufsort(oldBytes.data(), suffixes.data(), saidx_t(oldBytes.size())) != 0)
        return std::unexpected(Error{Error::Code::Internal, tr("Sorting the old file's suffixes failed.")});
    return BsdiffEncoder(oldBytes, std::move(suffixes));
}

BsdiffEncoder::BsdiffEncoder(std::span<const unsigned char> oldBytes, std::vector<qint32> suffixes)
    : m_old(oldBytes)
    , m_suffixes(std::move(suffixes))
    , m_pairRanges(size_t(1) << 16, {0, -1})
{
    const auto size = qint64(m_old.size());
    for (qint64 i = 0; i < size; ++i) {
        const qint32 start = m_suffixes[size_t(i)];
        if (start + 1 >= size)
            continue;
        auto& range = m_pairRanges[size_t(m_old[size_t(start)]) << 8 | m_old[size_t(start) + 1]];
        if (range.first > range.second)
            range.first = qint32(i);
        range.second = qint32(i);
    }
}

qint64 BsdiffEncoder::longestMatch(std::span<const unsigned char> target, qint64& position) const
{
    const auto* old = m_old.data();
    const auto oldSize = qint64(m_old.size());
    const auto* wanted = target.data();
    const auto wantedSize = qint64(target.size());
    auto suffixSize = [&](qint64 index) { return oldSize - m_suffixes[size_t(index)]; };
    auto suffix = [&](qint64 index) { return old + m_suffixes[size_t(index)]; };

    // Binary search over the sorted suffixes. Every suffix between two others shares at least
    // the shorter of their common prefixes with the target, so a comparison starts there.
    qint64 low = 0;
    qint64 high = oldSize - 1;
    if (wantedSize >= 2) {
        // Suffixes sharing the target's first two bytes are contiguous and match longer than
        // any other.
        const auto [first, last] = m_pairRanges[size_t(wanted[0]) << 8 | wanted[1]];
        if (first <= last) {
            low = first;
            high = last;
        }
    }
    qint64 lowMatch = commonPrefix(suffix(low), suffixSize(low), wanted, wantedSize);
    qint64 highMatch = commonPrefix(suffix(high), suffixSize(high), wanted, wantedSize);
    while (high - low > 1) {
        const qint64 middle = low + (high - low) / 2;
        const qint64 size = suffixSize(middle);
        const qint64 k = commonPrefix(suffix(middle), size, wanted, wantedSize, std::min(lowMatch, highMatch));
        // Percival's search goes left when the suffix is a prefix of the target; in sorted order
        // it is before the target, and going left there loses the long match in runs of zeros.
        const bool before = k < std::min(size, wantedSize) ? suffix(middle)[k] < wanted[k] : size < wantedSize;
        if (before) {
            low = middle;
            lowMatch = k;
        } else {
            high = middle;
            highMatch = k;
        }
    }
    if (lowMatch > highMatch) {
        position = m_suffixes[size_t(low)];
        return lowMatch;
    }
    position = m_suffixes[size_t(high)];
    return highMatch;
}

std::vector<BsdiffEncoder::Control> BsdiffEncoder::match(std::span<const unsigned char> newBytes) const
{
    const auto* old = m_old.data();
    const auto oldSize = qint64(m_old.size());
    const auto* fresh = newBytes.data();
    const auto newSize = qint64(newBytes.size());
    std::vector<Control> steps;
    if (newSize == 0)
        return steps;
    if (oldSize == 0) {
        steps.push_back({0, 0, newSize});
        return steps;
    }
    auto sameAt
        = [&](qint64 newPos, qint64 oldPos) { return oldPos >= 0 && oldPos < oldSize && old[oldPos] == fresh[newPos]; };

    // Percival's scan: look for an exact match of the new file's next bytes anywhere in the old
    // file; take it once it beats continuing the previous alignment (approximately) by more
    // than 8 bytes. Between two such matches, the previous match is extended forwards and the
    // new one backwards as long as more than half of the bytes agree; what neither covers is
    // extra.
    qint64 scan = 0;
    qint64 length = 0;
    qint64 position = 0;
    qint64 lastScan = 0;
    qint64 lastPosition = 0;
    qint64 lastOffset = 0;
    qint64 pendingSeek = 0;
    while (scan < newSize) {
        qint64 oldScore = 0;
        scan += length;
        for (qint64 scored = scan; scan < newSize; ++scan) {
            length = longestMatch(newBytes.subspan(size_t(scan)), position);
            for (; scored < scan + length; ++scored) {
                if (sameAt(scored, scored + lastOffset))
                    ++oldScore;
            }
            if ((length == oldScore && length != 0) || length > oldScore + 8)
                break;
            if (sameAt(scan, scan + lastOffset))
                --oldScore;
        }
        if (length == oldScore && scan != newSize)
            continue;

        qint64 forward = 0;
        {
            qint64 agree = 0;
            qint64 best = 0;
            for (qint64 i = 0; lastScan + i < scan && lastPosition + i < oldSize;) {
                if (old[lastPosition + i] == fresh[lastScan + i])
                    ++agree;
                ++i;
                if (agree * 2 - i > best * 2 - forward) {
                    best = agree;
                    forward = i;
                }
            }
        }
        qint64 backward = 0;
        if (scan < newSize) {
            qint64 agree = 0;
            qint64 best = 0;
            for (qint64 i = 1; scan >= lastScan + i && position >= i; ++i) {
                if (old[position - i] == fresh[scan - i])
                    ++agree;
                if (agree * 2 - i > best * 2 - backward) {
                    best = agree;
                    backward = i;
                }
            }
        }
        if (lastScan + forward > scan - backward) {
            // The extensions overlap: split the overlap where the forward one stops paying.
            const qint64 overlap = (lastScan + forward) - (scan - backward);
            qint64 score = 0;
            qint64 bestScore = 0;
            qint64 split = 0;
            for (qint64 i = 0; i < overlap; ++i) {
                if (fresh[lastScan + forward - overlap + i] == old[lastPosition + forward - overlap + i])
                    ++score;
                if (fresh[scan - backward + i] == old[position - backward + i])
                    --score;
                if (score > bestScore) {
                    bestScore = score;
                    split = i + 1;
                }
            }
            forward += split - overlap;
            backward -= split;
        }

        // Percival's steps move after writing; ours move first, so that a step that would only
        // move folds into the next one.
        const qint64 copy = (scan - backward) - (lastScan + forward);
        if (forward + copy > 0) {
            steps.push_back({pendingSeek, forward, copy});
            pendingSeek = 0;
        }
        pendingSeek += (position - backward) - (lastPosition + forward);
        lastScan = scan - backward;
        lastPosition = position - backward;
        lastOffset = position - scan;
    }
    return steps;
}

std::expected<QByteArray, Error> BsdiffEncoder::write(
    std::span<const unsigned char> oldBytes, std::span<const unsigned char> newBytes, const std::vector<Control>& steps)
{
    const auto* old = oldBytes.data();
    const auto* fresh = newBytes.data();
    const int windowLog = BsdiffFormat::streamWindowLog(qint64(newBytes.size()));

    QByteArray control;
    qint64 diffSize = 0;
    qint64 extraSize = 0;
    for (const Control& step : steps) {
        BsdiffFormat::appendVarint(control, BsdiffFormat::zigzag(step.seek));
        BsdiffFormat::appendVarint(control, quint64(step.add));
        BsdiffFormat::appendVarint(control, quint64(step.copy));
        diffSize += step.add;
        extraSize += step.copy;
    }
    const auto controlBytes = compressStream(control.size(), windowLog, [&](StreamCompressor& stream) {
        return stream.add(reinterpret_cast<const unsigned char*>(control.constData()), size_t(control.size()));
    });
    if (!controlBytes)
        return std::unexpected(controlBytes.error());

    const auto diffBytes = compressStream(diffSize, windowLog, [&](StreamCompressor& stream) {
        std::vector<unsigned char> chunk(size_t(1) << 16);
        qint64 newPos = 0;
        qint64 oldPos = 0;
        for (const Control& step : steps) {
            oldPos += step.seek;
            for (qint64 done = 0; done < step.add;) {
                const qint64 n = std::min(step.add - done, qint64(chunk.size()));
                for (qint64 i = 0; i < n; ++i)
                    chunk[size_t(i)] = static_cast<unsigned char>(fresh[newPos + done + i] - old[oldPos + done + i]);
                if (auto added = stream.add(chunk.data(), size_t(n)); !added)
                    return added;
                done += n;
            }
            newPos += step.add + step.copy;
            oldPos += step.add;
        }
        return std::expected<void, Error>();
    });
    if (!diffBytes)
        return std::unexpected(diffBytes.error());

    const auto extraBytes = compressStream(extraSize, windowLog, [&](StreamCompressor& stream) {
        qint64 newPos = 0;
        for (const Control& step : steps) {
            newPos += step.add;
            if (auto added = stream.add(fresh + newPos, size_t(step.copy)); !added)
                return added;
            newPos += step.copy;
        }
        return std::expected<void, Error>();
    });
    if (!extraBytes)
        return std::unexpected(extraBytes.error());

    QByteArray patch;
    patch.reserve(BsdiffFormat::kMaxHeaderSize + controlBytes->size() + diffBytes->size() + extraBytes->size());
    patch.append(BsdiffFormat::kMagic);
    BsdiffFormat::appendVarint(patch, quint64(newBytes.size()));
    BsdiffFormat::appendVarint(patch, quint64(controlBytes->size()));
    BsdiffFormat::appendVarint(patch, quint64(diffBytes->size()));
    BsdiffFormat::appendVarint(patch, quint64(extraBytes->size()));
    patch.append(*controlBytes);
    patch.append(*diffBytes);
    patch.append(*extraBytes);
    return patch;
}
