// The facts of a verified signer as check --json, the history and the window carry them: written
// with the keys and time format the README documents, read back equal, and refused field by field
// when a line was damaged.

#include "support/examplesigner.h"
#include "support/verify.h"
#include "trust/signerfacts.h"
#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kExampleJson
    = R"({"crl_next_update":"2026-06-19T08:00:00Z","crl_updated":"2026-05-20T08:00:00Z","fingerprint":"5A:1F:0B:9C:44:E2:7D:38:C1:06:AF:52:93:DE:68:0B:7E:21:F4:5C:8A:33:B9:D0:16:E7:4F:82:2C:A5:90:6D",)"
      R"("issuer":"CN=Example GmbH Release CA,O=Example GmbH","not_after":"2027-03-01T09:00:00Z",)"
      R"("not_before":"2026-03-01T09:00:00Z","publisher":"Example GmbH","serial":"3F9A0C21D4E85B7760A1F2C3B4D5E6F7",)"
      R"("signed_at":"2026-05-12T14:30:15Z","subject":"CN=build server,O=Example GmbH"})"_ba;

JsonValue parse(const QByteArray& text)
{
    auto value = JsonParser().parse(text);
    if (!value)
        qFatal("bad fixture: %s", qPrintable(value.error().message));
    return *value;
}

} // namespace

Q_DECLARE_METATYPE(SignerFacts)

class TestSignerFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writtenAsDocumented();
    void roundTrip_data();
    void roundTrip();
    void refused_data();
    void refused();
};

void TestSignerFacts::writtenAsDocumented()
{
    QCOMPARE(canonicalJson(exampleSigner().toJson()), kExampleJson);
}

void TestSignerFacts::roundTrip_data()
{
    QTest::addColumn<SignerFacts>("facts");

    QTest::newRow("example") << exampleSigner();
    SignerFacts local = exampleSigner();
    // A time made in another zone is written as UTC and read back as the same moment.
    local.signedAt = QDateTime(QDate(2026, 3, 1), QTime(13, 30, 15), QTimeZone(3600));
    QTest::newRow("time given with an offset") << local;
    SignerFacts unicode = exampleSigner();
    unicode.publisher = u"Müller & Söhne AG"_s;
    unicode.subject = u"CN=Laptop \"Jürgen\",O=Müller & Söhne AG"_s;
    QTest::newRow("names beyond ASCII, quotes") << unicode;
}

void TestSignerFacts::roundTrip()
{
    QFETCH(SignerFacts, facts);

    auto read = SignerFacts::fromJson(parse(canonicalJson(facts.toJson())));
    UPKEEP_VERIFY_OK(read);
    QVERIFY(*read == facts); // QDateTime compares moments
    QCOMPARE(read->signedAt.timeSpec(), Qt::UTC);
    QCOMPARE(canonicalJson(read->toJson()), canonicalJson(facts.toJson()));
}

void TestSignerFacts::refused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const auto without = [](const char* key) {
        JsonObject object = parse(kExampleJson).toObject();
        object.erase(key);
        return canonicalJson(object);
    };
    const auto with = [](const char* key, const JsonValue& value) {
        JsonObject object = parse(kExampleJson).toObject();
        object.insert_or_assign(key, value);
        return canonicalJson(object);
    };
    QTest::newRow("not an object") << "[]"_ba << u"signer: the document must be a JSON object"_s;
    QTest::newRow("no serial") << without("serial") << u"signer: serial is missing"_s;
    QTest::newRow("no publisher") << without("publisher") << u"signer: publisher is missing"_s;
    QTest::newRow("no signing time") << without("signed_at") << u"signer: signed_at is missing"_s;
    QTest::newRow("no CRL next update") << without("crl_next_update") << u"signer: crl_next_update is missing"_s;
    QTest::newRow("serial a number") << with("serial", JsonValue(qint64(42)))
                                     << u"signer: serial must be a string, not integer"_s;
    QTest::newRow("time without zone")
        << with("not_after", JsonValue("2027-01-05T09:00:00"))
        << u"signer: not_after must be a UTC time such as 2030-01-31T12:00:00Z, not \"2027-01-05T09:00:00\""_s;
    QTest::newRow("time not a date")
        << with("crl_updated", JsonValue("yesterday"))
        << u"signer: crl_updated must be a UTC time such as 2030-01-31T12:00:00Z, not \"yesterday\""_s;
}

void TestSignerFacts::refused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    auto facts = SignerFacts::fromJson(parse(json));
    QVERIFY2(!facts, "accepted");
    QCOMPARE(facts.error().message, message);
}

QTEST_GUILESS_MAIN(TestSignerFacts)
#include "tst_signerfacts.moc"
