// The tray icon: an icon of Upkeep's own for every state (drawn from its SVGs), a menu whose
// actions say what was asked, and a click on a notification that opens the window on the
// application the notification was about.

#include "trayicon.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTrayIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void iconsForEveryState_data();
    void iconsForEveryState();
    void menu();
    void notificationClickNamesItsApplication();
};

void TestTrayIcon::iconsForEveryState_data()
{
    QTest::addColumn<TrayIcon::State>("state");
    QTest::newRow("idle") << TrayIcon::State::Idle;
    QTest::newRow("update available") << TrayIcon::State::UpdateAvailable;
    QTest::newRow("working") << TrayIcon::State::Working;
    QTest::newRow("problem") << TrayIcon::State::Problem;
    QTest::newRow("could not check") << TrayIcon::State::CheckFailed;
}

void TestTrayIcon::iconsForEveryState()
{
    QFETCH(TrayIcon::State, state);
    const QImage image = TrayIcon::icon(state).pixmap(32, 32).toImage();
    QVERIFY(!image.isNull());
    // Drawn, not blank: the centre of every state's icon is opaque.
    QVERIFY(qAlpha(image.pixel(16, 16)) > 200);
    TrayIcon tray;
    tray.setState(state);
    QCOMPARE(tray.state(), state);
    QVERIFY(!tray.systemTrayIcon()->icon().isNull());
    QVERIFY(!tray.systemTrayIcon()->toolTip().isEmpty());
    // The four states look different from each other; a check that failed looks like a problem.
    const auto look = state == TrayIcon::State::CheckFailed ? TrayIcon::State::Problem : state;
    for (auto other :
        {TrayIcon::State::Idle, TrayIcon::State::UpdateAvailable, TrayIcon::State::Working, TrayIcon::State::Problem}) {
        if (other != look)
            QVERIFY(TrayIcon::icon(other).pixmap(32, 32).toImage() != image);
    }
    QCOMPARE(TrayIcon::icon(look).pixmap(32, 32).toImage(), image);
    QVERIFY(!TrayIcon::applicationIcon().pixmap(64, 64).isNull());
}

void TestTrayIcon::menu()
{
    TrayIcon tray;
    QSignalSpy check(&tray, &TrayIcon::checkRequested);
    QSignalSpy open(&tray, &TrayIcon::openRequested);
    QSignalSpy paused(&tray, &TrayIcon::downloadsPausedChanged);
    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    QStringList texts;
    for (QAction* action : tray.menu()->actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    QCOMPARE(texts, (QStringList{u"&Check now"_s, u"&Open Upkeep"_s, u"&Pause downloads"_s, u"&Quit"_s}));
    tray.checkAction()->trigger();
    tray.openAction()->trigger();
    tray.pauseAction()->trigger();
    tray.pauseAction()->trigger();
    tray.quitAction()->trigger();
    QCOMPARE(check.size(), 1);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QString());
    QCOMPARE(paused.size(), 2);
    QCOMPARE(paused.at(0).at(0).toBool(), true);
    QCOMPARE(paused.at(1).at(0).toBool(), false);
    QCOMPARE(quit.size(), 1);
    tray.setDownloadsPaused(true);
    QVERIFY(tray.pauseAction()->isChecked());
}

void TestTrayIcon::notificationClickNamesItsApplication()
{
    TrayIcon tray;
    QSignalSpy open(&tray, &TrayIcon::openRequested);
    tray.notify(u"/apps/viewer"_s, u"Update for viewer"_s, u"viewer 1.1.0 is available."_s);
    tray.notify(u"/apps/atlas"_s, u"Update for atlas"_s, u"atlas 2.1.0 is available."_s);
    Q_EMIT tray.systemTrayIcon()->messageClicked();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toString(), u"/apps/atlas"_s);
}

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
