#pragma once

#include "error.h"
#include "release/manifest.h"
#include "release/packinfo.h"

#include <QCoreApplication>

#include <functional>

class PackHeader;

// Makes the contents of a pack (formats zstd-solid-1 and 2, see PackHeader) from the installed
// version: checks the pack's size and sha256 against the signed PackInfo before reading anything
// else, reads its header against the new manifest, gathers the old contents it was compressed
// against from the installed files (each checked against the installed manifest's sha256), decodes
// the one frame in memory (old and new together are at most PackInfo::kMaxGroupBytes) and checks
// every member's size and sha256 against the new manifest before writing it. Any failure refuses
// the whole pack and writes nothing; the caller then fetches its members file by file.
// A pack of format 2 also makes the new manifest itself (decodeWithManifest()).
class PackDecoder
{
    Q_DECLARE_TR_FUNCTIONS(PackDecoder)

public:
    // Where the content with this sha256 is written (created or replaced, mode 0600).
    using Output = std::function<QString(const QString& sha256)>;

    // `installed` is the manifest of info.from, whose files are in `installedFolder`. Returns the
    // sha256 of every content written.
    static std::expected<QStringList, Error> decode(const QString& packFile, const PackInfo& info,
        const Manifest& target, const Manifest& installed, const QString& installedFolder, const Output& output);

    // The new manifest's target as signed: its sha256 and length.
    struct SignedManifest {
        QString sha256;
        qint64 length = 0;
    };
    struct WithManifest {
        QByteArray manifest; // the signed manifest's exact bytes
        QStringList written; // as decode()
    };
    // Of a pack of format 2 before the new manifest is known: decodes its manifest frame against the
    // installed manifest's bytes `installedBytes`, its members against the installed files, computes
    // each member's sha256, restores the manifest with them and checks it against `expected`; only
    // then writes the members. The caller still parses the manifest it returns.
    static std::expected<WithManifest, Error> decodeWithManifest(const QString& packFile, const PackInfo& info,
        const SignedManifest& expected, const QByteArray& installedBytes, const Manifest& installed,
        const QString& installedFolder, const Output& output);

private:
    struct Member {
        QString path;
        qint64 size = 0;
        QString sha256; // empty until known (format 2's manifest)
    };
    static Error refusal(const PackInfo& info, Error::Code code, const QString& why);
    // The pack's bytes, checked against the signed size and sha256.
    static std::expected<QByteArray, Error> readPack(const QString& packFile, const PackInfo& info);
    // The members' new contents one after another, decoded against the installed files.
    static std::expected<QByteArray, Error> contents(QByteArrayView pack, const PackHeader& header,
        const std::vector<Member>& members, const PackInfo& info, const Manifest& installed,
        const QString& installedFolder);
    static std::expected<QStringList, Error> write(
        const QByteArray& contents, const std::vector<Member>& members, const Output& output);
};
