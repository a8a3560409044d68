#pragma once

#include "error.h"
#include "install/installlayout.h"

#include <QCoreApplication>

// Where the password of an installation's private repository rests between runs: the desktop's
// secret store (GNOME Keyring, KWallet: the Secret Service) through QtKeychain, or, where no
// secret store answers (a server, a session without one), the file ROOT/.upkeep/password that only
// its owner may read or write (0600). The file is less safe: the password is in it in clear, for
// anyone who can read the user's files (root, a backup, a program the user runs).
// QtKeychain's jobs are asynchronous; these calls run each to its end in a local event loop and so
// block: for worker threads and the command line, never the GUI thread.
class PasswordStore
{
    Q_DECLARE_TR_FUNCTIONS(PasswordStore)

public:
    enum class Place { SecretStore, File };

    // `key` names the password in the secret store (the user, the server and the installation).
    PasswordStore(const InstallLayout& layout, QString key);

    // Keeps `password`, in the secret store when one answers, and says where it went.
    std::expected<Place, Error> save(const QString& password) const;
    // The password kept by save(); NotFound when neither place holds one.
    [[nodiscard]] std::expected<QString, Error> load() const;
    // Forgets the password in both places (the installation is removed).
    void forget() const;

    [[nodiscard]] const QString& fileName() const { return m_file; }

    static constexpr char kService[] = "Upkeep private repositories";

private:
    QString m_file;
    QString m_key;
};
