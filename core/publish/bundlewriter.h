#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"

// Writes bundles/APP-VERSION.tar.zst: the whole release in one file, for a fresh or offline
// install. Entries follow the manifest (its order, modes and symlinks) with fixed owners and
// times, and the tar is compressed by zstd at level 19 in jobs of a fixed size on `workers`
// threads (at least one), so the same release always gives the same bundle, whatever the
// number of workers.
std::expected<Manifest::Bundle, Error> writeBundle(
    const QString& path, const QString& treeRoot, const Manifest& manifest, int workers = 1);

// The memory writeBundle() needs at its peak with `workers`, for a release of about `bytes`.
[[nodiscard]] qint64 bundleMemory(int workers, qint64 bytes);
