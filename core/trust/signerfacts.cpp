#include "signerfacts.h"

#include "json/fieldreader.h"

namespace {

QString writeTime(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

JsonValue SignerFacts::toJson() const
{
    return JsonObject{
        {"publisher", publisher},
        {"subject", subject},
        {"issuer", issuer},
        {"serial", serial},
        {"not_before", writeTime(notBefore)},
        {"not_after", writeTime(notAfter)},
        {"fingerprint", fingerprint},
        {"signed_at", writeTime(signedAt)},
        {"crl_updated", writeTime(crlUpdated)},
        {"crl_next_update", writeTime(crlNextUpdate)},
    };
}

std::expected<SignerFacts, Error> SignerFacts::fromJson(const JsonValue& json)
{
    FieldReader reader(json, QStringLiteral("signer"), {});
    SignerFacts facts;
    facts.publisher = reader.string("publisher");
    facts.subject = reader.string("subject");
    facts.issuer = reader.string("issuer");
    facts.serial = reader.string("serial");
    facts.notBefore = reader.time("not_before");
    facts.notAfter = reader.time("not_after");
    facts.fingerprint = reader.string("fingerprint");
    facts.signedAt = reader.time("signed_at");
    facts.crlUpdated = reader.time("crl_updated");
    facts.crlNextUpdate = reader.time("crl_next_update");
    if (!reader.ok())
        return std::unexpected(reader.error());
    return facts;
}
