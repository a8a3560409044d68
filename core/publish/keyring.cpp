#include "keyring.h"

#include <set>

using namespace Qt::StringLiterals;

KeyRing::KeyRing(std::vector<KeyStore> offline, std::optional<KeyStore> online)
    : m_offline(std::move(offline))
    , m_online(std::move(online))
{ }

bool KeyRing::isOnlineRole(const QString& role)
{
    return role == u"timestamp"_s || role == u"snapshot"_s;
}

QStringList KeyRing::directories() const
{
    QStringList folders;
    for (const KeyStore& store : m_offline)
        folders.append(store.directory());
    if (m_online)
        folders.append(m_online->directory());
    return folders;
}

std::vector<KeyStore*> KeyRing::searchOrder(const QString& role)
{
    std::vector<KeyStore*> order;
    for (KeyStore& store : m_offline)
        order.push_back(&store);
    if (m_online)
        order.insert(isOnlineRole(role) ? order.begin() : order.end(), &*m_online);
    return order;
}

std::expected<SigningKey, Error> KeyRing::create(const QString& role, SigningKey::Algorithm algorithm)
{
    if (isOnlineRole(role) && m_online)
        return m_online->create(role, algorithm);
    if (m_offline.empty()) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("A new key for the %1 role belongs with the offline keys, and no folder for them was given.")
                .arg(role)});
    }
    return m_offline.front().create(role, algorithm);
}

std::expected<std::vector<SigningKey>, Error> KeyRing::keys(const QString& role, const QStringList& keyIds)
{
    std::vector<SigningKey> found;
    QStringList missing = keyIds;
    for (KeyStore* store : searchOrder(role)) {
        auto keys = store->keys(role, missing);
        if (!keys)
            return keys;
        for (SigningKey& key : *keys) {
            missing.removeAll(key.publicKey().keyId());
            found.push_back(std::move(key));
        }
        if (missing.isEmpty())
            break;
    }
    return found;
}

std::expected<qsizetype, Error> KeyRing::count(const QString& role, const QStringList& keyIds) const
{
    std::set<QString> held;
    const auto look = [&](const KeyStore& store) -> std::expected<void, Error> {
        for (const QString& keyId : keyIds) {
            auto has = store.holds(role, keyId);
            if (!has)
                return std::unexpected(has.error());
            if (*has)
                held.insert(keyId);
        }
        return {};
    };
    for (const KeyStore& store : m_offline) {
        if (auto looked = look(store); !looked)
            return std::unexpected(looked.error());
    }
    if (m_online) {
        if (auto looked = look(*m_online); !looked)
            return std::unexpected(looked.error());
    }
    return qsizetype(held.size());
}

std::expected<void, Error> KeyRing::retire(const QString& role, const QString& keyId)
{
    for (KeyStore* store : searchOrder(role)) {
        if (auto retired = store->retire(role, keyId); !retired)
            return retired;
    }
    return {};
}

void KeyRing::discardCreated()
{
    for (KeyStore& store : m_offline)
        store.discardCreated();
    if (m_online)
        m_online->discardCreated();
}
