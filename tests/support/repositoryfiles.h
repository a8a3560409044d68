#pragma once

// A repository's folder as the tests read it, the way a client or an auditor would without
// Upkeep's code: the signed part of a metadata file, the newest version of a role, and the file
// a role lists for a target now (targets are named by hash).

#include <QJsonObject>
#include <QString>

// The "signed" object of the metadata file `path`; empty when it cannot be read.
[[nodiscard]] QJsonObject signedPart(const QString& path);
// The newest metadata/N.ROLE.json of `role` in `repository`.
[[nodiscard]] QString newestMetadataFile(const QString& repository, const QString& role);
// The targets `role` lists in its newest version, by path; a channel's include those of the roles it
// delegates its applications to.
[[nodiscard]] QJsonObject targetsOf(const QString& repository, const QString& role);
// The file under targets/ that `role` lists now for the target `path` (HASH.NAME beside it).
[[nodiscard]] QString currentTargetFile(const QString& repository, const QString& role, const QString& path);
