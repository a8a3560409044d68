// libFuzzer target for the client's publisher identity checks, which read bytes a mirror (or a
// publisher's stolen signer key) chooses. The first byte picks what the rest is:
//   0: a manifest signature, checked by PublisherCheck::verifyManifest over a fixed manifest
//      against FuzzIdentity's anchor and revocation list;
//   1: a revocation list, checked by PublisherCheck::acceptRevocationList (bit 2 of the first byte:
//      with the fixed list as the one already trusted), and read entry by entry;
//   2: a certificate, DER and PEM;
//   3: a history's "signer" JSON, read by SignerFacts::fromJson.
// Every refusal is a sentence that names the publisher; what is accepted must also pass OpenSSL's
// own checks against the anchor, and whatever parses must write itself back to what parses the same.

#include "fuzzcheck.h"
#include "fuzzidentity.h"

#include "trust/opensslhandles.h"
#include "trust/publishercheck.h"
#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cstddef>
#include <cstdint>

namespace {

const FuzzIdentity& identity()
{
    static const FuzzIdentity fixed;
    return fixed;
}

const PublisherCheck& check()
{
    static const PublisherCheck fixed(identity().anchor());
    return fixed;
}

void checkRefusal(const Error& error)
{
    FUZZ_CHECK(!error.message.isEmpty());
    FUZZ_CHECK(error.message.contains(identity().anchor().name), qPrintable(error.message));
}

// Upper-case hex in whole bytes, a minus in front of a negative one, as `openssl x509 -serial` prints it.
bool isSerial(QStringView serial)
{
    if (serial.startsWith(u'-'))
        serial = serial.sliced(1);
    if (serial.isEmpty() || serial.size() % 2 != 0)
        return false;
    for (const QChar c : serial) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return true;
}

// OpenSSL's own `cms -verify -purpose any` at the signing time: the signature is over the manifest and
// its signer chains to the anchor; the signer is not in the revocation list.
void checkAcceptedSignature(QByteArrayView signature, const SignerFacts& facts)
{
    const FuzzIdentity& fixed = identity();
    FUZZ_CHECK(facts.publisher == fixed.anchor().name);
    FUZZ_CHECK(isSerial(facts.serial), qPrintable(facts.serial));
    FUZZ_CHECK(
        facts.signedAt.isValid() && facts.signedAt <= FuzzIdentity::now().addSecs(PublisherCheck::kClockSkewSeconds));
    FUZZ_CHECK(facts.notBefore <= facts.signedAt && facts.signedAt <= facts.notAfter);
    FUZZ_CHECK(facts.crlUpdated == fixed.revocationList().thisUpdate());
    FUZZ_CHECK(facts.crlNextUpdate == fixed.revocationList().nextUpdate());
    FUZZ_CHECK(!fixed.revocationList().revocation(facts.serial));

    const auto* start = reinterpret_cast<const unsigned char*>(signature.data());
    CmsHandle cms(d2i_CMS_ContentInfo(nullptr, &start, long(signature.size())));
    FUZZ_CHECK(cms != nullptr);
    X509StoreHandle store(X509_STORE_new());
    FUZZ_CHECK(store && X509_STORE_add_cert(store.get(), fixed.authority().certificate().x509()) == 1);
    X509_VERIFY_PARAM* parameters = X509_STORE_get0_param(store.get());
    X509_VERIFY_PARAM_set_time(parameters, time_t(facts.signedAt.toSecsSinceEpoch()));
    X509_VERIFY_PARAM_set_purpose(parameters, X509_PURPOSE_ANY);
    const QByteArray manifest = FuzzIdentity::manifest();
    BioHandle content(BIO_new_mem_buf(manifest.constData(), int(manifest.size())));
    const int verified = CMS_verify(cms.get(), nullptr, store.get(), content.get(), nullptr, CMS_BINARY | CMS_DETACHED);
    FUZZ_CHECK(verified == 1, takeOpenSslError().constData());
    X509StackHandle signers(CMS_get0_signers(cms.get()));
    FUZZ_CHECK(signers && sk_X509_num(signers.get()) == 1);
    X509* leaf = sk_X509_value(signers.get(), 0);
    X509_REVOKED* entry = nullptr;
    FUZZ_CHECK(X509_CRL_get0_by_serial(fixed.revocationList().crl(), &entry, X509_get0_serialNumber(leaf)) == 0);
    ERR_clear_error();
}

void fuzzSignature(QByteArrayView signature)
{
    const auto facts = check().verifyManifest(FuzzIdentity::manifest(), signature, identity().revocationList(),
        FuzzIdentity::now(), FuzzIdentity::manifestPath());
    if (!facts) {
        checkRefusal(facts.error());
        return;
    }
    checkAcceptedSignature(signature, *facts);
    // What the history keeps of it reads back the same.
    const auto reread = SignerFacts::fromJson(facts->toJson());
    FUZZ_CHECK(reread.has_value(), qPrintable(reread.error().message));
    FUZZ_CHECK(*reread == *facts);
}

// Every entry is found by its serial, and every serial is written as Certificate::serial() writes one.
void checkEntries(const RevocationList& list)
{
    for (const RevocationList::Revocation& entry : list.entries()) {
        FUZZ_CHECK(isSerial(entry.serial), qPrintable(entry.serial));
        const auto found = list.revocation(entry.serial);
        FUZZ_CHECK(found.has_value(), qPrintable(entry.serial));
        FUZZ_CHECK(found->serial == entry.serial);
        FUZZ_CHECK(!RevocationList::toString(entry.reason).isEmpty());
    }
    (void)list.number();
    (void)list.issuer();
}

void fuzzRevocationList(QByteArrayView der, bool withTrusted)
{
    const FuzzIdentity& fixed = identity();
    if (const auto parsed = RevocationList::fromDer(der)) {
        checkEntries(*parsed);
        const auto again = RevocationList::fromDer(parsed->der());
        FUZZ_CHECK(again.has_value() && again->der() == parsed->der());
    }
    std::optional<RevocationList> trusted;
    if (withTrusted)
        trusted = fixed.revocationList();
    const auto accepted = check().acceptRevocationList(der, trusted, FuzzIdentity::now());
    if (!accepted) {
        checkRefusal(accepted.error());
        return;
    }
    FUZZ_CHECK(accepted->der() == der.toByteArray());
    FUZZ_CHECK(accepted->checkSignedBy(fixed.authority().certificate()).has_value());
    FUZZ_CHECK(accepted->number().has_value());
    if (trusted)
        FUZZ_CHECK(*accepted->number() >= *trusted->number());
    const QDateTime now = FuzzIdentity::now();
    FUZZ_CHECK(
        accepted->thisUpdate().isValid() && accepted->thisUpdate() <= now.addSecs(PublisherCheck::kClockSkewSeconds));
    FUZZ_CHECK(accepted->nextUpdate().isValid() && accepted->nextUpdate() > now);
    // OpenSSL's own reading of the same bytes: signed by the anchor's key.
    const auto* start = reinterpret_cast<const unsigned char*>(der.data());
    X509CrlHandle crl(d2i_X509_CRL(nullptr, &start, long(der.size())));
    FUZZ_CHECK(crl != nullptr);
    FUZZ_CHECK(X509_CRL_verify(crl.get(), X509_get0_pubkey(fixed.authority().certificate().x509())) == 1);
    ERR_clear_error();
}

void checkCertificate(const Certificate& certificate)
{
    const QString serial = certificate.serial();
    if (!serial.isEmpty())
        FUZZ_CHECK(isSerial(serial), qPrintable(serial));
    FUZZ_CHECK(certificate.fingerprint().size() == 32 * 3 - 1);
    (void)certificate.subject();
    (void)certificate.issuer();
    (void)certificate.organization();
    (void)certificate.commonName();
    (void)certificate.notBefore();
    (void)certificate.notAfter();
    const auto fromDer = Certificate::fromDer(certificate.der());
    FUZZ_CHECK(fromDer.has_value(), qPrintable(fromDer.error().message));
    FUZZ_CHECK(*fromDer == certificate);
    const auto fromPem = Certificate::fromPem(certificate.pem());
    FUZZ_CHECK(fromPem.has_value(), qPrintable(fromPem.error().message));
    FUZZ_CHECK(*fromPem == certificate);
}

void fuzzCertificate(QByteArrayView bytes)
{
    if (const auto certificate = Certificate::fromDer(bytes)) {
        FUZZ_CHECK(!certificate->der().isEmpty());
        checkCertificate(*certificate);
    } else {
        FUZZ_CHECK(!certificate.error().message.isEmpty());
    }
    if (const auto certificate = Certificate::fromPem(bytes))
        checkCertificate(*certificate);
    else
        FUZZ_CHECK(!certificate.error().message.isEmpty());
}

void fuzzSignerFacts(QByteArrayView json)
{
    const auto parsed = JsonParser().parse(json);
    if (!parsed)
        return;
    const auto facts = SignerFacts::fromJson(*parsed);
    if (!facts) {
        FUZZ_CHECK(!facts.error().message.isEmpty());
        return;
    }
    // Written and read again, the facts stay what they were written as.
    const JsonValue written = facts->toJson();
    const auto reread = JsonParser().parse(canonicalJson(written));
    FUZZ_CHECK(reread.has_value());
    const auto again = SignerFacts::fromJson(*reread);
    FUZZ_CHECK(again.has_value(), qPrintable(again.error().message));
    FUZZ_CHECK(again->toJson() == written);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return -1;
    const QByteArrayView rest(data + 1, qsizetype(size - 1));
    switch (data[0] & 3) {
    case 0: fuzzSignature(rest); break;
    case 1: fuzzRevocationList(rest, (data[0] & 4) != 0); break;
    case 2: fuzzCertificate(rest); break;
    case 3: fuzzSignerFacts(rest); break;
    }
    return 0;
}
