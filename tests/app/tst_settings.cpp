// Upkeep's settings file: every preference reads back as saved, deferrals survive a restart,
// unchanged preferences are not announced, and damaged values fall back to the defaults
// instead of being acted on.

#include "settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void defaults();
    void preferencesRoundTrip_data();
    void preferencesRoundTrip();
    void onlyChangesAreAnnounced();
    void deferralsSurviveARestart();
    void damagedValuesFallBack();

private:
    [[nodiscard]] QString file() const { return m_dir->filePath(u"upkeep.conf"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSettings::defaults()
{
    Settings settings(file());
    QCOMPARE(settings.preferences(), Preferences());
    QCOMPARE(settings.preferences().checkInterval, Preferences::CheckInterval::Daily);
    QCOMPARE(settings.preferences().statistics, false);
    QVERIFY(!settings.nextCheck().isValid());
    QVERIFY(settings.deferrals().empty());
}

void TestSettings::preferencesRoundTrip_data()
{
    QTest::addColumn<std::function<void(Preferences&)>>("change");
    using F = std::function<void(Preferences&)>;
    QTest::newRow("hourly") << F([](Preferences& p) { p.checkInterval = Preferences::CheckInterval::Hourly; });
    QTest::newRow("never") << F([](Preferences& p) { p.checkInterval = Preferences::CheckInterval::Never; });
    QTest::newRow("install on quit") << F([](Preferences& p) { p.installWhen = Preferences::InstallWhen::OnQuit; });
    QTest::newRow("install at 04:45") << F([](Preferences& p) {
        p.installWhen = Preferences::InstallWhen::AtTime;
        p.installTime = QTime(4, 45);
    });
    QTest::newRow("no background downloads") << F([](Preferences& p) { p.downloadInBackground = false; });
    QTest::newRow("metered allowed") << F([](Preferences& p) { p.holdOnMetered = false; });
    QTest::newRow("bandwidth") << F([](Preferences& p) { p.bandwidthLimit = 250000; });
    QTest::newRow("notifications") << F([](Preferences& p) {
        p.notifyUpdateFound = false;
        p.notifyInstalled = false;
        p.notifyRolledBack = false;
        p.notifyFailed = false;
    });
    QTest::newRow("quiet hours") << F([](Preferences& p) {
        p.quietHours = true;
        p.quietFrom = QTime(23, 15);
        p.quietTo = QTime(6, 0);
    });
    QTest::newRow("statistics") << F([](Preferences& p) { p.statistics = true; });
}

void TestSettings::preferencesRoundTrip()
{
    QFETCH(std::function<void(Preferences&)>, change);
    Preferences preferences;
    change(preferences);
    QVERIFY(preferences != Preferences());
    {
        Settings settings(file());
        settings.setPreferences(preferences);
        QCOMPARE(settings.preferences(), preferences);
    }
    QCOMPARE(Settings(file()).preferences(), preferences);
}

void TestSettings::onlyChangesAreAnnounced()
{
    Settings settings(file());
    QSignalSpy changed(&settings, &Settings::preferencesChanged);
    settings.setPreferences(Preferences());
    QCOMPARE(changed.size(), 0);
    Preferences p;
    p.bandwidthLimit = 1000;
    settings.setPreferences(p);
    settings.setPreferences(p);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<Preferences>(), p);
}

void TestSettings::deferralsSurviveARestart()
{
    const QDateTime at(QDate(2026, 4, 1), QTime(3, 0, 0, 250), Qt::UTC);
    const QDateTime next(QDate(2026, 4, 2), QTime(9, 30), Qt::UTC);
    {
        Settings settings(file());
        settings.setDeferral(u"/apps/viewer"_s, Deferral{Deferral::Kind::RemindAt, u"1.2.0"_s, at});
        settings.setDeferral(u"/apps/atlas"_s, Deferral{Deferral::Kind::InstallOnQuit, u"2.1.0"_s, {}});
        settings.setDeferral(u"/apps/mail"_s, Deferral{Deferral::Kind::InstallAt, u"3.0.0"_s, at});
        settings.setDeferral(u"/apps/mail"_s, std::nullopt);
        settings.setNextCheck(next);
    }
    Settings settings(file());
    QCOMPARE(settings.deferrals().size(), size_t(2));
    QCOMPARE(settings.deferral(u"/apps/viewer"_s), (Deferral{Deferral::Kind::RemindAt, u"1.2.0"_s, at}));
    QCOMPARE(settings.deferral(u"/apps/atlas"_s), (Deferral{Deferral::Kind::InstallOnQuit, u"2.1.0"_s, {}}));
    QVERIFY(!settings.deferral(u"/apps/mail"_s));
    QCOMPARE(settings.nextCheck(), next);
}

void TestSettings::damagedValuesFallBack()
{
    {
        QSettings raw(file(), QSettings::IniFormat);
        raw.setValue(u"preferences/checkInterval"_s, 17);
        raw.setValue(u"preferences/installWhen"_s, u"soon"_s);
        raw.setValue(u"preferences/installTime"_s, u"25:99"_s);
        raw.setValue(u"preferences/bandwidthLimit"_s, -5);
        raw.beginWriteArray(u"deferrals"_s, 2);
        raw.setArrayIndex(0);
        raw.setValue(u"folder"_s, u"/apps/viewer"_s);
        raw.setValue(u"kind"_s, 0);
        raw.setValue(u"version"_s, u"1.2.0"_s);
        raw.setValue(u"when"_s, u"not a time"_s);
        raw.setArrayIndex(1);
        raw.setValue(u"folder"_s, u"/apps/atlas"_s);
        raw.setValue(u"kind"_s, 2);
        raw.setValue(u"version"_s, u"2.0.0"_s);
        raw.endArray();
    }
    Settings settings(file());
    QCOMPARE(settings.preferences(), Preferences());
    // A reminder without a time is dropped; "on quit" needs none.
    QVERIFY(!settings.deferral(u"/apps/viewer"_s));
    QVERIFY(settings.deferral(u"/apps/atlas"_s));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
