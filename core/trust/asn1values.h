#pragma once

// The ASN.1 values of certificates and revocation lists as Qt values, written the way Upkeep shows
// them everywhere: serials in upper-case hex as `openssl x509 -serial` prints them, names in RFC
// 2253 with UTF-8 kept, times in UTC. Private to the trust and publishing code.

#include "trust/opensslhandles.h"

#include <QDateTime>
#include <QString>

[[nodiscard]] QDateTime fromAsn1Time(const ASN1_TIME* time);
// UTCTime up to 2049 and GeneralizedTime after, as RFC 5280 wants; null for an invalid time.
[[nodiscard]] Asn1TimeHandle toAsn1Time(const QDateTime& time);
[[nodiscard]] QString serialText(const ASN1_INTEGER* serial);
// The serial of `text` (hex, any case, optional ':' separators), or null when it is not one.
[[nodiscard]] Asn1IntegerHandle serialFromText(const QString& text);
[[nodiscard]] QString nameText(const X509_NAME* name);
// The value of the first `nid` entry (O, CN, ...) of `name`, or an empty string.
[[nodiscard]] QString nameEntry(const X509_NAME* name, int nid);
