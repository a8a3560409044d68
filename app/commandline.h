#pragma once

#include <QStringList>

// The `upkeep` command line: add, check, update, rollback, history, channel and status, each
// on --dir D or on every registered installation, each with --json for scripts.
// Exit codes: 0 success, 1 failure (nothing changed), 2 misuse, 3 an update was rolled back
// automatically because its health check failed, 4 status --verify found damaged files.
int runCommandLine(const QStringList& arguments);
