#pragma once

#include <QString>

// Staged rollout: each installation falls in a stable bucket from 0 to 99 for each release,
// derived from its random install id, so that a release offered to 10 % reaches the same 10 %
// on every check, and a different 10 % for the next release (nobody is always first).
int rolloutBucket(const QString& installId, const QString& app, const QString& version);
bool rolloutAdmits(int percent, const QString& installId, const QString& app, const QString& version);
