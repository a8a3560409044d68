#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Throw-away TLS certificates and nginx password lines for tests, made by the openssl program in
// one folder: self-signed certificates (a CA, or a stranger nobody vouches for), a server
// certificate for 127.0.0.1 and client certificates signed by one of them. NAME's files are
// FOLDER/NAME.pem and FOLDER/NAME.key; every key is readable by its owner only, as Upkeep requires
// of a client key. EC P-256, valid for two days.
class ThrowawayTls
{
public:
    explicit ThrowawayTls(QString folder);

    // Whether the openssl program is on PATH (scripts/setup installs it).
    [[nodiscard]] static bool available();

    [[nodiscard]] bool selfSigned(const QString& name);
    [[nodiscard]] bool server(const QString& name, const QString& ca);
    [[nodiscard]] bool client(const QString& name, const QString& ca);

    [[nodiscard]] QString certificate(const QString& name) const;
    [[nodiscard]] QString key(const QString& name) const;

    // "USER:HASH\n" (SHA-256 crypt) for nginx's auth_basic_user_file; empty when openssl failed.
    [[nodiscard]] QByteArray passwordLine(const QString& user, const QString& password) const;

private:
    bool signedBy(const QString& name, const QString& ca, const QByteArray& extensions);
    bool openssl(const QStringList& arguments, QString* output = nullptr) const;
    void keepKeyPrivate(const QString& name) const;

    QString m_folder;
};
