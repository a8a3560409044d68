// A file of one JSON object per line, as history and journal keep them: appended a whole line at a
// time, read back without the line a crash tore, and without lines that are not JSON objects.

#include "support/testfiles.h"
#include "support/verify.h"
#include "json/jsonlines.h"
#include "json/jsonparser.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendedLinesComeBack();
    void controlCharactersStayOnOneLine();
    void read_data();
    void read();
    void noFileIsNoLines();
};

void TestJsonLines::appendedLinesComeBack()
{
    QTemporaryDir dir;
    const JsonLines file(dir.filePath(u"log.jsonl"_s));
    UPKEEP_VERIFY_OK(file.append(JsonObject{{"n", 1}}));
    UPKEEP_VERIFY_OK(file.append(JsonObject{{"n", 2}, {"text", "b"}}));
    QCOMPARE(readTestFile(dir.filePath(u"log.jsonl"_s)), "{\"n\":1}\n{\"n\":2,\"text\":\"b\"}\n"_ba);
    auto lines = file.read({});
    UPKEEP_VERIFY_OK(lines);
    QCOMPARE(lines->size(), size_t(2));
    QCOMPARE((*lines)[1].number, 2);
    QCOMPARE((*lines)[1].value.find("text")->toString(), u"b"_s);
}

void TestJsonLines::controlCharactersStayOnOneLine()
{
    const QString text = u"first\nsecond\r\tthird\u0001"_s;
    const QByteArray line = JsonLines::line(JsonObject{{"output", text}});
    QVERIFY(!line.contains('\n') && !line.contains('\r') && !line.contains('\t') && !line.contains('\x01'));
    auto parsed = JsonParser().parse(line);
    UPKEEP_VERIFY_OK(parsed);
    QCOMPARE(parsed->find("output")->toString(), text);
}

void TestJsonLines::read_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QList<int>>("kept");    // line numbers read back
    QTest::addColumn<QList<int>>("damaged"); // line numbers told as damaged
    QTest::newRow("whole lines") << "{\"a\":1}\n{\"a\":2}\n"_ba << QList<int>{1, 2} << QList<int>{};
    QTest::newRow("the last line torn by a crash")
        << "{\"a\":1}\n{\"a\":2}\n{\"a\":"_ba << QList<int>{1, 2} << QList<int>{};
    QTest::newRow("a whole last line without its newline")
        << "{\"a\":1}\n{\"a\":2}"_ba << QList<int>{1} << QList<int>{};
    QTest::newRow("a damaged line in the middle")
        << "{\"a\":1}\n{\"a\n{\"a\":3}\n"_ba << QList<int>{1, 3} << QList<int>{2};
    QTest::newRow("JSON that is no object") << "[1]\n{\"a\":2}\n\"x\"\n"_ba << QList<int>{2} << QList<int>{1, 3};
    QTest::newRow("empty lines") << "\n{\"a\":2}\n\n"_ba << QList<int>{2} << QList<int>{};
    QTest::newRow("an empty file") << QByteArray() << QList<int>{} << QList<int>{};
}

void TestJsonLines::read()
{
    QFETCH(QByteArray, content);
    QFETCH(QList<int>, kept);
    QFETCH(QList<int>, damaged);
    QTemporaryDir dir;
    writeTestFile(dir.filePath(u"log.jsonl"_s), content);
    QList<int> told;
    auto lines = JsonLines(dir.filePath(u"log.jsonl"_s)).read([&](int number) { told.append(number); });
    UPKEEP_VERIFY_OK(lines);
    QList<int> read;
    for (const JsonLines::Line& line : *lines)
        read.append(line.number);
    QCOMPARE(read, kept);
    QCOMPARE(told, damaged);
}

void TestJsonLines::noFileIsNoLines()
{
    QTemporaryDir dir;
    auto lines = JsonLines(dir.filePath(u"none.jsonl"_s)).read({});
    UPKEEP_VERIFY_OK(lines);
    QVERIFY(lines->empty());
}

QTEST_GUILESS_MAIN(TestJsonLines)
#include "tst_jsonlines.moc"
