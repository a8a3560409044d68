// Installing or downloading after a check, as the window, a scheduled install or an install on
// quit do: only metadata valid now is used. A role that expired since the check (timestamp,
// snapshot, targets, the channel) is refreshed first; when the repository has re-signed it, the
// install goes ahead, and when it has not (or cannot be reached), the install is refused with
// Expired and nothing installed changes. A release withdrawn meanwhile is not installed.

#include "support/testfiles.h"
#include "support/updatescenario.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString timeText(const QDateTime& time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
}

} // namespace

class TestFreshness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void staleMetadataIsRefreshedFirst_data();
    void staleMetadataIsRefreshedFirst();
};

void TestFreshness::staleMetadataIsRefreshedFirst_data()
{
    QTest::addColumn<QString>("role");      // the role that expires after the check
    QTest::addColumn<QString>("meanwhile"); // what the publisher did since: nothing, re-signed, withdrew 1.1.0
    QTest::addColumn<bool>("download");     // a background download rather than an install
    QTest::addColumn<int>("code");          // the error, or -1 when it installs

    for (const char* role : {"timestamp", "snapshot", "targets", "stable"}) {
        QTest::addRow("%s expired, not re-signed", role)
            << QString::fromLatin1(role) << u"nothing"_s << false << int(Error::Code::Expired);
        QTest::addRow("%s expired, re-signed", role) << QString::fromLatin1(role) << u"re-signed"_s << false << -1;
    }
    QTest::newRow("timestamp expired, 1.1.0 withdrawn")
        << u"timestamp"_s << u"withdrawn"_s << false << int(Error::Code::NotFound);
    QTest::newRow("timestamp expired, repository unreachable")
        << u"timestamp"_s << u"unreachable"_s << false << int(Error::Code::Expired);
    // A download in the background, as the window starts after a check.
    QTest::newRow("download, stable expired, not re-signed")
        << u"stable"_s << u"nothing"_s << true << int(Error::Code::Expired);
    QTest::newRow("download, timestamp expired, re-signed") << u"timestamp"_s << u"re-signed"_s << true << -1;
    QTest::newRow("download, timestamp expired, 1.1.0 withdrawn")
        << u"timestamp"_s << u"withdrawn"_s << true << int(Error::Code::NotFound);
}

void TestFreshness::staleMetadataIsRefreshedFirst()
{
    QFETCH(QString, role);
    QFETCH(QString, meanwhile);
    QFETCH(bool, download);
    QFETCH(int, code);

    UpdateScenario scenario;
    scenario.publish(0);
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"tool"_s);
    auto installation = scenario.create(folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    scenario.publish(1);

    // The check ran yesterday, with metadata that was valid then and expired an hour ago.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    scenario.repository().resign(
        role, [&](JsonObject& part) { part.insert_or_assign("expires", timeText(now.addSecs(-3600))); });
    UPKEEP_VERIFY_OK(installation->refresh(now.addDays(-1)));
    auto offer = installation->offer();
    UPKEEP_VERIFY_OK(offer);
    QVERIFY(offer->has_value());
    QCOMPARE((*offer)->version.toString(), u"1.1.0"_s);

    if (meanwhile == u"re-signed"_s) {
        scenario.repository().resign(
            role, [&](JsonObject& part) { part.insert_or_assign("expires", timeText(now.addDays(7))); });
    } else if (meanwhile == u"withdrawn"_s) {
        scenario.repository().publish(
            now, [](RepositoryWriter& writer) { UPKEEP_VERIFY_OK(writer.yank(u"tool"_s, u"1.1.0"_s)); });
    } else if (meanwhile == u"unreachable"_s) {
        for (int i = 0; i < 2; ++i)
            scenario.mirror(i).addFault(u"*"_s, FaultServer::Fault::status(503));
    }

    std::expected<void, Error> result;
    if (download) {
        result = installation->download(**offer);
    } else if (auto record = installation->install(**offer); !record) {
        result = std::unexpected(record.error());
    } else {
        QCOMPARE(record->outcome, History::Outcome::Installed);
    }

    if (code < 0) {
        UPKEEP_VERIFY_OK(result);
        if (!download) {
            QString why;
            QVERIFY2(scenario.runs(folder, 1, &why), qPrintable(why));
        }
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    if (code == int(Error::Code::Expired))
        QVERIFY2(result.error().message.contains(u"expired"_s), qPrintable(result.error().message));
    // Nothing changed: 1.0.0 runs as it did, nothing of 1.1.0 was fetched or staged.
    QString why;
    QVERIFY2(scenario.runs(folder, 0, &why), qPrintable(why));
    QVERIFY(!QFileInfo::exists(folder + u"/versions/1.1.0"_s));
    QCOMPARE(QDir(folder + u"/.upkeep/cache"_s).entryList(QDir::Files), QStringList());
}

QTEST_GUILESS_MAIN(TestFreshness)
#include "tst_freshness.moc"
