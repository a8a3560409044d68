// The strict JSON parser: what signed metadata may contain is read exactly, and everything that
// could let two readers disagree about a document is refused with a message naming the byte.

#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include "support/verify.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void keepsUnknownMembersForSigning();
    void limits_data();
    void limits();
};

void TestJsonParser::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("pretty-printed object") << "{\n  \"b\": 1,\n\t\"a\" : [ true, false, null ]\r\n}\n"_ba
                                           << R"({"a":[true,false,null],"b":1})"_ba;
    QTest::newRow("already canonical") << R"({"a":{"b":[]},"c":"d"})"_ba
                                       << R"({"a":{"b":[]},"c":"d"})"_ba;
    QTest::newRow("empty object") << "{}"_ba
                                  << "{}"_ba;
    QTest::newRow("empty array") << "[ ]"_ba
                                 << "[]"_ba;
    QTest::newRow("nested empty arrays") << "[[],[[]],[[[]]]]"_ba
                                         << "[[],[[]],[[[]]]]"_ba;
    QTest::newRow("bare integer") << " 42 "_ba
                                  << "42"_ba;
    QTest::newRow("zero") << "0"_ba
                          << "0"_ba;
    QTest::newRow("negative zero") << "-0"_ba
                                   << "0"_ba;
    QTest::newRow("negative") << "-17"_ba
                              << "-17"_ba;
    QTest::newRow("int64 max") << "9223372036854775807"_ba
                               << "9223372036854775807"_ba;
    QTest::newRow("int64 min") << "-9223372036854775808"_ba
                               << "-9223372036854775808"_ba;
    QTest::newRow("short escapes become raw bytes") << R"("\n\t\r\b\f\/")"_ba
                                                    << "\"\n\t\r\b\f/\""_ba;
    QTest::newRow("quote and backslash stay escaped") << R"("a\"b\\c")"_ba
                                                      << R"("a\"b\\c")"_ba;
    QTest::newRow("\\u escape to UTF-8") << R"("caf\u00e9 \u20AC")"_ba
                                         << "\"caf\xC3\xA9 \xE2\x82\xAC\""_ba;
    QTest::newRow("surrogate pair to one character") << R"("\ud83d\ude00")"_ba
                                                     << "\"\xF0\x9F\x98\x80\""_ba;
    QTest::newRow("\\u0000 kept") << R"("a\u0000b")"_ba << QByteArray("\"a\0b\"", 5);
    QTest::newRow("raw UTF-8") << "\"\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80\""_ba
                               << "\"\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80\""_ba;
    QTest::newRow("raw newline (canonical form)") << "\"line\nbreak\""_ba
                                                  << "\"line\nbreak\""_ba;
    QTest::newRow("keys sorted by code point") << "{\"\xC3\xA9\":1,\"z\":2,\"Z\":3}"_ba
                                               << "{\"Z\":3,\"z\":2,\"\xC3\xA9\":1}"_ba;
}

void TestJsonParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);

    const auto value = JsonParser().parse(input);
    UPKEEP_VERIFY_OK(value);
    QCOMPARE(canonicalJson(*value), canonical);
    // The canonical form reads back to the same value.
    const auto again = JsonParser().parse(canonical);
    QVERIFY(again.has_value());
    QCOMPARE(*again, *value);
}

void TestJsonParser::refuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    const auto invalid = Error::Code::InvalidInput;
    QTest::newRow("empty input") << ""_ba << invalid << u"at byte 0: unexpected end of data"_s;
    QTest::newRow("duplicate key") << R"({"version":1,"version":2})"_ba << invalid
                                   << u"at byte 13: duplicate key \"version\""_s;
    QTest::newRow("duplicate key, nested") << R"({"a":{"k":1,"k":1}})"_ba << invalid << u"duplicate key \"k\""_s;
    QTest::newRow("duplicate key by escape") << R"({"a":1,"\u0061":2})"_ba << invalid << u"duplicate key \"a\""_s;
    QTest::newRow("float") << "1.0"_ba << invalid << u"floating-point numbers are not allowed"_s;
    QTest::newRow("exponent") << "1e5"_ba << invalid << u"floating-point numbers are not allowed"_s;
    QTest::newRow("capital exponent") << R"({"length":1E5})"_ba << invalid
                                      << u"floating-point numbers are not allowed"_s;
    QTest::newRow("leading zero") << "012"_ba << invalid << u"leading zeros"_s;
    QTest::newRow("plus sign") << "+1"_ba << invalid << u"unexpected character"_s;
    QTest::newRow("lone minus") << "-"_ba << invalid << u"a digit is expected"_s;
    QTest::newRow("int64 max + 1") << "9223372036854775808"_ba << Error::Code::LimitExceeded
                                   << u"does not fit in 64 bits"_s;
    QTest::newRow("int64 min - 1") << "-9223372036854775809"_ba << Error::Code::LimitExceeded
                                   << u"does not fit in 64 bits"_s;
    QTest::newRow("overlong slash") << "\"\xC0\xAF\""_ba << invalid << u"invalid UTF-8"_s;
    QTest::newRow("overlong three bytes") << "\"\xE0\x80\xAF\""_ba << invalid << u"invalid UTF-8 (overlong"_s;
    QTest::newRow("lone continuation byte") << "\"\x80\""_ba << invalid << u"invalid UTF-8"_s;
    QTest::newRow("encoded surrogate") << "\"\xED\xA0\x80\""_ba << invalid << u"surrogate"_s;
    QTest::newRow("above U+10FFFF") << "\"\xF4\x90\x80\x80\""_ba << invalid << u"out of range"_s;
    QTest::newRow("truncated character") << "\"\xE2\x82\""_ba << invalid << u"invalid UTF-8"_s;
    QTest::newRow("Latin-1 byte") << "\"caf\xE9\""_ba << invalid << u"invalid UTF-8"_s;
    QTest::newRow("lone high surrogate escape") << R"("\ud800")"_ba << invalid << u"must be followed by a low one"_s;
    QTest::newRow("lone low surrogate escape") << R"("\udc00")"_ba << invalid << u"low surrogate without a high one"_s;
    QTest::newRow("short \\u escape") << R"("\u12")"_ba << invalid << u"four hex digits"_s;
    QTest::newRow("unknown escape") << R"("\x41")"_ba << invalid << u"unknown escape"_s;
    QTest::newRow("byte-order mark") << "\xEF\xBB\xBF{}"_ba << invalid << u"byte-order mark"_s;
    QTest::newRow("trailing data") << "{} {}"_ba << invalid << u"at byte 3: unexpected data after the end"_s;
    QTest::newRow("trailing comma in array") << "[1,]"_ba << invalid << u"unexpected character"_s;
    QTest::newRow("trailing comma in object") << R"({"a":1,})"_ba << invalid << u"a member name in quotes expected"_s;
    QTest::newRow("unterminated string") << R"({"a":"b)"_ba << invalid << u"unterminated string"_s;
    QTest::newRow("unterminated array") << "[1,2"_ba << invalid << u"unexpected end of data in an array"_s;
    QTest::newRow("unterminated object") << R"({"a":1)"_ba << invalid << u"unexpected end of data in an object"_s;
    QTest::newRow("single quotes") << "{'a':1}"_ba << invalid << u"a member name in quotes expected"_s;
    QTest::newRow("bare word") << "yes"_ba << invalid << u"unexpected character"_s;
    QTest::newRow("truncated literal") << "tru"_ba << invalid << u"unexpected character"_s;
    QTest::newRow("number as key") << "{1:2}"_ba << invalid << u"a member name in quotes expected"_s;
    QTest::newRow("missing colon") << R"({"a" 1})"_ba << invalid << u"':' expected"_s;
    QTest::newRow("comment") << "{} // signed"_ba << invalid << u"unexpected data after the end"_s;
}

void TestJsonParser::refuses()
{
    QFETCH(QByteArray, input);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const auto value = JsonParser().parse(input);
    QVERIFY2(!value.has_value(), value.has_value() ? canonicalJson(*value).constData() : "");
    UPKEEP_VERIFY_ERROR(value, code);
    QVERIFY2(value.error().message.startsWith(u"Invalid JSON at byte "_s), qPrintable(value.error().message));
    QVERIFY2(value.error().message.contains(message), qPrintable(value.error().message));
}

void TestJsonParser::keepsUnknownMembersForSigning()
{
    // A newer publisher may add fields we do not know; the signature covers them, so they must survive.
    const QByteArray signedPart = R"({"_type":"timestamp","version":3,"x-future":{"z":[1,{"y":null}]}})"_ba;
    const auto value = JsonParser().parse("{ \"signed\" : " + signedPart + ", \"signatures\": [] }");
    QVERIFY(value.has_value());
    const JsonValue* inner = value->find("signed");
    QVERIFY(inner);
    QCOMPARE(canonicalJson(*inner), signedPart);
}

void TestJsonParser::limits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("message");

    const JsonLimits limits{.maxBytes = 1000, .maxDepth = 8};
    auto nested = [](int depth, char open, char close) { return QByteArray(depth, open) + QByteArray(depth, close); };
    QTest::newRow("arrays at the depth limit") << nested(limits.maxDepth, '[', ']') << true << QString();
    QTest::newRow("arrays past the depth limit")
        << nested(limits.maxDepth + 1, '[', ']') << false << u"nested deeper than 8 levels"_s;
    QByteArray objects;
    for (int i = 0; i <= limits.maxDepth; ++i)
        objects += R"({"a":)";
    objects += "1" + QByteArray(limits.maxDepth + 1, '}');
    QTest::newRow("objects past the depth limit") << objects << false << u"nested deeper than 8 levels"_s;
    const QByteArray padding(limits.maxBytes - 2, ' ');
    QTest::newRow("size at the limit") << "[" + padding + "]" << true << QString();
    QTest::newRow("size past the limit") << "[" + padding + " ]" << false
                                         << u"The JSON document is 1001 bytes long; at most 1000 bytes are accepted."_s;
}

void TestJsonParser::limits()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, accepted);
    QFETCH(QString, message);

    const auto value = JsonParser(JsonLimits{.maxBytes = 1000, .maxDepth = 8}).parse(input);
    QCOMPARE(value.has_value(), accepted);
    if (!accepted) {
        UPKEEP_VERIFY_ERROR(value, Error::Code::LimitExceeded);
        QVERIFY2(value.error().message.contains(message), qPrintable(value.error().message));
    }
}

QTEST_GUILESS_MAIN(TestJsonParser)
#include "tst_jsonparser.moc"
