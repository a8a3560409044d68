#include "passphraseprompt.h"

#include <QCoreApplication>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

std::expected<QByteArray, Error> passphraseFromEnvironmentOrPrompt(const QString& prompt)
{
    if (qEnvironmentVariableIsSet("UPKEEP_PASSPHRASE"))
        return qgetenv("UPKEEP_PASSPHRASE");
    if (!isatty(STDIN_FILENO))
        return QByteArray();

    std::fputs(qPrintable(prompt), stderr);
    std::fflush(stderr);
    termios saved{};
    const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char buffer[1024] = {};
    const bool read = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
    if (terminal)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", stderr);
    if (!read) {
        return std::unexpected(Error{Error::Code::PassphraseRequired,
            QCoreApplication::translate("PassphrasePrompt", "No passphrase was entered.")});
    }
    QByteArray passphrase(buffer);
    while (passphrase.endsWith('\n') || passphrase.endsWith('\r'))
        passphrase.chop(1);
    return passphrase;
}
