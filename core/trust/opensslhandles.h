#pragma once

// Owning handles for the OpenSSL objects the trust code uses, so that no path leaks one.
// Private to core/trust: public headers only forward-declare EVP_PKEY.

#include <QByteArray>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

template <auto FreeFunction> struct OpenSslDeleter {
    template <typename T> void operator()(T* p) const { FreeFunction(p); }
};

using EvpPkeyHandle = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using EvpPkeyCtxHandle = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using EvpMdCtxHandle = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using BioHandle = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using EcdsaSigHandle = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG_free>>;
using Pkcs8InfoHandle = std::unique_ptr<PKCS8_PRIV_KEY_INFO, OpenSslDeleter<PKCS8_PRIV_KEY_INFO_free>>;
using X509SigHandle = std::unique_ptr<X509_SIG, OpenSslDeleter<X509_SIG_free>>;

// A shared, immutable key: PublicKey and SigningKey are cheap to copy.
inline std::shared_ptr<EVP_PKEY> shareKey(EvpPkeyHandle key)
{
    return std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
}

// The newest entry of OpenSSL's error queue as text (for the debug log), and the queue emptied.
QByteArray takeOpenSslError();
