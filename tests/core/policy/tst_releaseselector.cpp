// Which release an installation is offered: the newest newer one that its rollout bucket
// admits, that the user did not skip (unless it is critical), and that accepts updates from
// the running version.

#include "policy/releaseselector.h"
#include "policy/rollout.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ReleaseSelector::Release release(
    const char* version, int rollout = 100, bool critical = false, const char* minimumFrom = nullptr)
{
    ReleaseSelector::Release r;
    r.version = *Version::parse(QString::fromLatin1(version));
    r.rolloutPercent = rollout;
    r.critical = critical;
    if (minimumFrom)
        r.minimumFrom = *Version::parse(QString::fromLatin1(minimumFrom));
    return r;
}

// An install id whose bucket for demo `version` is at least `bucket`.
QString idWithBucketAtLeast(const QString& version, int bucket)
{
    for (int i = 0;; ++i) {
        const QString id = u"id-%1"_s.arg(i);
        if (rolloutBucket(id, u"demo"_s, version) >= bucket)
            return id;
    }
}

} // namespace

using Releases = std::vector<ReleaseSelector::Release>;
Q_DECLARE_METATYPE(Releases)

class TestReleaseSelector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choose_data();
    void choose();
};

void TestReleaseSelector::choose_data()
{
    QTest::addColumn<Releases>("releases"); // newest first, as releases() returns them
    QTest::addColumn<QString>("installed");
    QTest::addColumn<QStringList>("skipped");
    QTest::addColumn<QString>("installId");
    QTest::addColumn<QString>("offered"); // empty: nothing

    const QString anyone = u"id-0"_s;
    const QString late = idWithBucketAtLeast(u"2.0.0"_s, 50);
    QTest::newRow("newest newer release") << Releases{release("2.0.0"), release("1.5.0"), release("1.0.0")}
                                          << u"1.0.0"_s << QStringList() << anyone << u"2.0.0"_s;
    QTest::newRow("up to date") << Releases{release("1.0.0"), release("0.9.0")} << u"1.0.0"_s << QStringList() << anyone
                                << QString();
    QTest::newRow("older than installed is never offered")
        << Releases{release("0.9.0")} << u"1.0.0"_s << QStringList() << anyone << QString();
    QTest::newRow("fresh install takes the newest")
        << Releases{release("2.0.0"), release("1.0.0")} << QString() << QStringList() << anyone << u"2.0.0"_s;
    QTest::newRow("skipped, the next older is offered") << Releases{release("2.0.0"), release("1.5.0")} << u"1.0.0"_s
                                                        << QStringList{u"2.0.0"_s} << anyone << u"1.5.0"_s;
    QTest::newRow("critical ignores a skip")
        << Releases{release("2.0.0", 100, true)} << u"1.0.0"_s << QStringList{u"2.0.0"_s} << anyone << u"2.0.0"_s;
    QTest::newRow("outside the rollout") << Releases{release("2.0.0", 50), release("1.5.0")} << u"1.0.0"_s
                                         << QStringList() << late << u"1.5.0"_s;
    QTest::newRow("rollout 0 reaches nobody")
        << Releases{release("2.0.0", 0)} << u"1.0.0"_s << QStringList() << anyone << QString();
    QTest::newRow("too old to update from") << Releases{release("3.0.0", 100, false, "2.0.0"), release("1.9.0")}
                                            << u"1.0.0"_s << QStringList() << anyone << u"1.9.0"_s;
    QTest::newRow("just new enough to update from")
        << Releases{release("3.0.0", 100, false, "1.0.0")} << u"1.0.0"_s << QStringList() << anyone << u"3.0.0"_s;
    QTest::newRow("pre-release after its release is not newer")
        << Releases{release("1.0.0"), release("1.0.0-rc.1")} << u"1.0.0"_s << QStringList() << anyone << QString();
}

void TestReleaseSelector::choose()
{
    QFETCH(Releases, releases);
    QFETCH(QString, installed);
    QFETCH(QStringList, skipped);
    QFETCH(QString, installId);
    QFETCH(QString, offered);

    std::optional<Version> running;
    if (!installed.isEmpty())
        running = *Version::parse(installed);
    const auto chosen = ReleaseSelector::choose(releases, running, installId, u"demo"_s, skipped);
    QCOMPARE(chosen ? chosen->version.toString() : QString(), offered);
}

QTEST_GUILESS_MAIN(TestReleaseSelector)
#include "tst_releaseselector.moc"
