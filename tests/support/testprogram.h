#pragma once

// A program the tests run as its users do: the real `upkeep` and `upkeep-publish` from a script or
// a terminal, the test's own executable as a child that dies on purpose, tools such as openssl.
// It gets the test's environment without the passphrases and logging rules a developer's shell
// may hold, plus what the test sets; what it printed and how it ended come back.

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

// How a run ended and what the program printed.
struct ProgramRun {
    int exitCode = -1;    // -1 when it did not exit by itself
    bool crashed = false; // it died of a signal (one killed for taking too long did not crash)
    QString out;
    QString err;

    // All of it, for a failure message.
    [[nodiscard]] QString describe() const;
};

// The exit code, with everything the program printed when it is not the expected one.
// `run` is evaluated once, so that it may be the run itself: UPKEEP_EXPECT_EXIT(program.run(...), 0).
#define UPKEEP_EXPECT_EXIT(run, code)                                                                                  \
    do {                                                                                                               \
        const ProgramRun& upkeepRun_ = (run);                                                                          \
        QVERIFY2(upkeepRun_.exitCode == (code), qPrintable(upkeepRun_.describe()));                                    \
    } while (false)

class TestProgram
{
public:
    struct Options {
        QString configHome = {};      // XDG_CONFIG_HOME when given: where upkeep keeps its settings and registry
        QStringList environment = {}; // NAME=VALUE, over the test's own
        QString workingDirectory = {};
    };

    // A line the user types at a terminal once the program has written `prompt` at the end of its
    // standard error; right away when the prompt is empty.
    struct Exchange {
        QString prompt;
        QByteArray answer;
    };

    explicit TestProgram(QString path);
    TestProgram(QString path, Options options);

    // Runs it to its end, killed after two minutes. Standard input is /dev/null or, with a
    // dialogue, a terminal on which the answers are typed; the prompts stay in `err` as written.
    [[nodiscard]] ProgramRun run(const QStringList& arguments, const QList<Exchange>& dialogue = {}) const;

    // Starts it and returns once it runs, for a test that stops it at a moment of its own.
    [[nodiscard]] std::unique_ptr<QProcess> start(const QStringList& arguments) const;

private:
    [[nodiscard]] std::unique_ptr<QProcess> prepare() const;

    QString m_path;
    Options m_options;
};
