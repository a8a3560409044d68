#pragma once

// The facts of one verified signer, the same in every test that stores, prints or shows them.

#include "trust/signerfacts.h"

[[nodiscard]] inline SignerFacts exampleSigner()
{
    SignerFacts facts;
    facts.publisher = QStringLiteral("Example GmbH");
    facts.subject = QStringLiteral("CN=build server,O=Example GmbH");
    facts.issuer = QStringLiteral("CN=Example GmbH Release CA,O=Example GmbH");
    facts.serial = QStringLiteral("3F9A0C21D4E85B7760A1F2C3B4D5E6F7");
    facts.notBefore = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    facts.notAfter = QDateTime(QDate(2027, 3, 1), QTime(9, 0), Qt::UTC);
    facts.fingerprint = QStringLiteral("5A:1F:0B:9C:44:E2:7D:38:C1:06:AF:52:93:DE:68:0B:"
                                       "7E:21:F4:5C:8A:33:B9:D0:16:E7:4F:82:2C:A5:90:6D");
    facts.signedAt = QDateTime(QDate(2026, 5, 12), QTime(14, 30, 15), Qt::UTC);
    facts.crlUpdated = QDateTime(QDate(2026, 5, 20), QTime(8, 0), Qt::UTC);
    facts.crlNextUpdate = QDateTime(QDate(2026, 6, 19), QTime(8, 0), Qt::UTC);
    return facts;
}
