// The settings dialog: every preference shows in its control and reads back from it; OK and
// Apply hand the preferences over, Cancel does not; time fields are only editable when they
// matter.

#include "settingsdialog.h"
#include "support/clicks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimeEdit>

using namespace Qt::StringLiterals;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void buttons();
    void timeFieldsFollowTheirSwitch();
};

void TestSettingsDialog::roundTrip_data()
{
    QTest::addColumn<Preferences>("preferences");
    Preferences p;
    QTest::newRow("defaults") << p;
    // Each of these switches alone, so that one cannot stand in for another.
    Preferences installed;
    installed.notifyInstalled = !installed.notifyInstalled;
    QTest::newRow("notify installed flipped") << installed;
    Preferences rolledBack;
    rolledBack.notifyRolledBack = !rolledBack.notifyRolledBack;
    QTest::newRow("notify rolled back flipped") << rolledBack;
    Preferences startAtLogin;
    startAtLogin.startAtLogin = true;
    QTest::newRow("start at login") << startAtLogin;
    p.checkInterval = Preferences::CheckInterval::Hourly;
    p.installWhen = Preferences::InstallWhen::OnQuit;
    QTest::newRow("hourly, on quit") << p;
    p.checkInterval = Preferences::CheckInterval::Never;
    p.installWhen = Preferences::InstallWhen::AtTime;
    p.installTime = QTime(1, 15);
    p.holdOnMetered = false;
    p.downloadInBackground = false;
    p.bandwidthLimit = 2500000;
    QTest::newRow("never, at 01:15, 2500 kB/s") << p;
    p.notifyUpdateFound = false;
    p.notifyFailed = false;
    p.quietHours = true;
    p.quietFrom = QTime(20, 0);
    p.quietTo = QTime(9, 30);
    p.statistics = true;
    QTest::newRow("quiet evenings, statistics") << p;
}

void TestSettingsDialog::roundTrip()
{
    QFETCH(Preferences, preferences);
    SettingsDialog dialog;
    dialog.setPreferences(preferences);
    QCOMPARE(dialog.preferences(), preferences);
}

void TestSettingsDialog::buttons()
{
    SettingsDialog dialog;
    dialog.show();
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.bandwidthBox()->setValue(300);
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Apply), Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).value<Preferences>().bandwidthLimit, 300000);
    QVERIFY(dialog.isVisible());
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QVERIFY(!dialog.isVisible());
    dialog.show();
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(applied.size(), 2);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.bandwidthBox()->specialValueText(), u"No limit"_s);
}

void TestSettingsDialog::timeFieldsFollowTheirSwitch()
{
    SettingsDialog dialog;
    dialog.show();
    QVERIFY(!dialog.installTimeEdit()->isEnabled());
    QVERIFY(!dialog.quietFromEdit()->isEnabled());
    toggle(dialog.installAtTimeButton());
    QVERIFY(dialog.installTimeEdit()->isEnabled());
    toggle(dialog.installAskButton());
    QVERIFY(!dialog.installTimeEdit()->isEnabled());
    toggle(dialog.quietHoursBox());
    QVERIFY(dialog.quietFromEdit()->isEnabled());
    QVERIFY(dialog.quietToEdit()->isEnabled());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
