#pragma once

#include "publish/publishingonly.h"

#include "error.h"

#include <QByteArrayView>
#include <QString>

// Writes a repository's timestamp.json atomically with a modification time at least one second
// after that of the copy it replaces. Web servers derive ETag and Last-Modified from the whole
// second and the size (nginx: "mtime-size"), and timestamps of one repository are nearly always
// the same size: two published within one second would otherwise share an ETag, and a client
// asking with If-None-Match would be told 304 for the new one.
std::expected<void, Error> writeTimestampFile(const QString& path, QByteArrayView bytes);
