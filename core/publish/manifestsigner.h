#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "publish/signingkey.h"
#include "trust/certificate.h"

#include <QCoreApplication>
#include <QDateTime>

#include <vector>

// Signs a release manifest the way the client and stock `openssl cms -verify` check it: a DER CMS
// SignedData, detached, SHA-256, one SignerInfo with signed contentType, messageDigest and
// signingTime, and the signer's certificate with `chain` (the CA certificate) inside.
class ManifestSigner
{
    Q_DECLARE_TR_FUNCTIONS(ManifestSigner)

public:
    // OpenSSL 3.0 makes no CMS signature with an ed25519 key, so `key` must be ECDSA P-256.
    static std::expected<QByteArray, Error> sign(QByteArrayView manifest, const Certificate& signer,
        const SigningKey& key, const std::vector<Certificate>& chain, const QDateTime& signingTime);
};
