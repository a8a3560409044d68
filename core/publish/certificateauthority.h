#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "publish/signingkey.h"
#include "trust/certificate.h"
#include "trust/revocationlist.h"

#include <QCoreApplication>
#include <QDateTime>

#include <vector>

// The publisher's certificate authority, kept offline with the root keys: it makes its own
// self-signed certificate, issues code-signing certificates to release signers and signs the
// revocation list that withdraws them. Every certificate and list it makes is what the client
// (PublisherCheck) and stock `openssl verify` accept.
class CertificateAuthority
{
    Q_DECLARE_TR_FUNCTIONS(CertificateAuthority)

public:
    static constexpr int kCaDays = 3650;
    static constexpr int kSignerDays = 365;
    static constexpr int kRevocationListDays = 30;

    // A self-signed CA certificate "O=<organization>, CN=<organization> Release CA" for `key`:
    // basicConstraints critical CA:TRUE pathlen:0, keyUsage critical keyCertSign and cRLSign, key identifiers.
    static std::expected<Certificate, Error> create(
        const SigningKey& key, const QString& organization, const QDateTime& now, int days = kCaDays);

    // `key` must be the private key of `certificate`; issue() and revocationList() refuse otherwise.
    CertificateAuthority(Certificate certificate, SigningKey key);

    [[nodiscard]] const Certificate& certificate() const { return m_certificate; }

    // A code-signing certificate "O=<the CA's organization>, CN=<signerName>" for `signerKey` with a random
    // positive 128-bit serial: CA:FALSE, digitalSignature, codeSigning, key identifiers.
    [[nodiscard]] std::expected<Certificate, Error> issue(const PublicKey& signerKey, const QString& signerName,
        const QDateTime& notBefore, int days = kSignerDays) const;
    // An X.509 v2 list of `revoked` (a reasonCode each) with crlNumber `number`, the CA's key identifier,
    // thisUpdate `thisUpdate` and nextUpdate `days` later.
    [[nodiscard]] std::expected<RevocationList, Error> revocationList(
        const std::vector<RevocationList::Revocation>& revoked, quint64 number, const QDateTime& thisUpdate,
        int days = kRevocationListDays) const;

private:
    [[nodiscard]] std::expected<void, Error> checkKey() const;

    Certificate m_certificate;
    SigningKey m_key;
};
