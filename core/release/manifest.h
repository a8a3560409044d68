#pragma once

#include "error.h"
#include "release/patchformat.h"
#include "release/version.h"
#include "json/jsonvalue.h"

#include <QCoreApplication>
#include <QStringList>

#include <map>
#include <vector>

// Everything in one release of an application: every file (path, size, sha256, mode), symlink
// (by target) and folder, the health-check command, and the content-addressed objects on offer.
// A manifest is a TUF target, so its bytes are signed; everything it names is checked against it.
// Format 1 holds the objects and patches tables itself; format 2 (what publishers write now) names
// a separate tables file by sha256 and size instead, which a client fetches only when it needs a
// row of it (attachTables()), so that an update made by packs pays for no table at all.
class Manifest
{
    Q_DECLARE_TR_FUNCTIONS(Manifest)

public:
    struct Entry {
        enum class Type { File, Symlink, Directory };
        QString path; // relative, "/"-separated, checked safe
        Type type = Type::File;
        qint64 size = 0; // files
        QString sha256;  // files
        int mode = 0644; // files and folders: permission bits only
        QString target;  // symlinks: absolute, or relative and never leaving the release
        friend bool operator==(const Entry&, const Entry&) = default;
    };
    // An object: objects/SHA256.zst, the zstd-compressed content of files with that sha256. It
    // is named, and checked, by what it decompresses to (as casync names its chunks): the files'
    // sha256 already in the manifest, so a changed file costs the manifest one hash, not three.
    struct Object {
        qint64 size = 0; // compressed bytes, as downloaded
        friend bool operator==(const Object&, const Object&) = default;
    };
    // The bundle: bundles/APP-VERSION.tar.zst, checked by its own sha256 before it is unpacked.
    struct Bundle {
        qint64 size = 0;
        QString sha256;
        friend bool operator==(const Bundle&, const Bundle&) = default;
    };
    // A patch: patches/FROM-TO turns a file whose sha256 is FROM into the content TO, and is
    // checked by what it makes, like an object.
    struct Patch {
        QString from; // sha256 of the old content
        PatchFormat format = PatchFormat::Zstd;
        qint64 size = 0; // bytes, as downloaded
        friend bool operator==(const Patch&, const Patch&) = default;
    };
    struct HealthCheck {
        QStringList command; // program relative to the version's folder, then its arguments
        int timeoutSeconds = 30;
        friend bool operator==(const HealthCheck&, const HealthCheck&) = default;
    };

    // Format 2: the objects and patches tables live in a file of their own (tablesBytes()), named
    // here by the sha256 and size of its bytes; as objects/SHA256.zst it is `objectSize` bytes.
    struct TablesFile {
        QString sha256;
        qint64 size = 0;
        qint64 objectSize = 0;
        friend bool operator==(const TablesFile&, const TablesFile&) = default;
    };

    static constexpr int kLatestFormat = 2;

    int format = 1; // 1 or 2; publishers set kLatestFormat
    QString app;
    Version version;
    std::vector<Entry> entries; // sorted by path
    std::optional<HealthCheck> healthCheck;
    std::map<QString, Object> objects; // by the sha256 of the uncompressed content
    std::optional<Bundle> bundle;      // bundles/APP-VERSION.tar.zst
    // Patches on offer, by the sha256 of the content they make; each list sorted by `from`.
    std::map<QString, std::vector<Patch>> patches;
    std::optional<TablesFile> tablesFile; // format 2
    // Whether `objects` and `patches` are filled: always for format 1, after attachTables() for format 2.
    bool tablesLoaded = true;

    // Checks the manifest whole (parse() does, and publishers before they sign one).
    [[nodiscard]] std::expected<void, Error> validate() const;
    // Reads a manifest and checks it whole before anything is written: safe, unique paths;
    // acceptable symlinks; an object for every file's content; sane sizes and modes.
    static std::expected<Manifest, Error> parse(QByteArrayView bytes);
    // The signed bytes. Format 2 writes `tablesFile` where format 1 writes the tables.
    [[nodiscard]] QByteArray toBytes() const;
    // The tables file of format 2: {"objects": …, "patches": …} as canonical JSON.
    [[nodiscard]] QByteArray tablesBytes() const;
    // Fills `objects` and `patches` of a format-2 manifest from its tables file, checked against
    // `tablesFile` (size and sha256) and then whole with the manifest (validate()) before anything
    // is kept; on failure the manifest is unchanged.
    std::expected<void, Error> attachTables(QByteArrayView bytes);

    [[nodiscard]] const Entry* find(const QString& path) const;
    [[nodiscard]] qint64 totalFileBytes() const;

    // Whether `path` is a relative path that stays in its folder (the same rule at publish and
    // at install time). `target` of a symlink at `path` is checked with isAcceptableSymlink().
    [[nodiscard]] static bool isSafePath(const QString& path);
    // Whether a symlink at `path` may point to `target`: an absolute path (a system file such as
    // /etc/localtime, safe because Upkeep never writes, reads or hashes through a symlink), or a
    // relative one that stays inside the release; never empty, with a backslash or control characters.
    [[nodiscard]] static bool isAcceptableSymlink(const QString& path, const QString& target);
    // 64 lower-case hex digits, as every sha256 in a manifest is written.
    [[nodiscard]] static bool isSha256(const QString& text);
    // An application name: letters, digits, ".", "_" and "-", not starting with ".".
    [[nodiscard]] static bool isValidAppName(const QString& name);
};
