#pragma once

#include "error.h"
#include "release/version.h"
#include "trust/jsonvalue.h"

#include <QCoreApplication>
#include <QStringList>

#include <map>
#include <vector>

// Everything in one release of an application: every file (path, size, sha256, mode), symlink
// (by target) and folder, the health-check command, and the content-addressed objects on offer.
// A manifest is a TUF target, so its bytes are signed; everything it names is checked against it.
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
        QString target;  // symlinks: relative, and never leaving the release
        friend bool operator==(const Entry&, const Entry&) = default;
    };
    // An object: objects/SHA256.zst, the zstd-compressed content of files with that sha256.
    struct Object {
        qint64 size = 0; // compressed bytes, as downloaded
        QString sha256;  // of the compressed bytes
        friend bool operator==(const Object&, const Object&) = default;
    };
    struct HealthCheck {
        QStringList command; // program relative to the version's folder, then its arguments
        int timeoutSeconds = 30;
        friend bool operator==(const HealthCheck&, const HealthCheck&) = default;
    };

    static constexpr int kFormat = 1;

    QString app;
    Version version;
    std::vector<Entry> entries; // sorted by path
    std::optional<HealthCheck> healthCheck;
    std::map<QString, Object> objects; // by the sha256 of the uncompressed content
    std::optional<Object> bundle;      // bundles/APP-VERSION.tar.zst

    // Checks the manifest whole (parse() does, and publishers before they sign one).
    [[nodiscard]] std::expected<void, Error> validate() const;
    // Reads a manifest and checks it whole before anything is written: safe, unique paths;
    // symlinks that stay inside; an object for every file's content; sane sizes and modes.
    static std::expected<Manifest, Error> parse(QByteArrayView bytes);
    [[nodiscard]] QByteArray toBytes() const;

    [[nodiscard]] const Entry* find(const QString& path) const;
    [[nodiscard]] qint64 totalFileBytes() const;

    // Whether `path` is a relative path that stays in its folder (the same rule at publish and
    // at install time). `target` of a symlink at `path` is checked with symlinkStaysInside().
    [[nodiscard]] static bool isSafePath(const QString& path);
    [[nodiscard]] static bool symlinkStaysInside(const QString& path, const QString& target);
    // An application name: letters, digits, ".", "_" and "-", not starting with ".".
    [[nodiscard]] static bool isValidAppName(const QString& name);
};
