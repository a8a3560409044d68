#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <functional>

// One command of a program ("upkeep check", "upkeep-publish release"): its name and summary for the
// overview, its options, the positional argument it takes, and what runs it and returns the exit code.
struct Subcommand {
    QString name;
    QString summary;
    QList<QCommandLineOption> options = {};
    QString argument = {};     // the positional argument in --help, e.g. "REPO"; empty when the command takes none
    QString argumentHelp = {}; // what it is
    std::function<int(QCommandLineParser&)> run = {};
};
