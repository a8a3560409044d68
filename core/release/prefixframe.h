#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>

// One zstd frame compressed against a prefix held in memory (ZSTD_CCtx_refPrefix): how the small
// files that describe a release travel when the client already holds what they resemble, such as
// the manifest a pack of format zstd-solid-2 carries (against the installed manifest) and a
// manifest's tables file (against the installed and the new manifest). The frame must declare
// its content size, at most `maxSize`, and a window of at most prefix and content together, so
// that a hostile frame is refused before zstd allocates anything.
class PrefixFrame
{
    Q_DECLARE_TR_FUNCTIONS(PrefixFrame)

public:
    static std::expected<QByteArray, Error> decode(QByteArrayView frame, QByteArrayView prefix, qint64 maxSize);
};
