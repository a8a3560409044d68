#pragma once

#include "release/manifest.h"
#include "release/packinfo.h"

#include <functional>
#include <map>
#include <vector>

// How an update makes each file of the new version, and what it downloads to do so: an
// unchanged file is kept (linked from the installed version), a changed one comes from the
// smallest patch that starts from a content the installed version has, or else from its
// whole object; files the new version no longer has are left behind with the old version.
// Where the release offers packs from the installed version, the plan takes them instead of the
// per-file downloads they cover when that costs fewer bytes, counting kRequestCost for each
// request; the per-file source of a packed step stays its fall-back.
// The plan only decides; fetching, decoding and checking every byte happen elsewhere.
class UpdatePlan
{
public:
    struct Step {
        enum class Source { Keep, Patch, Object };
        Source source = Source::Object;
        qint64 size = 0;         // the content's size, uncompressed
        QString installedPath;   // Keep and Patch: a file of the installed version with the old content
        Manifest::Patch patch;   // Patch
        Manifest::Object object; // the whole object (Object, and the fall-back for the others)
        bool packed = false;     // made by one of the plan's packs; the source above is its fall-back
        [[nodiscard]] qint64 downloadSize() const;
    };
    // One file to download: a repository path and its exact length. An object or a patch is
    // checked by what it makes (the content `makes`, of `makesSize` bytes); a bundle by `sha256`.
    struct Download {
        QString path;
        qint64 length = 0;
        QString sha256; // bundles
        QString makes;  // objects and patches: the sha256 of the content
        qint64 makesSize = 0;
        QString patchedFrom; // patches: the installed file (relative to its version) the patch applies to
        PatchFormat format = PatchFormat::Zstd;
        bool pack = false; // packs/SHA256, checked by `sha256`
        [[nodiscard]] bool isPatch() const { return !patchedFrom.isEmpty(); }
    };

    // What a request costs beyond its body: the response's headers, about.
    static constexpr qint64 kRequestCost = 300;

    // Whether the installed file at `path` still holds the content `sha256` (a patch applies only to it).
    using IntactCheck = std::function<bool(const QString& path, const QString& sha256)>;

    // `installed` is the running version's manifest, or null for a fresh install.
    // `packs` are those the release offers (any `from`); only those from the installed version count.
    static UpdatePlan make(const Manifest& target, const Manifest* installed, const IntactCheck& intact = {},
        const std::vector<PackInfo>& packs = {});

    // Every non-empty content of the new version, by sha256.
    [[nodiscard]] const std::map<QString, Step>& steps() const { return m_steps; }
    [[nodiscard]] const Step* step(const QString& sha256) const;
    // Paths of the installed version that the new one no longer has.
    [[nodiscard]] const QStringList& removed() const { return m_removed; }

    // Whether a content comes otherwise than kept or packed while the target's tables (format 2) are
    // not loaded: then the plan cannot say what to download, and is made again once they are.
    [[nodiscard]] bool needsTables() const;
    // Takes the packs `other` (a plan of the same update made before the tables were loaded) took,
    // so that this plan's per-file sources serve as their fall-back.
    void takePacksOf(const UpdatePlan& other);
    // The packs the plan takes; empty when per-file downloads cost less or none fits.
    [[nodiscard]] const std::vector<PackInfo>& packs() const { return m_packs; }

    // The packs, then the per-file downloads of the steps they do not make.
    [[nodiscard]] std::vector<Download> downloads() const;
    // The per-file downloads of the packed steps whose content is not in `made`: what a pack that
    // fails is replaced by.
    [[nodiscard]] std::vector<Download> fallbackDownloads(const QStringList& made = {}) const;
    // The contents the plan's packs make, by sha256.
    [[nodiscard]] QStringList packedContents() const;
    [[nodiscard]] qint64 downloadSize() const;
    // What downloading every changed file whole would cost (the objects of every step not kept).
    [[nodiscard]] qint64 objectSize() const;

    [[nodiscard]] static Download download(const QString& sha256, qint64 size, const Manifest::Object& object);
    [[nodiscard]] static Download download(const PackInfo& pack);
    [[nodiscard]] static Download download(
        const QString& to, qint64 size, const Manifest::Patch& patch, const QString& installedPath);

private:
    // Takes `packs` where they cost less than the per-file downloads of the steps they make.
    void choosePacks(const Manifest& target, const Manifest& installed, const IntactCheck& intact,
        const std::vector<PackInfo>& packs);
    [[nodiscard]] Download fileDownload(const QString& sha256, const Step& step) const;

    std::map<QString, Step> m_steps;
    std::vector<PackInfo> m_packs;
    QStringList m_removed;
    bool m_tablesMissing = false;
};
