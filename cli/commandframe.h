#pragma once

#include "subcommand.h"

#include <QStringList>

#include <variant>
#include <vector>

// The frame of a program made of subcommands: the overview (no arguments, --help, -h, help), --version,
// a command's --help, unknown commands and options, and positional arguments a command does not take,
// with the same texts and exit codes in every program. The program is QCoreApplication's name and version.
class CommandFrame
{
public:
    // What the overview says besides the commands.
    struct Program {
        QString synopsis;  // after the program's name: "COMMAND [options]"
        QString about;     // what the program does, wrapped by hand
        QString exitCodes; // after "Exit codes: ", wrapped by hand
    };

    // What the frame answers by itself, without running a command.
    struct Reply {
        int exitCode = 0;
        QString out;
        QString err;
    };

    CommandFrame(Program program, std::vector<Subcommand> commands);

    [[nodiscard]] QString overview() const;

    // The command that `arguments` (the program first, as QCoreApplication::arguments()) name, with its
    // options parsed into `parser`; or the frame's reply to a request for help or the version, or to misuse.
    [[nodiscard]] std::variant<const Subcommand*, Reply> resolve(
        const QStringList& arguments, QCommandLineParser& parser) const;

    // Runs the command that `arguments` name, or prints the frame's reply; returns the exit code.
    [[nodiscard]] int run(const QStringList& arguments) const;

private:
    Program m_program;
    std::vector<Subcommand> m_commands;
};
