#include "keystore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

KeyStore::KeyStore(QString directory, NewKeys newKeys, PassphraseSource passphrase)
    : m_directory(std::move(directory))
    , m_newKeys(newKeys)
    , m_source(std::move(passphrase))
{ }

bool KeyStore::isKeyId(const QString& text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

bool KeyStore::isRoleName(const QString& text)
{
    if (text.isEmpty() || text == u"."_s || text == u".."_s)
        return false;
    return std::none_of(text.begin(), text.end(),
        [](QChar c) { return c == u'/' || c == u'\\' || c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

std::expected<QString, Error> KeyStore::fileName(const QString& role, const QString& keyId) const
{
    if (!isRoleName(role)) {
        return std::unexpected(
            Error{Error::Code::InvalidInput, tr("The role name \"%1\" cannot be part of a file name.").arg(role)});
    }
    if (!isKeyId(keyId)) {
        return std::unexpected(Error{Error::Code::InvalidInput,
            tr("\"%1\" is not a key id (64 lowercase hexadecimal digits), so no key file is named after it.")
                .arg(keyId)});
    }
    return m_directory + u'/' + role + u'.' + keyId + u".pem"_s;
}

std::expected<QByteArray, Error> KeyStore::passphrase(PassphraseUse use)
{
    if (m_passphrase)
        return *m_passphrase;
    if (!m_source)
        return QByteArray();
    auto given = m_source(use);
    if (given && !given->isEmpty())
        m_passphrase = *given;
    return given;
}

QString KeyStore::encryptedKeyFile() const
{
    const QStringList files = QDir(m_directory).entryList({u"*.pem"_s}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString path = m_directory + u'/' + file;
        QFile pem(path);
        if (pem.open(QIODevice::ReadOnly) && pem.read(64).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
            return path;
    }
    return {};
}

std::expected<SigningKey, Error> KeyStore::create(const QString& role, SigningKey::Algorithm algorithm)
{
    if (!isRoleName(role)) {
        return std::unexpected(
            Error{Error::Code::InvalidInput, tr("The role name \"%1\" cannot be part of a file name.").arg(role)});
    }
    const QString encrypted = encryptedKeyFile();
    QByteArray secret;
    if (m_newKeys == NewKeys::Unencrypted) {
        if (!encrypted.isEmpty()) {
            return std::unexpected(Error{Error::Code::Usage,
                tr("The keys in %1 are encrypted; a new key is not written unencrypted beside them.")
                    .arg(m_directory)});
        }
    } else {
        auto given
            = passphrase(encrypted.isEmpty() ? PassphraseUse::EncryptFirst : PassphraseUse::EncryptAmongEncrypted);
        if (!given)
            return std::unexpected(given.error());
        if (given->isEmpty()) {
            return std::unexpected(Error{Error::Code::PassphraseRequired,
                tr("A new key for the %1 role in %2 is to be encrypted, and no passphrase was given.")
                    .arg(role, m_directory)});
        }
        // A new key is saved under the passphrase of the keys already here, never under another one.
        if (!m_passphraseChecked && !encrypted.isEmpty()) {
            if (auto opened = SigningKey::load(encrypted, *given); !opened)
                return std::unexpected(opened.error());
        }
        m_passphraseChecked = true;
        secret = *given;
    }

    const bool existed = QFileInfo::exists(m_directory);
    if (!QDir().mkpath(m_directory))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create the key folder %1.").arg(m_directory)});
    m_createdDirectory = m_createdDirectory || !existed;
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    auto key = SigningKey::generate(algorithm);
    if (!key)
        return key;
    const QString path = *fileName(role, key->publicKey().keyId());
    auto saved = m_newKeys == NewKeys::Unencrypted ? key->saveUnencrypted(path) : key->save(path, secret);
    if (!saved)
        return std::unexpected(saved.error());
    m_created.append(path);
    return key;
}

std::expected<std::vector<SigningKey>, Error> KeyStore::keys(const QString& role, const QStringList& keyIds)
{
    QStringList paths;
    for (const QString& keyId : keyIds) {
        auto path = fileName(role, keyId);
        if (!path)
            return std::unexpected(path.error());
        paths.append(*path);
    }
    std::vector<SigningKey> found;
    for (qsizetype i = 0; i < keyIds.size(); ++i) {
        const QString& path = paths[i];
        if (!QFile::exists(path))
            continue;
        auto key = SigningKey::load(path);
        if (!key && key.error().code == Error::Code::PassphraseRequired) {
            auto secret = passphrase(PassphraseUse::OpenKey);
            if (!secret) {
                return std::unexpected(Error{secret.error().code, key.error().message + u' ' + secret.error().message});
            }
            if (secret->isEmpty())
                return std::unexpected(key.error());
            key = SigningKey::load(path, *secret);
        }
        if (!key)
            return std::unexpected(key.error());
        if (key->publicKey().keyId() != keyIds[i]) {
            return std::unexpected(Error{Error::Code::Mismatch,
                tr("The key file %1 holds the key %2, not the one its name says.")
                    .arg(path, key->publicKey().keyId())});
        }
        found.push_back(std::move(*key));
    }
    return found;
}

std::expected<bool, Error> KeyStore::holds(const QString& role, const QString& keyId) const
{
    auto path = fileName(role, keyId);
    if (!path)
        return std::unexpected(path.error());
    return QFile::exists(*path);
}

std::expected<void, Error> KeyStore::retire(const QString& role, const QString& keyId)
{
    auto path = fileName(role, keyId);
    if (!path)
        return std::unexpected(path.error());
    if (!QFile::exists(*path))
        return {};
    const QString retired = m_directory + u"/retired"_s;
    if (!QDir().mkpath(retired) || !QFile::rename(*path, retired + u'/' + QFileInfo(*path).fileName()))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot move the replaced key %1 to %2.").arg(*path, retired)});
    return {};
}

void KeyStore::discardCreated()
{
    for (const QString& path : std::as_const(m_created))
        QFile::remove(path);
    m_created.clear();
    if (m_createdDirectory)
        QDir().rmdir(m_directory);
    m_createdDirectory = false;
}
