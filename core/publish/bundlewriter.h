#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"

class ObjectWriter;

// Writes bundles/APP-VERSION.tar.zst: the whole release in one file, for a fresh or offline
// install. Entries follow the manifest (its order, modes and symlinks) with fixed owners and
// times. The tar is a series of zstd frames, which any reader reads as one stream: a file of at
// least `copiedSize` bytes is its object's frame, copied byte for byte, so that the publisher
// compresses its content once; the rest (headers, padding, the smaller files, where matches
// across files pay) is compressed at level 19 in jobs of a fixed size. The same release with the
// same objects always gives the same bundle, whatever the number of workers.
//
// In two steps, so that the rest is compressed while the objects are written: compress() reads
// the tree, checks every file against the manifest's sha256 and compresses what is not copied;
// assemble() writes the bundle from those frames and the objects.
class BundleWriter
{
    Q_DECLARE_TR_FUNCTIONS(BundleWriter)

public:
    // Files from this size on come as their objects' frames. Smaller files lose more where they
    // match files before them (postgresql-15's translations, each of which repeats the English
    // messages: copying files from 128 KiB on made its bundle 12 % larger, from 1 MiB 0.7 %).
    static constexpr qint64 kCopiedSize = qint64(1) << 20;

    BundleWriter(QString path, QString treeRoot, const Manifest& manifest, qint64 copiedSize = kCopiedSize);
    ~BundleWriter();
    Q_DISABLE_COPY_MOVE(BundleWriter)

    // Compresses the tar but the copied files' contents, with zstd on `workers` threads (at least
    // one), into a work file beside the bundle.
    std::expected<void, Error> compress(int workers);
    // Writes the bundle from compress()'s frames and the objects of the copied files, which must
    // exist by then, and describes it.
    std::expected<Manifest::Bundle, Error> assemble(const ObjectWriter& objects);

    // About how many bytes of tar compress() compresses (all but the copied files' contents).
    [[nodiscard]] qint64 compressedBytes() const;
    // The memory compress() needs at its peak with `workers`, for a tar of about `bytes`;
    // assemble() needs less.
    [[nodiscard]] static qint64 memory(int workers, qint64 bytes);

    // What the bundle is made of, in order: a frame of compress()'s work file, or (with a sha256)
    // the object of a copied file of `size` bytes.
    struct Piece {
        qint64 offset = 0;
        qint64 length = 0;
        QString sha256;
        qint64 size = 0;
    };

private:
    [[nodiscard]] QString framesPath() const;

    QString m_path;
    QString m_treeRoot;
    const Manifest& m_manifest;
    qint64 m_copiedSize;
    std::vector<Piece> m_pieces;
    bool m_compressed = false;
};
