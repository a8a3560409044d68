#include "releaseselector.h"

#include "policy/rollout.h"
#include "release/repositorypaths.h"

using namespace Qt::StringLiterals;

std::expected<std::vector<ReleaseSelector::Release>, Error> ReleaseSelector::releases(
    const TrustedSet& trusted, const QString& channel, const QString& app)
{
    auto visible = Channels(trusted).visibleTargets(channel);
    if (!visible)
        return std::unexpected(visible.error());
    std::vector<Release> found;
    for (const auto& [path, target] : *visible) {
        const auto version = RepositoryPaths::manifestVersion(path, app);
        if (!version)
            continue; // not a release of ours
        Release release;
        release.version = *version;
        release.channel = target.channel;
        release.manifestPath = path;
        const QString changelog = RepositoryPaths::changelog(app, *version);
        if (visible->contains(changelog))
            release.changelogPath = changelog;
        const JsonValue& custom = target.info.custom;
        if (const JsonValue* critical = custom.find("critical"))
            release.critical = critical->toBool();
        if (const JsonValue* rollout = custom.find("rollout"); rollout && rollout->isInteger())
            release.rolloutPercent = int(std::clamp<qint64>(rollout->toInteger(), 0, 100));
        if (const JsonValue* minimum = custom.find("min_from")) {
            if (auto parsed = Version::parse(minimum->toString()))
                release.minimumFrom = *parsed;
        }
        if (const JsonValue* released = custom.find("released"))
            release.released = QDateTime::fromString(released->toString(), Qt::ISODate);
        if (const JsonValue* size = custom.find("size"))
            release.size = size->toInteger();
        if (const JsonValue* bundle = custom.find("bundle_size"))
            release.bundleSize = bundle->toInteger();
        release.manifestInfo = target.info;
        if (const JsonValue* patches = custom.find("manifest_patches"); patches && patches->isArray()) {
            for (const JsonValue& item : patches->toArray()) {
                const JsonValue* from = item.find("from");
                const JsonValue* format = item.find("format");
                const JsonValue* size = item.find("size");
                if (!from || !format || !size || !size->isInteger())
                    continue; // a fact the client can do without
                const auto known = patchFormatFromName(format->toString());
                if (known && size->toInteger() > 0 && Manifest::isSha256(from->toString()))
                    release.manifestPatches.push_back({from->toString(), *known, size->toInteger()});
            }
        }
        if (const JsonValue* patches = custom.find("tables_patches"); patches && patches->isArray()) {
            for (const JsonValue& item : patches->toArray()) {
                const JsonValue* from = item.find("from");
                const JsonValue* sha256 = item.find("sha256");
                const JsonValue* size = item.find("size");
                if (from && sha256 && size && size->isInteger() && size->toInteger() > 0
                    && Manifest::isSha256(from->toString()) && Manifest::isSha256(sha256->toString()))
                    release.tablesPatches.push_back({from->toString(), sha256->toString(), size->toInteger()});
            }
        }
        if (const JsonValue* packs = custom.find("packs"); packs && packs->isArray()) {
            for (const JsonValue& item : packs->toArray()) {
                if (auto pack = PackInfo::fromJson(item))
                    release.packs.push_back(std::move(*pack));
            }
        }
        found.push_back(release);
    }
    std::sort(found.begin(), found.end(), [](const Release& a, const Release& b) { return a.version > b.version; });
    return found;
}

std::optional<ReleaseSelector::Release> ReleaseSelector::choose(const std::vector<Release>& releases,
    const std::optional<Version>& installed, const QString& installId, const QString& app, const QStringList& skipped)
{
    for (const Release& release : releases) {
        if (installed && !(release.version > *installed))
            return std::nullopt; // newest first: nothing newer remains
        if (skipped.contains(release.version.toString()) && !release.critical)
            continue;
        if (!rolloutAdmits(release.rolloutPercent, installId, app, release.version.toString()))
            continue;
        if (installed && release.minimumFrom && *installed < *release.minimumFrom)
            continue;
        return release;
    }
    return std::nullopt;
}
