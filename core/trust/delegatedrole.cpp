#include "delegatedrole.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace {

bool componentMatches(const QString& pattern, const QString& component)
{
    const QRegularExpression expression(QRegularExpression::wildcardToRegularExpression(pattern));
    return expression.isValid() && expression.match(component).hasMatch();
}

bool pathMatches(const QString& pattern, const QString& path)
{
    const QStringList patternParts = pattern.split(QLatin1Char('/'));
    const QStringList pathParts = path.split(QLatin1Char('/'));
    if (patternParts.size() != pathParts.size())
        return false;
    for (qsizetype i = 0; i < patternParts.size(); ++i) {
        if (!componentMatches(patternParts[i], pathParts[i]))
            return false;
    }
    return true;
}

JsonArray toArray(const QStringList& list)
{
    JsonArray array;
    for (const QString& item : list)
        array.emplace_back(item);
    return array;
}

} // namespace

DelegatedRole DelegatedRole::read(FieldReader& reader)
{
    DelegatedRole role;
    role.name = reader.string("name");
    // Its file and snapshot entry would be those of the top-level role it is named after.
    if (reader.ok() && kTopLevelRoles.contains(role.name)) {
        reader.fail(QCoreApplication::translate("DelegatedRole",
            "%1 is \"%2\", the name of a top-level role; a delegated role cannot be called root, "
            "timestamp, snapshot or targets")
                        .arg(reader.where("name"), role.name));
    }
    role.keys = RoleKeys::read(reader);
    role.terminating = reader.has("terminating") ? reader.boolean("terminating") : false;
    if (reader.has("paths"))
        role.paths = reader.strings("paths");
    if (reader.has("path_hash_prefixes"))
        role.pathHashPrefixes = reader.strings("path_hash_prefixes");
    if (reader.ok() && role.paths.has_value() == role.pathHashPrefixes.has_value()) {
        reader.fail(QCoreApplication::translate(
            "DelegatedRole", "delegated role \"%1\" must have either paths or path_hash_prefixes")
                        .arg(role.name));
    }
    role.unrecognized
        = reader.unrecognized({"name", "keyids", "threshold", "terminating", "paths", "path_hash_prefixes"});
    return role;
}

JsonValue DelegatedRole::toJson() const
{
    JsonObject object = unrecognized;
    object.insert_or_assign("name", name);
    keys.write(object);
    object.insert_or_assign("terminating", terminating);
    if (paths)
        object.insert_or_assign("paths", toArray(*paths));
    if (pathHashPrefixes)
        object.insert_or_assign("path_hash_prefixes", toArray(*pathHashPrefixes));
    return object;
}

bool DelegatedRole::matches(const QString& targetPath) const
{
    if (paths) {
        return std::any_of(
            paths->begin(), paths->end(), [&](const QString& pattern) { return pathMatches(pattern, targetPath); });
    }
    if (pathHashPrefixes) {
        const QString digest
            = QString::fromLatin1(QCryptographicHash::hash(targetPath.toUtf8(), QCryptographicHash::Sha256).toHex());
        return std::any_of(pathHashPrefixes->begin(), pathHashPrefixes->end(),
            [&](const QString& prefix) { return digest.startsWith(prefix); });
    }
    return false;
}

bool DelegatedRole::mayMatchUnder(const QString& folder) const
{
    if (!paths)
        return pathHashPrefixes.has_value();
    return std::any_of(paths->begin(), paths->end(), [&](const QString& pattern) {
        const QStringList parts = pattern.split(QLatin1Char('/'));
        return parts.size() > 1 && componentMatches(parts.first(), folder);
    });
}
