// Options a command cannot do without: their value, or "--NAME is required." as a usage error.

#include "requiredoption.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRequiredOption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void required_data();
    void required();
};

void TestRequiredOption::required_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("value");

    QTest::newRow("given") << QStringList{u"--app"_s, u"demo"_s} << true << u"demo"_s;
    QTest::newRow("not given") << QStringList{} << false << QString();
    QTest::newRow("given empty") << QStringList{u"--app="_s} << false << QString();
    QTest::newRow("another option given") << QStringList{u"--channel"_s, u"beta"_s} << false << QString();
}

void TestRequiredOption::required()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, valid);
    QFETCH(QString, value);

    const QCommandLineOption app(u"app"_s, u"Application."_s, u"A"_s);
    QCommandLineParser parser;
    parser.addOptions({app, QCommandLineOption(u"channel"_s, u"Channel."_s, u"C"_s)});
    QVERIFY(parser.parse(QStringList{u"tool"_s} + arguments));
    const auto given = ::required(parser, app);
    QCOMPARE(given.has_value(), valid);
    if (valid) {
        QCOMPARE(*given, value);
    } else {
        QCOMPARE(given.error().code, Error::Code::Usage);
        QCOMPARE(given.error().message, u"--app is required."_s);
    }
}

QTEST_GUILESS_MAIN(TestRequiredOption)
#include "tst_requiredoption.moc"
