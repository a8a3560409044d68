#pragma once

// Runs the built `upkeep` as a user would from a script: no terminal, its settings and registry
// in a folder of the test's, and what it printed and returned.

#include <QProcess>
#include <QString>
#include <QStringList>

struct UpkeepRun {
    int exitCode = -1; // -1 when it did not exit by itself
    QString out;
    QString err;
};

inline UpkeepRun runUpkeep(const QStringList& arguments, const QString& configHome)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(UPKEEP_BINARY), arguments);
    process.waitForFinished(120000);
    return UpkeepRun{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}
