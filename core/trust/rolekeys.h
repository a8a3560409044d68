#pragma once

#include "json/fieldreader.h"

#include <QStringList>

// Which keys may sign a role, and how many of them must: {"keyids": [...], "threshold": N}.
struct RoleKeys {
    QStringList keyIds;
    qint64 threshold = 1;

    static RoleKeys read(FieldReader& reader);
    void write(JsonObject& object) const;
    friend bool operator==(const RoleKeys&, const RoleKeys&) = default;
};
