#pragma once

#include "publish/keyring.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

// The key folders a command was given: --keys (the offline keys; may be given several times,
// new keys go to the first) and --online-keys (the timestamp and snapshot keys). Each is checked
// to lie outside the repository with every symlink resolved, and opened with its own passphrase:
// UPKEEP_PASSPHRASE for --keys, UPKEEP_ONLINE_PASSPHRASE for --online-keys, else the terminal.
class KeyFolders
{
public:
    // --keys, --online-keys and --unencrypted-keys, as every command that signs takes them.
    static const QCommandLineOption kKeysOption;
    static const QCommandLineOption kOnlineKeysOption;
    static const QCommandLineOption kUnencryptedOption;

    // The folders of the command line: --keys or --online-keys (--keys when `creating`).
    static std::expected<KeyFolders, Error> fromCommandLine(
        const QString& repository, const QCommandLineParser& parser, bool creating);
    static std::expected<KeyFolders, Error> check(
        const QString& repository, const QStringList& offline, const QString& online);

    // Absolute and clean, as given (not resolved), for messages and use.
    [[nodiscard]] const QStringList& offline() const { return m_offline; }
    [[nodiscard]] const QString& online() const { return m_online; }

    // Every folder, the offline ones first.
    [[nodiscard]] QStringList all() const;

    [[nodiscard]] KeyRing open(KeyStore::NewKeys newKeys) const;

private:
    // `path` made absolute with every symlink resolved as the system would, also where its last
    // parts do not exist yet (they would be made as plain folders).
    static QString resolved(const QString& path);

    QStringList m_offline;
    QString m_online;
};
