#pragma once

// The facts of one verified signer, the same in every test that stores, prints or shows them.

#include "trust/signerfacts.h"

[[nodiscard]] inline SignerFacts exampleSigner()
{
    SignerFacts facts;
    facts.publisher = QStringLiteral("Example GmbH");
    facts.subject = QStringLiteral("CN=build server,O=Example GmbH");
    facts.issuer = QStringLiteral("CN=Example GmbH Release CA,O=Example GmbH");
    facts.serial = QStringLiteral("3F8A0C11D2E4B5A6978812340000ABCD");
    facts.notBefore = QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
    facts.notAfter = QDateTime(QDate(2027, 1, 5), QTime(9, 0), Qt::UTC);
    facts.fingerprint = QStringLiteral("AB:CD:EF:01");
    facts.signedAt = QDateTime(QDate(2026, 3, 1), QTime(12, 30, 15), Qt::UTC);
    facts.crlUpdated = QDateTime(QDate(2026, 2, 20), QTime(0, 0), Qt::UTC);
    facts.crlNextUpdate = QDateTime(QDate(2026, 3, 22), QTime(0, 0), Qt::UTC);
    return facts;
}
