#pragma once

#include "publish/keystore.h"

// Where upkeep-publish gets the passphrase of one key folder: an environment variable, or else a
// prompt on the terminal with echo off (a passphrase for new keys is typed twice). Never a
// command-line flag: flags end up in shell history and in `ps`. An empty passphrase never means
// "unencrypted"; only --unencrypted-keys does, and then no passphrase is asked for new keys.
class PassphrasePrompt
{
public:
    PassphrasePrompt(QString variable, QString folder);

    std::expected<QByteArray, Error> operator()(KeyStore::PassphraseUse use) const;

private:
    static std::expected<QByteArray, Error> ask(const QString& prompt);

    QString m_variable;
    QString m_folder;
};
