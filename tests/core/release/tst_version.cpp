// Semantic versions as releases are ordered: pre-releases before their release, numbers as
// numbers, build metadata ignored; and clear refusals of what is not a version.

#include "release/version.h"
#include "support/verify.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestVersion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void order_data();
    void order();
    void semverSpecificationChain();
    void refused_data();
    void refused();
    void roundTrip();
};

void TestVersion::order_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");

    QTest::newRow("patch") << u"1.0.0"_s << u"1.0.1"_s;
    QTest::newRow("minor beats patch") << u"1.0.9"_s << u"1.1.0"_s;
    QTest::newRow("numbers, not text") << u"1.9.0"_s << u"1.10.0"_s;
    QTest::newRow("pre-release before release") << u"2.0.0-rc.1"_s << u"2.0.0"_s;
    QTest::newRow("pre-release after the previous release") << u"1.9.9"_s << u"2.0.0-alpha"_s;
    QTest::newRow("numeric pre-release identifiers as numbers") << u"1.0.0-beta.2"_s << u"1.0.0-beta.11"_s;
    QTest::newRow("numeric before alphanumeric") << u"1.0.0-1"_s << u"1.0.0-alpha"_s;
    QTest::newRow("more identifiers after equal ones") << u"1.0.0-alpha"_s << u"1.0.0-alpha.1"_s;
    QTest::newRow("ASCII order") << u"1.0.0-Beta"_s << u"1.0.0-alpha"_s;
    QTest::newRow("nightly dates") << u"1.2.0-nightly.20260131"_s << u"1.2.0-nightly.20260201"_s;
    QTest::newRow("large numbers") << u"1.0.0"_s << u"18446744073709551615.0.0"_s;
}

void TestVersion::order()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    auto a = Version::parse(lower);
    auto b = Version::parse(higher);
    UPKEEP_VERIFY_OK(a);
    UPKEEP_VERIFY_OK(b);
    QVERIFY(*a < *b);
    QVERIFY(*b > *a);
    QVERIFY(*a != *b);
}

void TestVersion::semverSpecificationChain()
{
    // The example of semver.org, section 11.
    const QStringList chain{u"1.0.0-alpha"_s, u"1.0.0-alpha.1"_s, u"1.0.0-alpha.beta"_s, u"1.0.0-beta"_s,
        u"1.0.0-beta.2"_s, u"1.0.0-beta.11"_s, u"1.0.0-rc.1"_s, u"1.0.0"_s};
    for (qsizetype i = 0; i + 1 < chain.size(); ++i)
        QVERIFY2(*Version::parse(chain[i]) < *Version::parse(chain[i + 1]), qPrintable(chain[i]));
    QVERIFY(*Version::parse(u"1.0.0+build.1"_s) == *Version::parse(u"1.0.0+build.2"_s));
}

void TestVersion::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");

    QTest::newRow("empty") << QString() << u"it needs three numbers, MAJOR.MINOR.PATCH"_s;
    QTest::newRow("two numbers") << u"1.2"_s << u"it needs three numbers, MAJOR.MINOR.PATCH"_s;
    QTest::newRow("four numbers") << u"1.2.3.4"_s << u"it needs three numbers, MAJOR.MINOR.PATCH"_s;
    QTest::newRow("v prefix") << u"v1.2.3"_s << u"MAJOR, MINOR and PATCH must be numbers"_s;
    QTest::newRow("leading zero") << u"01.2.3"_s << u"numbers must not have leading zeros"_s;
    QTest::newRow("leading zero in pre-release") << u"1.2.3-beta.01"_s << u"numbers must not have leading zeros"_s;
    QTest::newRow("empty pre-release identifier")
        << u"1.2.3-beta..1"_s << u"the pre-release must be dot-separated letters, digits and hyphens"_s;
    QTest::newRow("space") << u"1.2.3 beta"_s << u"MAJOR, MINOR and PATCH must be numbers"_s;
    QTest::newRow("slash, a path in disguise")
        << u"1.2.3-a/b"_s << u"the pre-release must be dot-separated letters, digits and hyphens"_s;
    QTest::newRow("empty build") << u"1.2.3+"_s
                                 << u"the build metadata must be dot-separated letters, digits and hyphens"_s;
    QTest::newRow("too large") << u"18446744073709551616.0.0"_s << u"a number is too large"_s;
}

void TestVersion::refused()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    auto version = Version::parse(text);
    UPKEEP_VERIFY_ERROR(version, Error::Code::InvalidInput);
    QCOMPARE(version.error().message,
        u"\"%1\" is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): %2."_s.arg(text, why));
}

void TestVersion::roundTrip()
{
    for (const QString& text : {u"0.0.1"_s, u"1.2.3-beta.1"_s, u"1.2.3-rc.1+linux.x86-64"_s, u"4.0.0+20260101"_s})
        QCOMPARE(Version::parse(text)->toString(), text);
}

QTEST_GUILESS_MAIN(TestVersion)
#include "tst_version.moc"
