#pragma once

#include <QtGlobal>

#include <algorithm>
#include <bit>
#include <limits>

// How large a zstd window the decoders allow a frame: no more than the file it makes (for a zstd
// patch, with the old file it starts from) justifies, and never more than a fixed ceiling whatever
// the sizes. A frame that asks for more is refused before zstd allocates anything. Every frame
// Upkeep's encoders write stays within these; README.md documents them.
namespace WindowLimits {

// zstd's smallest window, which any frame may have.
inline constexpr qint64 kMinimum = qint64(1) << 10;

// The ceiling of every frame: 2 GiB, zstd's largest window and that of a zstd patch of the
// largest file Upkeep patches (PatchEncoder::kZstdMaxSize).
inline constexpr qint64 kCeiling = qint64(1) << 31;

// The ceiling of an object's frame: 128 MiB, the window of zstd's strongest level, the most
// ObjectWriter ever uses.
inline constexpr qint64 kObjectCeiling = qint64(1) << 27;

// For an object of `size` bytes: its size, at most kObjectCeiling.
[[nodiscard]] inline qint64 forObject(qint64 size)
{
    return std::clamp(size, kMinimum, kObjectCeiling);
}

// For a zstd patch from a file of `oldSize` bytes to one of `newSize`: the two together (the reach
// of `zstd --patch-from`), at most kCeiling.
[[nodiscard]] inline qint64 forZstdPatch(qint64 oldSize, qint64 newSize)
{
    const qint64 both = oldSize > std::numeric_limits<qint64>::max() - newSize ? kCeiling : oldSize + newSize;
    return std::clamp(both, kMinimum, kCeiling);
}

// The window log zstd is told to allow (ZSTD_d_windowLogMax) for a limit: the smallest power of
// two that holds it. The limit itself is checked on the frame's header first, to the byte.
[[nodiscard]] inline int logFor(qint64 limit)
{
    return std::clamp(int(std::bit_width(quint64(std::max(limit, kMinimum) - 1))), 10, 31);
}

} // namespace WindowLimits
