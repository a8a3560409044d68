#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

class QIODevice;
struct evp_md_ctx_st;

// SHA-256 through OpenSSL's libcrypto, which uses the processor's SHA instructions where it has
// them: about ten times QCryptographicHash's speed, and every install and update hashes its tree.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void addData(QByteArrayView bytes);
    // Hashes what is left of `device`; false when it cannot be read to its end.
    [[nodiscard]] bool addData(QIODevice* device);
    // The 32 bytes of the digest of everything added since construction or reset(); the hash
    // then starts again empty.
    [[nodiscard]] QByteArray result();
    // result() in 64 lower-case hex digits, as manifests and TUF metadata write a sha256.
    [[nodiscard]] QString hex();
    void reset();

    [[nodiscard]] static QByteArray hash(QByteArrayView bytes);
    [[nodiscard]] static QString hexOf(QByteArrayView bytes);

private:
    struct ContextFree {
        void operator()(evp_md_ctx_st* context) const;
    };
    std::unique_ptr<evp_md_ctx_st, ContextFree> m_context;
};
