#pragma once

#include "trust/rolekeys.h"

#include <QStringList>

// A role that targets metadata delegates to, with the target paths it may sign for. Upkeep's
// channels (stable, beta, nightly) are delegated roles of the top-level targets role.
struct DelegatedRole {
    // The roles of root metadata; no delegation may take one of their names.
    static inline const QStringList kTopLevelRoles{
        QStringLiteral("root"), QStringLiteral("timestamp"), QStringLiteral("snapshot"), QStringLiteral("targets")};

    QString name;
    RoleKeys keys;
    bool terminating = false;
    // Exactly one of the two is given: shell-style patterns matched per path component ("*"
    // never crosses a "/"), or prefixes of the hex sha256 of the target path.
    std::optional<QStringList> paths;
    std::optional<QStringList> pathHashPrefixes;
    JsonObject unrecognized;

    static DelegatedRole read(FieldReader& reader);
    [[nodiscard]] JsonValue toJson() const;
    [[nodiscard]] bool matches(const QString& targetPath) const;
    // Whether some target path under `folder`/ (one path component, such as an application's name)
    // may match: so a client that follows one application loads only the roles that may list its
    // files. Path hash prefixes cannot tell, so they may.
    [[nodiscard]] bool mayMatchUnder(const QString& folder) const;
};
