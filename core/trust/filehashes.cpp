#include "filehashes.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace {
std::optional<QCryptographicHash::Algorithm> algorithm(const std::string& name)
{
    if (name == "sha256")
        return QCryptographicHash::Sha256;
    if (name == "sha512")
        return QCryptographicHash::Sha512;
    return std::nullopt;
}
} // namespace

FileHashes FileHashes::read(FieldReader& reader, std::string_view key)
{
    FileHashes hashes;
    const JsonValue& object = reader.object(key);
    for (const auto& [name, digest] : object.toObject()) {
        if (!digest.isString()) {
            reader.fail(tr("%1.%2 must be a hex string").arg(reader.where(key), QString::fromStdString(name)));
            return {};
        }
        hashes.m_digests.emplace(name, digest.toUtf8());
    }
    if (reader.ok() && object.toObject().empty())
        reader.fail(tr("%1 must list at least one hash").arg(reader.where(key)));
    return hashes;
}

FileHashes FileHashes::sha256Of(QByteArrayView data)
{
    FileHashes hashes;
    hashes.m_digests.emplace(
        "sha256", QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().toStdString());
    return hashes;
}

FileHashes FileHashes::fromSha256(const QString& hex)
{
    FileHashes hashes;
    hashes.m_digests.emplace("sha256", hex.toStdString());
    return hashes;
}

QString FileHashes::sha256() const
{
    const auto it = m_digests.find("sha256");
    return it == m_digests.end() ? QString() : QString::fromStdString(it->second);
}

JsonValue FileHashes::toJson() const
{
    JsonObject object;
    for (const auto& [name, digest] : m_digests)
        object.emplace(name, digest);
    return object;
}

std::expected<void, Error> FileHashes::verify(QByteArrayView data, const QString& what) const
{
    bool checked = false;
    for (const auto& [name, digest] : m_digests) {
        const auto kind = algorithm(name);
        if (!kind)
            continue;
        checked = true;
        const QByteArray actual = QCryptographicHash::hash(data, *kind).toHex();
        if (actual != QByteArray::fromStdString(digest).toLower()) {
            return std::unexpected(Error{Error::Code::Mismatch,
                tr("%1 does not match its signed %2 hash: the file was changed or damaged.")
                    .arg(what, QString::fromStdString(name))});
        }
    }
    if (!checked) {
        return std::unexpected(
            Error{Error::Code::Unsupported, tr("%1 lists no hash Upkeep can check (sha256 or sha512).").arg(what)});
    }
    return {};
}
