#include "console.h"

#include "exitcode.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

void print(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

QString problemLine(const QString& command, const QString& message)
{
    const QString program = QCoreApplication::applicationName();
    return command.isEmpty() ? u"%1: %2\n"_s.arg(program, message) : u"%1 %2: %3\n"_s.arg(program, command, message);
}

void warn(const QString& command, const QString& message)
{
    std::fputs(qPrintable(problemLine(command, message)), stderr);
}

int fail(const QString& command, const Error& error)
{
    warn(command, error.message);
    return ExitCode::of(error);
}

int fail(const QString& command, const QString& message)
{
    warn(command, message);
    return ExitCode::Failure;
}

int misuse(const QString& command, const QString& message)
{
    warn(command, message);
    return ExitCode::UsageError;
}
