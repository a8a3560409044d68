#include "sha256.h"

#include <QIODevice>

#include <openssl/evp.h>

namespace {

// Fetched once: an implicit fetch by EVP_sha256() on every init costs more than hashing a key id.
const EVP_MD* algorithm()
{
    static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched;
}

} // namespace

void Sha256::ContextFree::operator()(evp_md_ctx_st* context) const
{
    EVP_MD_CTX_free(context);
}

Sha256::Sha256()
    : m_context(EVP_MD_CTX_new())
{
    reset();
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::reset()
{
    // Only an allocation failure makes these fail, and then nothing else works either.
    if (!m_context || EVP_DigestInit_ex(m_context.get(), algorithm(), nullptr) != 1)
        qFatal("OpenSSL cannot compute SHA-256");
}

void Sha256::addData(QByteArrayView bytes)
{
    if (!bytes.isEmpty())
        EVP_DigestUpdate(m_context.get(), bytes.data(), size_t(bytes.size()));
}

bool Sha256::addData(QIODevice* device)
{
    if (!device || !device->isReadable())
        return false;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    while (true) {
        const qint64 read = device->read(buffer.data(), buffer.size());
        if (read < 0)
            return false;
        if (read == 0)
            return device->atEnd();
        addData(QByteArrayView(buffer.constData(), qsizetype(read)));
    }
}

QByteArray Sha256::result()
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context.get(), reinterpret_cast<unsigned char*>(digest.data()), &length);
    reset();
    return digest;
}

QString Sha256::hex()
{
    return QString::fromLatin1(result().toHex());
}

QByteArray Sha256::hash(QByteArrayView bytes)
{
    Sha256 sha256;
    sha256.addData(bytes);
    return sha256.result();
}

QString Sha256::hexOf(QByteArrayView bytes)
{
    return QString::fromLatin1(hash(bytes).toHex());
}
