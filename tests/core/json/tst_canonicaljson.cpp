// Canonical JSON as TUF and securesystemslib define it: the bytes a signature covers. Any
// difference from other implementations here means signatures that fail between clients.

#include "json/canonicaljson.h"

#include "support/verify.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

class TestCanonicalJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodes_data();
    void encodes();
};

void TestCanonicalJson::encodes_data()
{
    QTest::addColumn<JsonValue>("value");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("null") << JsonValue() << "null"_ba;
    QTest::newRow("true") << JsonValue(true) << "true"_ba;
    QTest::newRow("false") << JsonValue(false) << "false"_ba;
    QTest::newRow("zero") << JsonValue(0) << "0"_ba;
    QTest::newRow("negative") << JsonValue(-42) << "-42"_ba;
    QTest::newRow("int64 max") << JsonValue(std::numeric_limits<qint64>::max()) << "9223372036854775807"_ba;
    QTest::newRow("int64 min") << JsonValue(std::numeric_limits<qint64>::min()) << "-9223372036854775808"_ba;
    QTest::newRow("empty string") << JsonValue("") << R"("")"_ba;
    QTest::newRow("empty object") << JsonValue(JsonObject{}) << "{}"_ba;
    QTest::newRow("empty array") << JsonValue(JsonArray{}) << "[]"_ba;
    QTest::newRow("object of empties") << JsonValue(JsonObject{{"a", JsonObject{}}, {"b", JsonArray{}}})
                                       << R"({"a":{},"b":[]})"_ba;
    QTest::newRow("nested arrays") << JsonValue(
        JsonArray{JsonArray{}, JsonArray{JsonArray{}}, JsonArray{1, JsonArray{2, JsonArray{3}}}})
                                   << "[[],[[]],[1,[2,[3]]]]"_ba;
    QTest::newRow("array order kept") << JsonValue(JsonArray{3, 1, 2}) << "[3,1,2]"_ba;
    QTest::newRow("keys sorted, capitals first")
        << JsonValue(JsonObject{{"b", 1}, {"a", 2}, {"A", 3}, {"_type", 4}}) << R"({"A":3,"_type":4,"a":2,"b":1})"_ba;
    QTest::newRow("keys sorted as bytes, not by length")
        << JsonValue(JsonObject{{"ab", 1}, {"b", 2}, {"a", 3}}) << R"({"a":3,"ab":1,"b":2})"_ba;
    // U+FF5E sorts before U+1F600 by code point; by UTF-16 unit (0xFF5E vs 0xD83D) it would sort after.
    QTest::newRow("keys sorted by code point, not UTF-16")
        << JsonValue(JsonObject{{"\xF0\x9F\x98\x80", 1}, {"\xEF\xBD\x9E", 2}, {"\xC3\xA9", 3}, {"z", 4}})
        << "{\"z\":4,\"\xC3\xA9\":3,\"\xEF\xBD\x9E\":2,\"\xF0\x9F\x98\x80\":1}"_ba;
    QTest::newRow("quote and backslash escaped") << JsonValue(R"(say "hi" \o/)") << R"("say \"hi\" \\o/")"_ba;
    QTest::newRow("newline and tab raw") << JsonValue("a\nb\tc\r") << "\"a\nb\tc\r\""_ba;
    QTest::newRow("control characters raw")
        << JsonValue(std::string("\x01\x1f\0", 3)) << QByteArray("\"\x01\x1f\0\"", 5);
    QTest::newRow("slash not escaped") << JsonValue("a/b") << R"("a/b")"_ba;
    QTest::newRow("unicode raw UTF-8") << JsonValue(u"Grüße, 日本 😀"_s)
                                       << "\"Gr\xC3\xBC\xC3\x9F"
                                          "e, \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80\""_ba;
    QTest::newRow("escaped key") << JsonValue(JsonObject{{"a\"b", true}}) << R"({"a\"b":true})"_ba;
    QTest::newRow("TUF public key") << JsonValue(JsonObject{
        {"keytype", "ed25519"},
        {"scheme", "ed25519"},
        {"keyval", JsonObject{{"public", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}}},
    }) << R"({"keytype":"ed25519","keyval":{"public":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"},"scheme":"ed25519"})"_ba;
    QTest::newRow("TUF timestamp") << JsonValue(JsonObject{
        {"_type", "timestamp"},
        {"spec_version", "1.0.31"},
        {"version", 7},
        {"expires", "2030-01-01T00:00:00Z"},
        {"meta", JsonObject{{"snapshot.json", JsonObject{{"version", 7}, {"length", 515}}}}},
    }) << R"({"_type":"timestamp","expires":"2030-01-01T00:00:00Z","meta":{"snapshot.json":{"length":515,"version":7}},"spec_version":"1.0.31","version":7})"_ba;
}

void TestCanonicalJson::encodes()
{
    QFETCH(JsonValue, value);
    QFETCH(QByteArray, canonical);

    QCOMPARE(canonicalJson(value), canonical);
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
