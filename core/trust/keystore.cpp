#include "keystore.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

KeyStore::KeyStore(QString directory, PassphraseSource passphrase)
    : m_directory(std::move(directory))
    , m_source(std::move(passphrase))
{ }

QString KeyStore::fileName(const QString& role, const QString& keyId) const
{
    return m_directory + u'/' + role + u'.' + keyId + u".pem"_s;
}

std::expected<QByteArray, Error> KeyStore::passphrase()
{
    if (!m_passphrase) {
        auto given = m_source ? m_source() : QByteArray();
        if (!given)
            return std::unexpected(given.error());
        m_passphrase = *given;
    }
    return *m_passphrase;
}

std::expected<void, Error> KeyStore::checkPassphraseOpensStore(const QByteArray& secret)
{
    if (m_passphraseChecked)
        return {};
    const QStringList files = QDir(m_directory).entryList({u"*.pem"_s}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString path = m_directory + u'/' + file;
        QFile pem(path);
        if (!pem.open(QIODevice::ReadOnly) || !pem.read(64).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
            continue;
        if (auto opened = SigningKey::load(path, secret); !opened)
            return std::unexpected(opened.error());
        break;
    }
    m_passphraseChecked = true;
    return {};
}

std::expected<SigningKey, Error> KeyStore::create(const QString& role)
{
    if (!QDir().mkpath(m_directory))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create the key folder %1.").arg(m_directory)});
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    auto key = SigningKey::generate();
    if (!key)
        return key;
    auto secret = passphrase();
    if (!secret)
        return std::unexpected(secret.error());
    if (auto checked = checkPassphraseOpensStore(*secret); !checked)
        return std::unexpected(checked.error());
    if (auto saved = key->save(fileName(role, key->publicKey().keyId()), *secret); !saved)
        return std::unexpected(saved.error());
    return key;
}

std::expected<std::vector<SigningKey>, Error> KeyStore::keys(const QString& role, const QStringList& keyIds)
{
    std::vector<SigningKey> found;
    for (const QString& keyId : keyIds) {
        const QString path = fileName(role, keyId);
        if (!QFile::exists(path))
            continue;
        auto key = SigningKey::load(path);
        if (!key && key.error().code == Error::Code::PassphraseRequired) {
            auto secret = passphrase();
            if (!secret)
                return std::unexpected(secret.error());
            if (secret->isEmpty())
                return std::unexpected(key.error());
            key = SigningKey::load(path, *secret);
        }
        if (!key)
            return std::unexpected(key.error());
        if (key->publicKey().keyId() != keyId) {
            return std::unexpected(Error{Error::Code::Mismatch,
                tr("The key file %1 holds the key %2, not the one its name says.")
                    .arg(path, key->publicKey().keyId())});
        }
        found.push_back(std::move(*key));
    }
    return found;
}

std::expected<void, Error> KeyStore::retire(const QString& role, const QString& keyId)
{
    const QString path = fileName(role, keyId);
    if (!QFile::exists(path))
        return {};
    const QString retired = m_directory + u"/retired"_s;
    if (!QDir().mkpath(retired) || !QFile::rename(path, retired + u'/' + role + u'.' + keyId + u".pem"_s))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot move the replaced key %1 to %2.").arg(path, retired)});
    return {};
}
