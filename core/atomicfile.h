#pragma once

#include "error.h"

#include <QByteArrayView>
#include <QString>

// Replaces a file so that a crash or power cut leaves either the old or the new content, never
// a mix: write to a temporary file beside it, fsync, rename over, fsync the folder.
std::expected<void, Error> writeFileAtomically(const QString& path, QByteArrayView data);
