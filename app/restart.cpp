#include "restart.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr char kVariable[] = "UPKEEP_RESTART_STATE";

} // namespace

QStringList Restart::arguments() const
{
    return window.visible ? QStringList() : QStringList{u"--tray"_s};
}

QString Restart::exec() const
{
    qputenv(kVariable, window.toJson());
    std::vector<QByteArray> words{QFile::encodeName(program)};
    for (const QString& argument : arguments())
        words.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    ::execv(argv.front(), argv.data());
    const QString reason = QString::fromLocal8Bit(std::strerror(errno));
    qunsetenv(kVariable);
    return reason;
}

std::optional<WindowState> Restart::handedOver()
{
    if (!qEnvironmentVariableIsSet(kVariable))
        return std::nullopt;
    const QByteArray bytes = qgetenv(kVariable);
    qunsetenv(kVariable);
    return WindowState::fromJson(bytes);
}
