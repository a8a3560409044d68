// JUnitReport: the XML is valid against a schema of the JUnit format as Ant and Jenkins write it
// (junit.xsd, checked with xmllint, which must be installed: scripts/setup installs libxml2-utils),
// whatever characters the results hold, and says what the results say.

#include "junitreport.h"

#include "support/verify.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

using Kind = TrialResult::Kind;

TrialResult trial(Kind kind, const QString& from, const QString& fault, bool passed, const QString& output = {})
{
    TrialResult result;
    result.kind = kind;
    result.from = from;
    result.to = u"1.5.0"_s;
    result.fault = fault;
    result.passed = passed;
    result.failure
        = passed ? QString() : u"The update from %1 under %2 did not finish.\nIt left 1.3.0."_s.arg(from, fault);
    result.milliseconds = 1234;
    result.output = output;
    return result;
}

JUnitReport::Options options()
{
    return {.app = u"tool"_s,
        .version = u"1.5.0"_s,
        .started = QDateTime(QDate(2026, 12, 7), QTime(13, 6, 20), QTimeZone(3600)),
        .hostname = u"builder"_s,
        .properties = {{u"channel"_s, u"stable"_s}, {u"seed"_s, u"4242"_s}}};
}

// xmllint's verdict on `xml` against junit.xsd: empty when valid, else what it said.
std::optional<QString> schemaProblem(const QByteArray& xml)
{
    const QString xmllint = QStandardPaths::findExecutable(u"xmllint"_s);
    if (xmllint.isEmpty())
        return u"xmllint is missing: install libxml2-utils (scripts/setup does)"_s;
    QTemporaryDir dir;
    const QString file = dir.filePath(u"report.xml"_s);
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(xml) != xml.size())
        return u"cannot write %1"_s.arg(file);
    out.close();
    QProcess process;
    process.start(xmllint, {u"--noout"_s, u"--schema"_s, QStringLiteral(UPKEEP_JUNIT_SCHEMA), file});
    if (!process.waitForFinished(30'000))
        return u"xmllint did not finish"_s;
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return std::nullopt;
    return QString::fromUtf8(process.readAllStandardError());
}

const QString kAwkward = u"He said \"stop\" & <left> 'now' → é 版本 \U0001F600\u001b[31mred\u001b[0m\u0000\u0007end"_s;

} // namespace

Q_DECLARE_METATYPE(std::vector<TrialResult>)

class TestJUnitReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xmllintIsInstalled()
    {
        // Not a skip: without xmllint the report's validity would go unchecked.
        QVERIFY2(!QStandardPaths::findExecutable(u"xmllint"_s).isEmpty(),
            "xmllint is missing: install libxml2-utils (scripts/setup does)");
    }

    void validAgainstTheSchema_data()
    {
        QTest::addColumn<std::vector<TrialResult>>("results");

        QTest::newRow("trials that passed") << std::vector{
            trial(Kind::Audit, {}, u"manifest"_s, true, u"tool/1.5.0/manifest.json: 1791 bytes"_s),
            trial(Kind::Update, u"1.3.0"_s, u"none"_s, true), trial(Kind::Kill, u"1.3.0"_s, u"kill at 4 ms"_s, true),
            trial(Kind::FreshInstall, {}, u"none"_s, true)};
        QTest::newRow("failures with output") << std::vector{trial(Kind::Audit, {}, u"bundle"_s, false),
            trial(Kind::Update, u"1.3.0"_s, u"dropped connection"_s, false, u"fetching…\nfailed\n"_s)};
        QTest::newRow("characters that need escaping")
            << std::vector{trial(Kind::Update, kAwkward, kAwkward, false, kAwkward),
                   trial(Kind::Scenario, {}, u"step 1: fault \"404\" <on> &mirror"_s, false)};
        QTest::newRow("an unpaired surrogate")
            << std::vector{trial(Kind::Update, u"1.3.0"_s, u"none"_s, false, u"half \xd83d of an emoji"_s)};
        QTest::newRow("no trials") << std::vector<TrialResult>{};
    }

    void validAgainstTheSchema()
    {
        QFETCH(std::vector<TrialResult>, results);
        const QByteArray xml = JUnitReport(results, options()).toXml();
        const auto problem = schemaProblem(xml);
        QVERIFY2(!problem, problem ? qPrintable(*problem + u"\n"_s + QString::fromUtf8(xml)) : "");
    }

    // The schema is no rubber stamp: documents that break the format fail it.
    void schemaRefusesWhatIsNotJUnit_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::newRow("a test case without a name")
            << R"(<testsuites><testsuite name="a" tests="1"><testcase classname="c"/></testsuite></testsuites>)"_ba;
        QTest::newRow("a suite without a count")
            << R"(<testsuites><testsuite name="a"><testcase name="n"/></testsuite></testsuites>)"_ba;
        QTest::newRow("a time that is no number")
            << R"(<testsuites><testsuite name="a" tests="1"><testcase name="n" time="fast"/></testsuite></testsuites>)"_ba;
        QTest::newRow("a failure outside a test case")
            << R"(<testsuites><testsuite name="a" tests="1"><failure message="m"/></testsuite></testsuites>)"_ba;
        QTest::newRow("skipped and failed at once")
            << R"(<testsuites><testsuite name="a" tests="1"><testcase name="n"><skipped/><failure/></testcase></testsuite></testsuites>)"_ba;
        QTest::newRow("a timestamp that is no date")
            << R"(<testsuites><testsuite name="a" tests="0" timestamp="yesterday"/></testsuites>)"_ba;
    }

    void schemaRefusesWhatIsNotJUnit()
    {
        QFETCH(QByteArray, xml);
        QVERIFY2(!QStandardPaths::findExecutable(u"xmllint"_s).isEmpty(), "xmllint is missing");
        QVERIFY(schemaProblem(xml).has_value());
    }

    void saysWhatTheResultsSay()
    {
        const std::vector<TrialResult> results{
            trial(Kind::Update, u"1.3.0"_s, u"none"_s, true),
            trial(Kind::Audit, {}, u"patches from 1.3.0"_s, false, u"2 patches."_s),
            trial(Kind::Update, u"1.3.0"_s, u"dropped connection"_s, false, u"fetching\n"_s),
            trial(Kind::FreshInstall, {}, u"none"_s, true),
        };
        QXmlStreamReader xml(JUnitReport(results, options()).toXml());
        QStringList suites, cases, classes, failures, outputs, properties;
        QXmlStreamAttributes top, firstSuite;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto name = xml.name();
            const QXmlStreamAttributes attributes = xml.attributes();
            if (name == u"testsuites"_s) {
                top = attributes;
            } else if (name == u"testsuite"_s) {
                if (suites.isEmpty())
                    firstSuite = attributes;
                suites.append(u"%1: %2 tests, %3 failed"_s.arg(attributes.value(u"name"_s).toString(),
                    attributes.value(u"tests"_s).toString(), attributes.value(u"failures"_s).toString()));
            } else if (name == u"property"_s && suites.size() == 1) {
                properties.append(
                    attributes.value(u"name"_s).toString() + u'=' + attributes.value(u"value"_s).toString());
            } else if (name == u"testcase"_s) {
                cases.append(attributes.value(u"name"_s).toString());
                classes.append(attributes.value(u"classname"_s).toString());
            } else if (name == u"failure"_s) {
                const QString message = attributes.value(u"message"_s).toString();
                failures.append(message + u" | "_s + xml.readElementText());
            } else if (name == u"system-out"_s) {
                outputs.append(xml.readElementText());
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(top.value(u"tests"_s), u"4"_s);
        QCOMPARE(top.value(u"failures"_s), u"2"_s);
        QCOMPARE(top.value(u"time"_s), u"4.936"_s);
        QCOMPARE(top.value(u"name"_s), u"upkeep-publish test tool 1.5.0"_s);
        // The repository's checks come first, as in the table.
        QCOMPARE(suites,
            (QStringList{u"repository: 1 tests, 1 failed"_s, u"1.3.0 → 1.5.0: 2 tests, 1 failed"_s,
                u"fresh install of 1.5.0: 1 tests, 0 failed"_s}));
        QCOMPARE(firstSuite.value(u"timestamp"_s), u"2026-12-07T13:06:20+01:00"_s);
        QCOMPARE(firstSuite.value(u"hostname"_s), u"builder"_s);
        QCOMPARE(firstSuite.value(u"time"_s), u"1.234"_s);
        QCOMPARE(firstSuite.value(u"errors"_s), u"0"_s);
        QCOMPARE(firstSuite.value(u"skipped"_s), u"0"_s);
        QCOMPARE(properties, (QStringList{u"app=tool"_s, u"version=1.5.0"_s, u"channel=stable"_s, u"seed=4242"_s}));
        QCOMPARE(cases, (QStringList{u"patches from 1.3.0"_s, u"none"_s, u"dropped connection"_s, u"none"_s}));
        // Jenkins takes what follows the last dot as the class: the earlier version's dots must not be dots.
        QCOMPARE(classes,
            (QStringList{u"tool 1.5.0.repository"_s, u"tool 1.5.0.from 1\u20243\u20240"_s,
                u"tool 1.5.0.from 1\u20243\u20240"_s, u"tool 1.5.0.fresh install"_s}));
        QCOMPARE(failures,
            (QStringList{
                u"The update from under patches from 1.3.0 did not finish. It left 1.3.0. | repository, "
                "patches from 1.3.0: The update from  under patches from 1.3.0 did not finish.\nIt left 1.3.0."_s,
                u"The update from 1.3.0 under dropped connection did not finish. It left 1.3.0. | 1.3.0 → 1.5.0, "
                "dropped connection: The update from 1.3.0 under dropped connection did not finish.\nIt left 1.3.0."_s}));
        QCOMPARE(outputs, (QStringList{u"2 patches."_s, u"fetching\n"_s}));
    }

    void skippedPathsAreSkippedCases()
    {
        TrialResult skipped = trial(Kind::Update, u"1.0.0"_s, u"none"_s, true);
        skipped.skipped = true;
        skipped.output = u"1.0.0 → 1.5.0 is skipped: 1.5.0 accepts updates from 1.1.0 on."_s;
        const QByteArray xml
            = JUnitReport({trial(Kind::Update, u"1.3.0"_s, u"none"_s, true), skipped}, options()).toXml();
        QVERIFY2(!schemaProblem(xml), qPrintable(schemaProblem(xml).value_or(QString())));
        QVERIFY2(
            xml.contains(
                R"(<testsuites name="upkeep-publish test tool 1.5.0" tests="2" failures="0" errors="0" skipped="1")"),
            xml.constData());
        QVERIFY2(xml.contains("<skipped message=\"1.0.0 → 1.5.0 is skipped: 1.5.0 accepts updates from 1.1.0 on.\"/>"),
            xml.constData());
    }

    void awkwardTextComesBackIntact()
    {
        const std::vector<TrialResult> results{trial(Kind::Update, u"1.3.0"_s, kAwkward, false, kAwkward)};
        QXmlStreamReader xml(JUnitReport(results, options()).toXml());
        QString name, output;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"testcase"_s)
                name = xml.attributes().value(u"name"_s).toString();
            else if (xml.name() == u"system-out"_s)
                output = xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // Everything XML can hold comes back as it was; control characters as their pictures.
        const QString expected
            = u"He said \"stop\" & <left> 'now' → é 版本 \U0001F600\u241b[31mred\u241b[0m\u2400\u2407end"_s;
        QCOMPARE(name, expected);
        QCOMPARE(output, expected);
        QCOMPARE(JUnitReport::xmlText(u"tab\tand\nlines\r"_s), u"tab\tand\nlines\r"_s);
    }

    void saveWritesTheFileOrSaysWhy()
    {
        QTemporaryDir dir;
        const JUnitReport report({trial(Kind::Update, u"1.3.0"_s, u"none"_s, true)}, options());
        const QString file = dir.filePath(u"junit.xml"_s);
        UPKEEP_VERIFY_OK(report.save(file));
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), report.toXml());
        auto refused = report.save(dir.filePath(u"no/such/folder/junit.xml"_s));
        UPKEEP_VERIFY_ERROR(refused, Error::Code::Io);
        QVERIFY2(refused.error().message.contains(u"no/such/folder/junit.xml"_s), qPrintable(refused.error().message));
    }
};

QTEST_GUILESS_MAIN(TestJUnitReport)
#include "tst_junitreport.moc"
