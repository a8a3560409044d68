// Numeric options: what the command line accepts as a whole number, what it refuses with the option's
// own sentence, and the fallback when the option is not given.

#include "numberoption.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

class TestNumberOption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void value_data();
    void value();
};

void TestNumberOption::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("maximum");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("number");

    constexpr int low = std::numeric_limits<int>::min();
    constexpr int high = std::numeric_limits<int>::max();
    QTest::newRow("a number") << u"7"_s << low << high << true << 7;
    QTest::newRow("zero") << u"0"_s << low << high << true << 0;
    QTest::newRow("negative, left to the engine") << u"-1"_s << low << high << true << -1;
    QTest::newRow("with a plus") << u"+5"_s << low << high << true << 5;
    QTest::newRow("leading zeros are decimal") << u"010"_s << low << high << true << 10;
    QTest::newRow("the largest int") << u"2147483647"_s << low << high << true << high;
    QTest::newRow("the smallest int") << u"-2147483648"_s << low << high << true << low;
    QTest::newRow("beyond an int") << u"2147483648"_s << low << high << false << 0;
    QTest::newRow("below an int") << u"-2147483649"_s << low << high << false << 0;
    QTest::newRow("beyond any integer") << u"99999999999999999999"_s << low << high << false << 0;
    QTest::newRow("empty") << QString() << low << high << false << 0;
    QTest::newRow("a word") << u"seven"_s << low << high << false << 0;
    QTest::newRow("a percentage sign") << u"50%"_s << low << high << false << 0;
    QTest::newRow("a fraction") << u"1.5"_s << low << high << false << 0;
    QTest::newRow("hexadecimal") << u"0x10"_s << low << high << false << 0;
    QTest::newRow("spaces around, as the shell may leave them") << u" 7 "_s << low << high << true << 7;
    QTest::newRow("two numbers") << u"1 2"_s << low << high << false << 0;
    QTest::newRow("the lower bound") << u"1"_s << 1 << 366 << true << 1;
    QTest::newRow("the upper bound") << u"366"_s << 1 << 366 << true << 366;
    QTest::newRow("below the range") << u"0"_s << 1 << 366 << false << 0;
    QTest::newRow("above the range") << u"367"_s << 1 << 366 << false << 0;
}

void TestNumberOption::parse()
{
    QFETCH(QString, text);
    QFETCH(int, minimum);
    QFETCH(int, maximum);
    QFETCH(bool, valid);
    QFETCH(int, number);

    const QString misuse = u"--days takes a number of days from 1 to 366."_s;
    const NumberOption option(QCommandLineOption(u"days"_s, u"Days."_s, u"N"_s), misuse, minimum, maximum);
    const auto parsed = option.parse(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(*parsed, number);
    } else {
        QCOMPARE(parsed.error().code, Error::Code::Usage);
        QCOMPARE(parsed.error().message, misuse);
    }
}

void TestNumberOption::value_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("number");

    QTest::newRow("not given: the fallback") << QStringList{} << true << 30;
    QTest::newRow("given") << QStringList{u"--timeout"_s, u"12"_s} << true << 12;
    QTest::newRow("given as --name=value") << QStringList{u"--timeout=45"_s} << true << 45;
    QTest::newRow("given twice: the last") << QStringList{u"--timeout"_s, u"1"_s, u"--timeout"_s, u"2"_s} << true << 2;
    QTest::newRow("given empty") << QStringList{u"--timeout="_s} << false << 0;
    QTest::newRow("given a word") << QStringList{u"--timeout"_s, u"soon"_s} << false << 0;
    QTest::newRow("out of range") << QStringList{u"--timeout"_s, u"0"_s} << false << 0;
}

void TestNumberOption::value()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, valid);
    QFETCH(int, number);

    const NumberOption timeout(QCommandLineOption(u"timeout"_s, u"Seconds."_s, u"SECONDS"_s),
        u"--timeout takes a number of seconds."_s, 1, 3600);
    QCommandLineParser parser;
    parser.addOption(timeout.option());
    QVERIFY(parser.parse(QStringList{u"tool"_s} + arguments));
    const auto given = timeout.value(parser, 30);
    QCOMPARE(given.has_value(), valid);
    if (valid)
        QCOMPARE(*given, number);
    else
        QCOMPARE(given.error().message, u"--timeout takes a number of seconds."_s);
}

QTEST_GUILESS_MAIN(TestNumberOption)
#include "tst_numberoption.moc"
