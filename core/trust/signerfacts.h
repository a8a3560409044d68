#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QDateTime>
#include <QString>

// Who signed a release, as Upkeep verified it and tells the user: the facts of the signer's
// certificate and of the revocation list it was checked against, as plain values that the window,
// `check --json` and the history carry without touching OpenSSL.
struct SignerFacts {
    QString publisher;   // the organisation the repository's publisher CA names (root metadata)
    QString subject;     // the signer certificate's subject, RFC 2253 ("CN=build server,O=Example GmbH")
    QString issuer;      // its issuer, the same way
    QString serial;      // upper-case hexadecimal without separators, as `openssl x509 -serial` prints it
    QDateTime notBefore; // UTC
    QDateTime notAfter;  // UTC
    QString fingerprint; // SHA-256 of the certificate's DER, upper-case hex pairs joined by ':'
    QDateTime signedAt;  // the CMS signing time, UTC
    QDateTime crlUpdated;    // thisUpdate of the revocation list the signature was checked against
    QDateTime crlNextUpdate; // its nextUpdate

    // {"publisher", "subject", "issuer", "serial", "not_before", "not_after", "fingerprint",
    //  "signed_at", "crl_updated", "crl_next_update"}; times as ISO 8601 UTC with a Z.
    [[nodiscard]] JsonValue toJson() const;
    static std::expected<SignerFacts, Error> fromJson(const JsonValue& json);

    friend bool operator==(const SignerFacts&, const SignerFacts&) = default;
};
