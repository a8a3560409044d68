#pragma once

#include "release/version.h"

#include <QString>

#include <optional>

// Where a repository keeps what (docs/architecture.md, "Repository format"), in one place for the client and
// the publisher alike: the TUF target paths of a release's manifest and changelog, and the
// content-addressed objects, patches and bundles beside them, all relative to the repository.
class RepositoryPaths
{
public:
    // APP/VERSION/manifest.json, a target of the channel that publishes the release.
    [[nodiscard]] static QString manifest(const QString& app, const Version& version);
    // APP/VERSION/manifest.json.p7s, the manifest's detached CMS signature by the publisher's signer
    // certificate, a target beside the manifest on the same channel.
    [[nodiscard]] static QString manifestSignature(const QString& app, const Version& version);
    // publisher/ca.crl, the publisher CA's revocation list (DER), a target of the top-level targets role.
    [[nodiscard]] static QString revocationList();
    // APP/VERSION/CHANGELOG.md, the release notes, a target beside the manifest.
    [[nodiscard]] static QString changelog(const QString& app, const Version& version);
    // bundles/APP-VERSION.tar.zst, the whole release in one file for a fresh install.
    [[nodiscard]] static QString bundle(const QString& app, const Version& version);
    // objects/SHA256.zst, named by the sha256 of what it unpacks to.
    [[nodiscard]] static QString object(const QString& sha256);
    // patches/FROM-TO, named by the sha256 of the content it starts from and the one it makes.
    [[nodiscard]] static QString patch(const QString& from, const QString& to);
    // packs/SHA256, named by the sha256 of the pack file itself (signed in the manifest's target).
    [[nodiscard]] static QString pack(const QString& sha256);

    // The version whose manifest `path` is, when it is a manifest target of `app`.
    [[nodiscard]] static std::optional<Version> manifestVersion(const QString& path, const QString& app);

    // APP/VERSION/, the folder of a release's targets; VERSION as written, for add-target may
    // publish files under any name.
    [[nodiscard]] static QString releaseFolder(const QString& app, const QString& version);
    // The VERSION of a target APP/VERSION/NAME of `app`, as written; empty when `path` is none.
    [[nodiscard]] static QString releaseFolderOf(const QString& path, const QString& app);
};
