#pragma once

#include "error.h"

#include <QByteArrayView>
#include <QString>

// Replaces a file so that a crash or power cut leaves either the old or the new content, never
// a mix: write to a temporary file beside it, fsync, rename over, fsync the folder.
std::expected<void, Error> writeFileAtomically(const QString& path, QByteArrayView data);

// Appends one line (which must end in a newline) to a log file and makes it durable (fdatasync,
// and the folder too when the file is new). A line torn by an earlier crash is ended first, so
// that it stays a damaged line of its own instead of swallowing this one; a failed append is cut
// back so the file never keeps half a line. The error says why, for the caller to put in context.
std::expected<void, Error> appendLineDurably(const QString& path, QByteArray line);
