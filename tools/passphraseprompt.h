#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

// Where upkeep-publish gets a key passphrase: the UPKEEP_PASSPHRASE environment variable, or
// else a prompt on the terminal with echo off. Never a command-line flag (flags end up in shell
// history and in `ps`). Without either, keys stay unencrypted and encrypted ones cannot open.
std::expected<QByteArray, Error> passphraseFromEnvironmentOrPrompt(const QString& prompt);
