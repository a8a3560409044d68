#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"

// Writes bundles/APP-VERSION.tar.zst: the whole release in one file, for a fresh or offline
// install. Entries follow the manifest (its order, modes and symlinks) with fixed owners and
// times, so the same release always gives the same bundle.
std::expected<Manifest::Bundle, Error> writeBundle(
    const QString& path, const QString& treeRoot, const Manifest& manifest);
