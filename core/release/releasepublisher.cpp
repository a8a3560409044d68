#include "releasepublisher.h"

#include "release/bundlewriter.h"
#include "release/objectwriter.h"
#include "release/releasetree.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

QString ReleasePublisher::manifestPath(const QString& app, const Version& version)
{
    return app + u'/' + version.toString() + u"/manifest.json"_s;
}

QString ReleasePublisher::changelogPath(const QString& app, const Version& version)
{
    return app + u'/' + version.toString() + u"/CHANGELOG.md"_s;
}

QString ReleasePublisher::bundlePath(const QString& app, const Version& version)
{
    return u"bundles/"_s + app + u'-' + version.toString() + u".tar.zst"_s;
}

std::expected<void, Error> ReleasePublisher::checkNotPublished(const QString& app, const Version& version) const
{
    for (const QString& channel : m_writer.channels()) {
        for (const auto& [path, info] : m_writer.role(channel)->targets) {
            const QStringList parts = path.split(u'/');
            if (parts.size() != 3 || parts[0] != app)
                continue;
            auto published = Version::parse(parts[1]);
            if (published && *published == version) {
                return std::unexpected(Error{Error::Code::Usage,
                    tr("%1 %2 is already published (on %3, as %4); a release is never "
                       "replaced. Publish a new version, or promote this one.")
                        .arg(app, version.toString(), channel, parts[1])});
            }
        }
    }
    return {};
}

std::expected<Manifest, Error> ReleasePublisher::publish(const Options& options)
{
    auto usage = [](const QString& message) { return std::unexpected(Error{Error::Code::Usage, message}); };
    if (!Manifest::isValidAppName(options.app))
        return usage(
            tr("\"%1\" cannot name an application: use letters, digits, \".\", \"_\" and \"-\".").arg(options.app));
    auto version = Version::parse(options.version);
    if (!version)
        return std::unexpected(Error{Error::Code::Usage, version.error().message});
    if (!m_writer.channels().contains(options.channel)) {
        return usage(tr("There is no channel \"%1\"; the channels are: %2.")
                         .arg(options.channel, m_writer.channels().join(u", "_s)));
    }
    if (options.rolloutPercent < 1 || options.rolloutPercent > 100)
        return usage(tr("The rollout is a percentage from 1 to 100."));
    std::optional<Version> minimum;
    if (!options.minimumFrom.isEmpty()) {
        auto parsed = Version::parse(options.minimumFrom);
        if (!parsed)
            return std::unexpected(Error{Error::Code::Usage, parsed.error().message});
        if (!(*parsed < *version))
            return usage(tr("The minimum version to update from (%1) must be older than %2.")
                             .arg(parsed->toString(), version->toString()));
        minimum = *parsed;
    }
    if (auto fresh = checkNotPublished(options.app, *version); !fresh)
        return std::unexpected(fresh.error());
    // A yanked version is gone from the channels but its bundle stays: a version number is used once.
    if (QFileInfo::exists(m_repository + u'/' + bundlePath(options.app, *version))) {
        return usage(tr("%1 %2 was published before (and yanked since); a version number is never reused. "
                        "Publish a new version.")
                         .arg(options.app, version->toString()));
    }
    QByteArray notes;
    if (!options.notesFile.isEmpty()) {
        QFile file(options.notesFile);
        if (!file.open(QIODevice::ReadOnly))
            return usage(tr("Cannot read the release notes %1: %2.").arg(options.notesFile, file.errorString()));
        notes = file.readAll();
    }

    QTemporaryDir work;
    auto tree = ReleaseTree::open(options.source, work.path());
    if (!tree)
        return std::unexpected(tree.error());

    Manifest manifest;
    manifest.app = options.app;
    manifest.version = *version;
    manifest.entries = tree->entries();
    if (!options.healthCheck.isEmpty()) {
        const QStringList command = QProcess::splitCommand(options.healthCheck);
        if (command.isEmpty())
            return usage(tr("The health check \"%1\" names no program.").arg(options.healthCheck));
        const Manifest::Entry* program = manifest.find(command.first());
        if (!program || program->type != Manifest::Entry::Type::File)
            return usage(tr("The health check runs \"%1\", which is not a file of the release; name it relative "
                            "to the release's top folder.")
                             .arg(command.first()));
        if (options.healthCheckTimeout < 1 || options.healthCheckTimeout > 3600)
            return usage(tr("The health check's time-out is from 1 to 3600 seconds."));
        manifest.healthCheck = Manifest::HealthCheck{command, options.healthCheckTimeout};
    }
    // The whole manifest is checked before anything is written to the repository (objects stand
    // in for the ones still to write), so that a refused release leaves nothing behind.
    Manifest planned = manifest;
    for (const Manifest::Entry& entry : planned.entries) {
        if (entry.type == Manifest::Entry::Type::File && entry.size > 0)
            planned.objects.try_emplace(entry.sha256, Manifest::Object{1, QString(64, u'0')});
    }
    if (auto valid = planned.validate(); !valid)
        return std::unexpected(valid.error());
    ObjectWriter objects(m_repository);
    for (const Manifest::Entry& entry : manifest.entries) {
        if (entry.type != Manifest::Entry::Type::File || entry.size == 0 || manifest.objects.contains(entry.sha256))
            continue;
        auto object = objects.put(tree->filePath(entry), entry.sha256);
        if (!object)
            return std::unexpected(object.error());
        manifest.objects.emplace(entry.sha256, *object);
    }
    auto bundle = writeBundle(m_repository + u'/' + bundlePath(options.app, *version), tree->root(), manifest);
    if (!bundle)
        return std::unexpected(bundle.error());
    manifest.bundle = *bundle;
    if (auto valid = manifest.validate(); !valid)
        return std::unexpected(valid.error());

    JsonObject custom{{"version", version->toString()}, {"released", options.now.toUTC().toString(Qt::ISODate)},
        {"critical", options.critical}, {"rollout", options.rolloutPercent}, {"size", manifest.totalFileBytes()},
        {"bundle_size", bundle->size}};
    if (minimum)
        custom.emplace("min_from", minimum->toString());
    if (auto added
        = m_writer.addTarget(options.channel, manifestPath(options.app, *version), manifest.toBytes(), custom);
        !added)
        return std::unexpected(added.error());
    if (!notes.isEmpty()) {
        if (auto added = m_writer.addTarget(options.channel, changelogPath(options.app, *version), notes,
                JsonObject{{"version", version->toString()}});
            !added)
            return std::unexpected(added.error());
    }
    return manifest;
}
