#include "manifest.h"

#include "sha256.h"

#include "json/canonicaljson.h"
#include "json/fieldreader.h"
#include "json/jsonparser.h"

#include <QRegularExpression>

#include <set>

using namespace Qt::StringLiterals;

namespace {

const char* typeName(Manifest::Entry::Type type)
{
    switch (type) {
    case Manifest::Entry::Type::File: return "file";
    case Manifest::Entry::Type::Symlink: return "symlink";
    case Manifest::Entry::Type::Directory: return "directory";
    }
    return "file";
}

bool hasControlCharacters(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

std::unexpected<Error> refuse(const QString& message)
{
    return std::unexpected(
        Error{Error::Code::InvalidInput, Manifest::tr("The manifest is unsafe or malformed: %1").arg(message)});
}

// Reads the objects and patches tables (of a format-1 manifest, or of a format-2 tables file).
void readTables(FieldReader& reader, Manifest& manifest)
{
    const JsonValue& objects = reader.object("objects");
    for (const auto& [sha, value] : objects.toObject()) {
        FieldReader item = reader.child(value, u"objects."_s + QString::fromStdString(sha));
        manifest.objects.emplace(QString::fromStdString(sha), Manifest::Object{item.integer("size", 0)});
    }
    if (!reader.has("patches"))
        return;
    for (const auto& [to, value] : reader.object("patches").toObject()) {
        const QString where = u"patches."_s + QString::fromStdString(to);
        const JsonValue& list = value;
        if (!list.isArray()) {
            reader.fail(Manifest::tr("%1 must be a list").arg(where));
            return;
        }
        auto& patches = manifest.patches[QString::fromStdString(to)];
        for (size_t i = 0; i < list.toArray().size() && reader.ok(); ++i) {
            FieldReader item = reader.child(list.toArray()[i], u"%1[%2]"_s.arg(where).arg(i));
            Manifest::Patch patch;
            patch.from = item.string("from");
            const QString formatName = item.string("format");
            patch.size = item.integer("size", 1);
            if (item.ok()) {
                if (const auto known = patchFormatFromName(formatName))
                    patch.format = *known;
                else
                    item.fail(Manifest::tr("%1 is a patch format this Upkeep does not know: \"%2\"")
                                  .arg(item.where("format"), formatName));
            }
            patches.push_back(patch);
        }
        std::sort(patches.begin(), patches.end(),
            [](const Manifest::Patch& a, const Manifest::Patch& b) { return a.from < b.from; });
    }
}

JsonObject tablesJson(const Manifest& manifest)
{
    JsonObject objectMap;
    for (const auto& [sha, object] : manifest.objects)
        objectMap.emplace(sha.toStdString(), JsonObject{{"size", object.size}});
    JsonObject tables{{"objects", std::move(objectMap)}};
    if (!manifest.patches.empty()) {
        JsonObject patchMap;
        for (const auto& [to, list] : manifest.patches) {
            JsonArray items;
            for (const Manifest::Patch& patch : list) {
                items.push_back(
                    JsonObject{{"from", patch.from}, {"format", patchFormatName(patch.format)}, {"size", patch.size}});
            }
            patchMap.emplace(to.toStdString(), std::move(items));
        }
        tables.emplace("patches", std::move(patchMap));
    }
    return tables;
}

} // namespace

bool Manifest::isSafePath(const QString& path)
{
    if (path.isEmpty() || path.size() > 4096 || path.contains(u'\\') || hasControlCharacters(path))
        return false;
    const QStringList parts = path.split(u'/');
    return std::none_of(parts.begin(), parts.end(),
        [](const QString& part) { return part.isEmpty() || part == u"."_s || part == u".."_s || part.size() > 255; });
}

bool Manifest::isAcceptableSymlink(const QString& path, const QString& target)
{
    if (target.isEmpty() || target.contains(u'\\') || hasControlCharacters(target))
        return false;
    if (target.startsWith(u'/'))
        return true; // a system file such as /etc/localtime, which Upkeep never follows
    // A relative target that climbs out can only reach ROOT/.upkeep or another kept version.
    QStringList resolved = path.split(u'/');
    resolved.removeLast(); // the link's own name
    for (const QString& part : target.split(u'/')) {
        if (part.isEmpty() || part == u"."_s)
            continue;
        if (part == u".."_s) {
            if (resolved.isEmpty())
                return false;
            resolved.removeLast();
        } else {
            resolved.append(part);
        }
    }
    return true;
}

bool Manifest::isSha256(const QString& text)
{
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    return hex.match(text).hasMatch();
}

bool Manifest::isValidAppName(const QString& name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"_s);
    return pattern.match(name).hasMatch();
}

std::expected<void, Error> Manifest::validate() const
{
    if (!isValidAppName(app))
        return refuse(tr("\"%1\" is not an application name.").arg(app));
    if (format != 1 && format != 2)
        return refuse(tr("format %1 is not one this Upkeep writes.").arg(format));
    if (format == 2
        && (!tablesFile || !isSha256(tablesFile->sha256) || tablesFile->size <= 0 || tablesFile->objectSize <= 0))
        return refuse(tr("the tables file needs a sha256, a size and the size of its object."));
    if (format == 1 && (tablesFile || !tablesLoaded))
        return refuse(tr("a manifest of format 1 holds its tables itself."));
    std::map<QString, const Entry*> byPath;
    for (const Entry& entry : entries) {
        if (!isSafePath(entry.path))
            return refuse(
                tr("the path \"%1\" leaves the release folder or is not a plain relative path.").arg(entry.path));
        if (!byPath.emplace(entry.path, &entry).second)
            return refuse(tr("the path \"%1\" is listed twice.").arg(entry.path));
        if (entry.mode < 0 || entry.mode > 0777)
            return refuse(tr("%1 has mode %2; only permission bits (at most 0777) are allowed.")
                              .arg(entry.path)
                              .arg(entry.mode, 0, 8));
        if (entry.type == Entry::Type::File) {
            if (entry.size < 0 || !isSha256(entry.sha256))
                return refuse(tr("%1 needs a size and a sha256.").arg(entry.path));
            if (tablesLoaded && entry.size > 0 && !objects.contains(entry.sha256))
                return refuse(tr("no object carries the content of %1.").arg(entry.path));
        }
    }
    for (const Entry& entry : entries) {
        // Nothing may be written through a file or a symlink: every parent is a folder.
        const QStringList parts = entry.path.split(u'/');
        QString parent;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            parent += (i ? u"/"_s : QString()) + parts[i];
            const auto it = byPath.find(parent);
            if (it != byPath.end() && it->second->type != Entry::Type::Directory)
                return refuse(tr("%1 lies inside %2, which is not a folder.").arg(entry.path, parent));
        }
        if (entry.type == Entry::Type::Symlink) {
            if (!isAcceptableSymlink(entry.path, entry.target))
                return refuse(
                    tr("the symlink %1 points to \"%2\", outside the release.").arg(entry.path, entry.target));
            // A relative target that runs through another link could leave by that link's way; refuse
            // it. An absolute target names a file of the system, never one of the release.
            QStringList walked = parts.mid(0, parts.size() - 1);
            const QStringList targetParts
                = entry.target.startsWith(u'/') ? QStringList() : entry.target.split(u'/', Qt::SkipEmptyParts);
            for (qsizetype i = 0; i + 1 < targetParts.size(); ++i) {
                if (targetParts[i] == u".."_s)
                    walked.removeLast();
                else if (targetParts[i] != u"."_s)
                    walked.append(targetParts[i]);
                const auto it = byPath.find(walked.join(u'/'));
                if (it != byPath.end() && it->second->type == Entry::Type::Symlink)
                    return refuse(tr("the symlink %1 points through the symlink %2.").arg(entry.path, it->first));
            }
        }
    }
    for (const auto& [sha, object] : objects) {
        if (!isSha256(sha) || object.size <= 0)
            return refuse(tr("the object %1 needs a size and must be named by a sha256.").arg(sha));
    }
    std::set<QString> contents;
    for (const Entry& entry : entries) {
        if (entry.type == Entry::Type::File)
            contents.insert(entry.sha256);
    }
    for (const auto& [to, list] : patches) {
        if (!contents.contains(to))
            return refuse(tr("a patch makes %1, which no file of the release has.").arg(to));
        std::set<QString> froms;
        for (const Patch& patch : list) {
            if (!isSha256(patch.from) || patch.from == to || patch.size <= 0)
                return refuse(tr("a patch to %1 needs another content to start from and a size.").arg(to));
            if (!froms.insert(patch.from).second)
                return refuse(tr("the patch from %1 to %2 is listed twice.").arg(patch.from, to));
        }
    }
    if (bundle && (bundle->size <= 0 || !isSha256(bundle->sha256)))
        return refuse(tr("the bundle needs a size and a sha256."));
    if (healthCheck) {
        if (healthCheck->command.isEmpty())
            return refuse(tr("the health check has no command."));
        const auto program = byPath.find(healthCheck->command.first());
        if (program == byPath.end() || program->second->type != Entry::Type::File)
            return refuse(tr("the health check runs \"%1\", which is not a file of the release.")
                              .arg(healthCheck->command.first()));
        if (std::any_of(healthCheck->command.begin(), healthCheck->command.end(), hasControlCharacters))
            return refuse(tr("the health check's arguments hold control characters."));
        if (healthCheck->timeoutSeconds < 1 || healthCheck->timeoutSeconds > 3600)
            return refuse(tr("the health check's time-out must be from 1 to 3600 seconds."));
    }
    return {};
}

std::expected<Manifest, Error> Manifest::parse(QByteArrayView bytes)
{
    auto document = JsonParser().parse(bytes);
    if (!document)
        return std::unexpected(document.error().prefixed(u"manifest.json"_s));
    FieldReader reader(*document, u"manifest.json"_s, QString());
    Manifest manifest;
    const qint64 format = reader.integer("format", 1);
    if (reader.ok() && format != 1 && format != 2) {
        return std::unexpected(Error{Error::Code::Unsupported,
            tr("The manifest has format %1; this Upkeep reads formats 1 and 2. Update Upkeep first.").arg(format)});
    }
    manifest.format = int(format);
    manifest.app = reader.string("app");
    const QString versionText = reader.string("version");
    const JsonArray& files = reader.array("files");
    for (size_t i = 0; i < files.size() && reader.ok(); ++i) {
        FieldReader item = reader.child(files[i], u"files[%1]"_s.arg(i));
        Entry entry;
        entry.path = item.string("path");
        const QString type = item.string("type");
        if (type == u"file"_s) {
            entry.size = item.integer("size", 0);
            entry.sha256 = item.string("sha256");
            entry.mode = int(item.integer("mode", 0));
        } else if (type == u"symlink"_s) {
            entry.type = Entry::Type::Symlink;
            entry.target = item.string("target");
            entry.mode = 0777;
        } else if (type == u"directory"_s) {
            entry.type = Entry::Type::Directory;
            entry.mode = int(item.integer("mode", 0));
        } else if (item.ok()) {
            item.fail(tr("%1 must be file, symlink or directory, not \"%2\"").arg(item.where("type"), type));
        }
        manifest.entries.push_back(std::move(entry));
    }
    if (reader.has("health_check")) {
        FieldReader check = reader.nested("health_check");
        HealthCheck healthCheck;
        healthCheck.command = check.strings("command");
        healthCheck.timeoutSeconds = int(check.integer("timeout", 1));
        manifest.healthCheck = healthCheck;
    }
    if (manifest.format == 1) {
        readTables(reader, manifest);
    } else {
        FieldReader tables = reader.nested("tables");
        manifest.tablesFile
            = TablesFile{tables.string("sha256"), tables.integer("size", 1), tables.integer("object", 1)};
        manifest.tablesLoaded = false;
    }
    if (reader.has("bundle")) {
        FieldReader bundle = reader.nested("bundle");
        manifest.bundle = Bundle{bundle.integer("size", 1), bundle.string("sha256")};
    }
    if (!reader.ok())
        return std::unexpected(reader.error());
    auto version = Version::parse(versionText);
    if (!version)
        return std::unexpected(version.error().prefixed(u"manifest.json"_s));
    manifest.version = *version;
    std::sort(manifest.entries.begin(), manifest.entries.end(),
        [](const Entry& a, const Entry& b) { return a.path < b.path; });
    if (auto valid = manifest.validate(); !valid)
        return std::unexpected(valid.error());
    return manifest;
}

QByteArray Manifest::toBytes() const
{
    JsonArray files;
    for (const Entry& entry : entries) {
        JsonObject object{{"path", entry.path}, {"type", typeName(entry.type)}};
        if (entry.type == Entry::Type::File) {
            object.emplace("size", entry.size);
            object.emplace("sha256", entry.sha256);
        }
        if (entry.type == Entry::Type::Symlink)
            object.emplace("target", entry.target);
        else
            object.emplace("mode", entry.mode);
        files.push_back(std::move(object));
    }
    JsonObject document{{"format", format}, {"app", app}, {"version", version.toString()}, {"files", std::move(files)}};
    if (format == 1) {
        for (auto& [key, value] : tablesJson(*this))
            document.emplace(key, std::move(value));
    } else if (tablesFile) {
        document.emplace("tables",
            JsonObject{{"sha256", tablesFile->sha256}, {"size", tablesFile->size}, {"object", tablesFile->objectSize}});
    }
    if (bundle)
        document.emplace("bundle", JsonObject{{"size", bundle->size}, {"sha256", bundle->sha256}});
    if (healthCheck) {
        JsonArray command;
        for (const QString& part : healthCheck->command)
            command.emplace_back(part);
        document.emplace(
            "health_check", JsonObject{{"command", std::move(command)}, {"timeout", healthCheck->timeoutSeconds}});
    }
    // Compact and deterministic; validate() keeps control characters out, so it is also plain JSON.
    return canonicalJson(document) + '\n';
}

QByteArray Manifest::tablesBytes() const
{
    return canonicalJson(tablesJson(*this)) + '\n';
}

std::expected<void, Error> Manifest::attachTables(QByteArrayView bytes)
{
    if (format != 2 || !tablesFile)
        return refuse(tr("only a manifest of format 2 has a tables file."));
    if (bytes.size() != tablesFile->size || Sha256::hexOf(bytes) != tablesFile->sha256)
        return std::unexpected(
            Error{Error::Code::Mismatch, tr("The manifest's tables file differs from the one the manifest names.")});
    auto document = JsonParser().parse(bytes);
    if (!document)
        return std::unexpected(document.error().prefixed(u"tables"_s));
    FieldReader reader(*document, u"tables"_s, QString());
    Manifest filled = *this;
    filled.objects.clear();
    filled.patches.clear();
    readTables(reader, filled);
    if (!reader.ok())
        return std::unexpected(reader.error());
    filled.tablesLoaded = true;
    if (auto valid = filled.validate(); !valid)
        return std::unexpected(valid.error());
    // Only the tables change: a caller may be walking `entries` meanwhile.
    objects = std::move(filled.objects);
    patches = std::move(filled.patches);
    tablesLoaded = true;
    return {};
}

const Manifest::Entry* Manifest::find(const QString& path) const
{
    const auto it = std::lower_bound(
        entries.begin(), entries.end(), path, [](const Entry& entry, const QString& key) { return entry.path < key; });
    return it != entries.end() && it->path == path ? &*it : nullptr;
}

qint64 Manifest::totalFileBytes() const
{
    qint64 total = 0;
    for (const Entry& entry : entries)
        total += entry.size;
    return total;
}
