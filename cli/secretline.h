#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// One line of standard input that is not shown: on a terminal, echo goes off (and what was typed
// ahead is dropped) before `prompt` appears on standard error; from a pipe, the line as it comes.
// For passwords and passphrases, which never belong on the command line (shell history, `ps`).
class SecretLine
{
public:
    // The line without its line ending; nothing when standard input has ended.
    [[nodiscard]] static std::optional<QByteArray> read(const QString& prompt);
};
