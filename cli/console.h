#pragma once

#include "error.h"

#include <QString>

// How a command-line program writes: results on stdout, problems on stderr as
// "PROGRAM COMMAND: message", the program named by QCoreApplication::applicationName().

// One line of results, flushed at once so that it keeps its place among stderr's lines and a progress display.
void print(const QString& line);

// "PROGRAM COMMAND: message\n", or "PROGRAM: message\n" for a problem of no one command.
QString problemLine(const QString& command, const QString& message);

// A problem that does not end the command: a warning, one of several failures, a crash recovered.
void warn(const QString& command, const QString& message);

// Reports why a command stops and returns its exit code (ExitCode::of the error).
int fail(const QString& command, const Error& error);
// The same for a failure (ExitCode::Failure) and for a misuse (ExitCode::UsageError) told in a sentence.
int fail(const QString& command, const QString& message);
int misuse(const QString& command, const QString& message);
