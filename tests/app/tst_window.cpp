// The window, the tray and the settings dialog clicked like a user would (QTest, offscreen),
// against a real local repository and real installations: Update now installs and a history
// row appears; Skip hides that version until a newer one; Remind me later hides it until the
// time passes; switching to beta lists beta releases and going back to stable can roll back;
// Roll back from the history restores the older version; a scheduled "when I quit" update
// installs on quit, and quitting does not wait for a background download, running or paused;
// pause holds a download, resume goes on and cancel leaves everything as it was; an update
// found downloads in the background unless held, and Update now then fetches nothing; two
// installations updating at once keep to one bandwidth limit together; statistics go out only
// when allowed; the settings dialog saves and reloads; a tray notification click selects the
// right application.

#include "desktopfixture.h"
#include "faultserver.h"
#include "install/installation.h"
#include "support/verify.h"

#include "channelselector.h"
#include "historymodel.h"
#include "historyview.h"
#include "progresspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimeEdit>
#include <QToolButton>
#include <QTreeView>
#include <QUrlQuery>

#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

QString role(DesktopSession& session, const QString& folder, int role)
{
    return session.controller()->applications()->indexOf(folder).data(role).toString();
}

ApplicationModel::Status status(DesktopSession& session, const QString& folder)
{
    return session.controller()
        ->applications()
        ->indexOf(folder)
        .data(ApplicationModel::StatusRole)
        .value<ApplicationModel::Status>();
}

// The queries of the statistics pings `server` received.
QStringList statisticsPings(const FaultServer& server)
{
    QStringList queries;
    for (const FaultServer::Request& request : server.requests()) {
        if (request.path == u"statistics/event"_s)
            queries.append(request.query);
    }
    return queries;
}

void triggerMenu(QToolButton* button, const QString& action)
{
    QVERIFY(button->isVisible());
    QVERIFY(button->isEnabled());
    QAction* item = button->menu()->findChild<QAction*>(action);
    QVERIFY2(item, qPrintable(action));
    item->trigger();
}

} // namespace

class TestWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void updateNowInstallsAndRecordsHistory();
    void publisherIsShownAndARefusedSignatureStopsTheUpdate();
    void backgroundDownload_data();
    void statisticsOnlyWhenAllowed_data();
    void statisticsOnlyWhenAllowed();
    void statisticsTellOfARecoveredCrash();
    void backgroundDownload();
    void skipHidesThatVersionUntilANewerOne();
    void criticalUpdateCannotBeSkipped();
    void remindMeLaterHidesUntilTheTimePasses();
    void switchingToBetaListsBetaReleases();
    void backToStableCanRollBackNow();
    void rollBackFromTheHistory();
    void pauseResumeAndCancel();
    void updateNowDuringABackgroundDownload();
    void bandwidthLimitIsSharedByAllInstallations();
    void updateScheduledForQuitInstallsOnQuit();
    void heldInstallationIsNotScheduled_data();
    void heldInstallationIsNotScheduled();
    void quitDuringABackgroundDownload_data();
    void quitDuringABackgroundDownload();
    void updateScheduledAtAChosenTime();
    void settingsDialogSavesAndReloads();
    void trayNotificationSelectsTheApplication();
    void trayMenu();

private:
    // Clicks Check now and waits for every check to end.
    void checkNow(DesktopSession& session);

    std::unique_ptr<DesktopFixture> m_fixture;
};

void TestWindow::init()
{
    m_fixture = std::make_unique<DesktopFixture>();
}

void TestWindow::cleanup()
{
    m_fixture.reset();
}

void TestWindow::checkNow(DesktopSession& session)
{
    QPushButton* check = session.window()->updatePane()->checkButton();
    QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), kTimeout);
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(session.controller()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(idle(session), kTimeout);
}

void TestWindow::updateNowInstallsAndRecordsHistory()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"# Viewer 1.0.0\n\nFirst release.\n"_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"## Faster\n\n- Starts **twice** as fast.\n"_s});
    m_fixture->publish({.version = u"1.2.0"_s, .notes = u"## Fixed\n\n- No more crash on empty files.\n"_s});
    auto session = m_fixture->shownSession();
    UpdatePane* pane = session->window()->updatePane();
    QCOMPARE(session->window()->currentFolder(), viewer);
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole), u"1.0.0"_s);

    checkNow(*session);
    QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), u"1.2.0"_s);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpdateAvailable);
    QCOMPARE(pane->titleText(), u"viewer 1.2.0 is available"_s);
    // A repository without a publisher identity says so, with nothing to show details of.
    QCOMPARE(pane->publisherLine()->text(), u"This repository does not say who publishes it."_s);
    QVERIFY(pane->publisherLine()->isVisible());
    QVERIFY(!pane->publisherDetailsButton()->isVisible());
    // Only bin/viewer changed: a few bytes instead of the whole bundle.
    QVERIFY2(pane->sizeText().contains(u" instead of "_s), qPrintable(pane->sizeText()));
    // The changelog of both versions, newest first, rendered from Markdown.
    const QString notes = pane->changelog()->toPlainText();
    QVERIFY2(notes.indexOf(u"No more crash"_s) >= 0 && notes.indexOf(u"No more crash"_s) < notes.indexOf(u"twice"_s),
        qPrintable(notes));
    QVERIFY2(!notes.contains(u"First release"_s), qPrintable(notes));
    QVERIFY(
        pane->changelog()->toHtml().contains(u"font-weight:700"_s) || pane->changelog()->toHtml().contains(u"<b>"_s));
    QCOMPARE(session->tray()->state(), TrayIcon::State::UpdateAvailable);

    QSignalSpy recorded(session->controller(), &UpdateController::recorded);
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Updating);
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole), u"1.2.0"_s);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpToDate);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.2.0"_s);

    // The history shows the update on top.
    session->window()->tabs()->setCurrentWidget(session->window()->historyView());
    QTreeView* history = session->window()->historyView()->view();
    QCOMPARE(history->model()->rowCount(), 2);
    const QModelIndex top = history->model()->index(0, HistoryModel::ChangeColumn);
    QCOMPARE(top.data().toString(), u"1.0.0 → 1.2.0"_s);
    QCOMPARE(top.siblingAtColumn(HistoryModel::OutcomeColumn).data().toString(), u"Installed"_s);
    QCOMPARE(session->tray()->state(), TrayIcon::State::Idle);
}

void TestWindow::publisherIsShownAndARefusedSignatureStopsTheUpdate()
{
    m_fixture->nameThePublisher(u"Example GmbH"_s);
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First release.\n"_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"## Faster\n"_s});
    auto session = m_fixture->shownSession();
    UpdatePane* pane = session->window()->updatePane();
    checkNow(*session);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpdateAvailable);
    QCOMPARE(pane->publisherLine()->text(), u"Published by Example GmbH"_s);
    QVERIFY(pane->publisherDetailsButton()->isVisible());

    // 1.1.0's signature is swapped for one by a certificate of another CA, through the channel's key.
    m_fixture->replaceSignature(u"viewer"_s, u"1.1.0"_s);
    checkNow(*session);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Problem);
    const QString refusal = role(*session, viewer, ApplicationModel::MessageRole);
    QVERIFY2(refusal.startsWith(u"The release manifest viewer/1.1.0/manifest.json is signed by a certificate"_s)
            && refusal.contains(u"Example GmbH"_s),
        qPrintable(refusal));
    QCOMPARE(pane->publisherLine()->text(),
        u"Example GmbH publishes this repository. Upkeep has not verified who signed this version."_s);
    QVERIFY(!pane->publisherDetailsButton()->isVisible());
    // Nothing was downloaded, and the refused manifest cannot say what would be: only the bundle's size.
    QVERIFY2(pane->sizeText().startsWith(u"Full size "_s), qPrintable(pane->sizeText()));

    // Update now asks again, and is refused the same way: nothing is installed.
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Problem);
    QCOMPARE(role(*session, viewer, ApplicationModel::MessageRole), refusal);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    QVERIFY(!QFileInfo::exists(viewer + u"/versions/1.1.0"_s));
    QVERIFY2(pane->sizeText().startsWith(u"Full size "_s), qPrintable(pane->sizeText()));
    if (qEnvironmentVariableIsSet("UPKEEP_LOOK"))
        session->window()->grab().save(qEnvironmentVariable("UPKEEP_LOOK") + u"/refused.png"_s);
}

void TestWindow::backgroundDownload_data()
{
    QTest::addColumn<bool>("held");
    QTest::newRow("downloads ahead") << false;
    QTest::newRow("held on a metered connection") << true;
}

void TestWindow::backgroundDownload()
{
    QFETCH(bool, held);
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish(
        {.version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/new.dat"_s, QByteArray(50000, 'n')}}});
    m_fixture->changePreferences([](Preferences& p) { p.downloadInBackground = true; });

    auto session = m_fixture->shownSession();
    session->scheduler()->setHoldProbe([held] { return held; });
    std::set<ApplicationModel::Status> seen;
    ApplicationModel* applications = session->controller()->applications();
    connect(applications, &ApplicationModel::dataChanged, this, [&] { seen.insert(status(*session, viewer)); });
    checkNow(*session);
    UpdatePane* pane = session->window()->updatePane();
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpdateAvailable);
    QCOMPARE(seen.contains(ApplicationModel::Status::Downloading), !held);
    const bool cached = !QDir(viewer + u"/.upkeep/cache"_s).isEmpty(QDir::Files);
    QCOMPARE(cached, !held);
    if (held) {
        QVERIFY2(pane->sizeText().contains(u" instead of "_s), qPrintable(pane->sizeText()));
        QCOMPARE(role(*session, viewer, ApplicationModel::StatusTextRole), u"Update available: 1.1.0"_s);
        return;
    }
    QCOMPARE(pane->sizeText(), u"Downloaded and ready to install."_s);
    QCOMPARE(role(*session, viewer, ApplicationModel::StatusTextRole), u"Ready to install: 1.1.0"_s);
    // Nothing was installed behind the user's back, and Update now has nothing left to fetch.
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole), u"1.0.0"_s);
    QSignalSpy recorded(session->controller(), &UpdateController::recorded);
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, kTimeout);
    const auto record = recorded.at(0).at(2).value<History::Record>();
    QCOMPARE(record.outcome, History::Outcome::Installed);
    QVERIFY(record.bytes > 0); // what the background download fetched (tst_quietpage)
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.1.0"_s);
}

void TestWindow::statisticsOnlyWhenAllowed_data()
{
    QTest::addColumn<bool>("allowed");
    QTest::newRow("allowed") << true;
    QTest::newRow("not allowed") << false;
}

void TestWindow::statisticsOnlyWhenAllowed()
{
    QFETCH(bool, allowed);
    FaultServer server(m_fixture->repository().path());
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s, u"stable"_s, {server.url().toString()});
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    m_fixture->changePreferences([allowed](Preferences& p) { p.statistics = allowed; });
    auto pings = [&server] { return statisticsPings(server); };

    auto session = m_fixture->shownSession();
    checkNow(*session);
    QTest::mouseClick(session->window()->updatePane()->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole), u"1.1.0"_s, kTimeout);
    if (!allowed) {
        QTest::qWait(500);
        QCOMPARE(pings(), QStringList());
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(pings().size(), 1, kTimeout);
    const QUrlQuery query(pings().front());
    QCOMPARE(query.queryItemValue(u"app"_s), u"viewer"_s);
    QCOMPARE(query.queryItemValue(u"from"_s), u"1.0.0"_s);
    QCOMPARE(query.queryItemValue(u"to"_s), u"1.1.0"_s);
    QCOMPARE(query.queryItemValue(u"outcome"_s), History::toString(History::Outcome::Installed));
    QCOMPARE(query.queryItemValue(u"id"_s).size(), 16);
}

void TestWindow::statisticsTellOfARecoveredCrash()
{
    FaultServer server(m_fixture->repository().path());
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s, u"stable"_s, {server.url().toString()});
    m_fixture->changePreferences([](Preferences& p) { p.statistics = true; });
    // The power went out just after an update to 1.1.0 began.
    Journal::Entry begun;
    begun.time = QDateTime::currentDateTimeUtc();
    begun.from = u"1.0.0"_s;
    begun.to = u"1.1.0"_s;
    UPKEEP_VERIFY_OK(Journal(InstallLayout(viewer).journal()).append(begun));

    auto session = m_fixture->shownSession();
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!statisticsPings(server).isEmpty(), kTimeout);
    const QStringList pings = statisticsPings(server);
    QCOMPARE(pings.size(), 1);
    const QUrlQuery query(pings.front());
    QCOMPARE(query.queryItemValue(u"outcome"_s), History::toString(History::Outcome::Interrupted));
    QCOMPARE(query.queryItemValue(u"to"_s), u"1.1.0"_s);
}

void TestWindow::skipHidesThatVersionUntilANewerOne()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    {
        auto session = m_fixture->shownSession();
        checkNow(*session);
        QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), u"1.1.0"_s);
        QPushButton* skip = session->window()->updatePane()->skipButton();
        QVERIFY(skip->isVisible());
        QTest::mouseClick(skip, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
        QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), QString());
        QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpToDate);
        QVERIFY(!skip->isVisible());
    }
    // A restart and a new check: still skipped.
    auto session = m_fixture->shownSession();
    checkNow(*session);
    QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), QString());
    // A newer version is offered.
    m_fixture->publish({.version = u"1.2.0"_s, .notes = u"Third."_s});
    checkNow(*session);
    QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), u"1.2.0"_s);
}

void TestWindow::criticalUpdateCannotBeSkipped()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.0.1"_s, .notes = u"Fixes a security hole."_s, .critical = true});
    auto session = m_fixture->shownSession();
    checkNow(*session);
    UpdatePane* pane = session->window()->updatePane();
    QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), u"1.0.1"_s);
    QVERIFY(pane->criticalBadge()->isVisible());
    QVERIFY(!pane->skipButton()->isVisible());
    QVERIFY(pane->updateButton()->isVisible());
    QVERIFY(pane->remindButton()->isVisible());
}

void TestWindow::remindMeLaterHidesUntilTheTimePasses()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    {
        auto session = m_fixture->shownSession();
        checkNow(*session);
        triggerMenu(session->window()->updatePane()->remindButton(), u"inAnHour"_s);
        QCOMPARE(status(*session, viewer), ApplicationModel::Status::Postponed);
        QCOMPARE(
            session->controller()->applications()->indexOf(viewer).data(ApplicationModel::RemindAtRole).toDateTime(),
            m_fixture->now.addSecs(3600));
        QCOMPARE(session->tray()->state(), TrayIcon::State::Idle);
        QVERIFY(!session->window()->updatePane()->remindButton()->isEnabled()
            || session->window()->updatePane()->noticeText().startsWith(u"You will be reminded"_s));
    }
    // After a restart the reminder still holds; checking again does not bring the offer back.
    auto session = m_fixture->shownSession();
    QSignalSpy found(session->controller(), &UpdateController::updateFound);
    checkNow(*session);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Postponed);
    QCOMPARE(found.size(), 0);
    m_fixture->now = m_fixture->now.addSecs(59 * 60);
    session->scheduler()->tick();
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Postponed);
    // The hour has passed: it is offered and announced again.
    m_fixture->now = m_fixture->now.addSecs(2 * 60);
    session->scheduler()->tick();
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpdateAvailable);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).at(2).toString(), u"1.1.0"_s);
    QCOMPARE(session->tray()->state(), TrayIcon::State::UpdateAvailable);
}

void TestWindow::switchingToBetaListsBetaReleases()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"Stable."_s});
    m_fixture->publish(
        {.version = u"1.1.0-beta.1"_s, .channel = u"beta"_s, .notes = u"## New\n\n- A preview of tabs.\n"_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    auto session = m_fixture->shownSession();
    checkNow(*session);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpToDate);
    QComboBox* channel = session->window()->updatePane()->channelSelector()->comboBox();
    QCOMPARE(channel->currentText(), u"Stable"_s);
    // Declining keeps stable.
    answerDialog(u"channelConfirmation"_s, u"cancel"_s);
    channel->setFocus();
    QTest::keyClick(channel, Qt::Key_Down);
    QCOMPARE(channel->currentText(), u"Stable"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(role(*session, viewer, ApplicationModel::ChannelRole), u"stable"_s);

    answerDialog(u"channelConfirmation"_s, u"follow"_s);
    QTest::keyClick(channel, Qt::Key_Down);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::ChannelRole), u"beta"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), u"1.1.0-beta.1"_s);
    QCOMPARE(channel->currentText(), u"Beta"_s);
    ReleaseModel* releases = session->controller()->releases();
    QCOMPARE(releases->rowCount(), 1);
    QCOMPARE(releases->index(0).data(ReleaseModel::ChannelRole).toString(), u"beta"_s);
    QVERIFY(session->window()->updatePane()->changelog()->toPlainText().contains(u"A preview of tabs."_s));
}

void TestWindow::backToStableCanRollBackNow()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"Stable."_s});
    m_fixture->publish({.version = u"1.1.0-beta.1"_s, .channel = u"beta"_s, .notes = u"Beta."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    auto session = m_fixture->shownSession();
    QComboBox* channel = session->window()->updatePane()->channelSelector()->comboBox();
    answerDialog(u"channelConfirmation"_s, u"follow"_s);
    channel->setFocus();
    QTest::keyClick(channel, Qt::Key_Down);
    QTRY_VERIFY_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::AvailableRole) == u"1.1.0-beta.1"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QTest::mouseClick(session->window()->updatePane()->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole), u"1.1.0-beta.1"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);

    // Back to stable, rolling back now to the kept 1.0.0.
    answerDialog(u"channelConfirmation"_s, u"rollBack"_s);
    QTRY_VERIFY_WITH_TIMEOUT(channel->isEnabled(), kTimeout);
    channel->setFocus();
    QTest::keyClick(channel, Qt::Key_Up);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole), u"1.0.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(role(*session, viewer, ApplicationModel::ChannelRole), u"stable"_s);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    QCOMPARE(role(*session, viewer, ApplicationModel::AvailableRole), QString());
}

void TestWindow::rollBackFromTheHistory()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    auto session = m_fixture->shownSession();
    checkNow(*session);
    QTest::mouseClick(session->window()->updatePane()->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole), u"1.1.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);

    session->window()->showHistory();
    HistoryView* history = session->window()->historyView();
    QTreeView* view = history->view();
    QCOMPARE(view->model()->rowCount(), 2);
    // The running version cannot be rolled back to; the first install can.
    view->setCurrentIndex(view->model()->index(0, 0));
    QVERIFY(!history->rollBackButton()->isEnabled());
    view->setCurrentIndex(view->model()->index(1, 0));
    QVERIFY(history->rollBackButton()->isEnabled());
    // Cancelling the confirmation changes nothing.
    answerDialog(u"rollbackConfirmation"_s, u"cancel"_s);
    QTest::mouseClick(history->rollBackButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole), u"1.1.0"_s);

    answerDialog(u"rollbackConfirmation"_s, u"rollBack"_s);
    QTest::mouseClick(history->rollBackButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole), u"1.0.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    QCOMPARE(view->model()->rowCount(), 3);
    QCOMPARE(view->model()->index(0, HistoryModel::OutcomeColumn).data().toString(), u"Rolled back by you"_s);
    QCOMPARE(view->model()->index(0, HistoryModel::ChangeColumn).data().toString(), u"1.1.0 → 1.0.0"_s);
}

void TestWindow::pauseResumeAndCancel()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    // 6 MB that are new in 1.1.0, fetched at 2 MB/s: a second shows progress unless paused.
    const QByteArray added = randomBytes(6000000, 7);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/added.bin"_s, added}}});
    auto session = m_fixture->shownSession();
    Preferences slow = session->settings()->preferences();
    slow.bandwidthLimit = 2000000;
    session->settings()->setPreferences(slow);
    checkNow(*session);
    UpdatePane* pane = session->window()->updatePane();
    ProgressPanel* progress = pane->progressPanel();
    const QPersistentModelIndex row = session->controller()->applications()->indexOf(viewer);

    // Paused as soon as it starts: once the pause has taken hold, nothing more arrives.
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QVERIFY(progress->isVisible());
    QTest::mouseClick(progress->pauseButton(), Qt::LeftButton);
    QCOMPARE(progress->phaseText(), u"Paused"_s);
    QCOMPARE(progress->pauseButton()->text(), u"&Resume"_s);
    // What was under way when the pause came may still be counted, up to a chunk of a megabyte.
    QTest::qWait(2000);
    const qint64 held = row.data(ApplicationModel::DoneRole).toLongLong();
    QTest::qWait(1500);
    QCOMPARE(row.data(ApplicationModel::DoneRole).toLongLong(), held);
    QVERIFY(held < 3000000);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Updating);

    QTest::mouseClick(progress->pauseButton(), Qt::LeftButton);
    QCOMPARE(progress->pauseButton()->text(), u"&Pause"_s);
    QTRY_VERIFY_WITH_TIMEOUT(row.data(ApplicationModel::DoneRole).toLongLong() > held, kTimeout);
    QCOMPARE(progress->phaseText(), u"Downloading"_s);

    QSignalSpy failed(session->controller(), &UpdateController::failed);
    QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(failed.at(0).at(3).value<Error>().code, Error::Code::Cancelled);
    // Nothing changed: 1.0.0 runs, 1.1.0 is still on offer, and it is not shown as a problem.
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpdateAvailable);
    QVERIFY(!progress->isVisible());
    QVERIFY(pane->updateButton()->isVisible());
}

void TestWindow::updateNowDuringABackgroundDownload()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    const QByteArray added = randomBytes(6000000, 11);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/added.bin"_s, added}}});
    m_fixture->changePreferences([](Preferences& p) {
        p.downloadInBackground = true;
        p.bandwidthLimit = 2000000;
    });
    auto session = m_fixture->shownSession();
    UpdatePane* pane = session->window()->updatePane();
    ProgressPanel* progress = pane->progressPanel();
    const QPersistentModelIndex row = session->controller()->applications()->indexOf(viewer);
    QTest::mouseClick(pane->checkButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status(*session, viewer), ApplicationModel::Status::Downloading, kTimeout);
    QVERIFY(pane->updateButton()->isEnabled());
    QVERIFY2(pane->noticeText().startsWith(u"Downloading in the background"_s), qPrintable(pane->noticeText()));

    // Update now while the download runs: the update shows that download, and Pause holds it.
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Updating);
    QVERIFY(progress->isVisible());
    QTest::mouseClick(progress->pauseButton(), Qt::LeftButton);
    QTest::qWait(2000);
    const qint64 held = row.data(ApplicationModel::DoneRole).toLongLong();
    QTest::qWait(1500);
    QCOMPARE(row.data(ApplicationModel::DoneRole).toLongLong(), held);
    QVERIFY(held < 5000000);

    // Cancel stops both the download and the update waiting for it; nothing changed.
    QSignalSpy failed(session->controller(), &UpdateController::failed);
    QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpdateAvailable);
    QVERIFY(std::any_of(failed.begin(), failed.end(), [](const QList<QVariant>& signal) {
        return signal.at(2).value<InstallationWorker::Job>() == InstallationWorker::Job::Install
            && signal.at(3).value<Error>().code == Error::Code::Cancelled;
    }));
}

void TestWindow::bandwidthLimitIsSharedByAllInstallations()
{
    // Two installations update at once under a limit of 400 kB/s: together, not each, they keep
    // to it (the settings say "over all downloads"). Each fetches 600 kB that are new; at the
    // limit that takes about three seconds in all, and at twice the limit half of that.
    FaultServer server(m_fixture->repository().path());
    const QStringList mirrors{server.url().toString()};
    m_fixture->publish({.app = u"atlas"_s, .version = u"1.0.0"_s, .notes = u"First."_s});
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString atlas = m_fixture->install(u"atlas"_s, u"stable"_s, mirrors);
    const QString viewer = m_fixture->install(u"viewer"_s, u"stable"_s, mirrors);
    quint32 seed = 21;
    for (const QString& app : {u"atlas"_s, u"viewer"_s}) {
        const QByteArray added = randomBytes(600000, seed++);
        m_fixture->publish(
            {.app = app, .version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/added.bin"_s, added}}});
    }
    constexpr qint64 kLimit = 400000;
    m_fixture->changePreferences([](Preferences& p) { p.bandwidthLimit = kLimit; });
    auto session = m_fixture->shownSession();
    checkNow(*session);
    ApplicationModel* applications = session->controller()->applications();

    // When each download ends (its phase moves on), and whether both ran at the same time.
    using Phase = Installation::Progress::Phase;
    QElapsedTimer clock;
    std::map<QString, qint64> ended;
    std::set<QString> downloading;
    bool overlapped = false;
    QObject watching; // goes before what the watcher writes to
    connect(applications, &QAbstractItemModel::dataChanged, &watching, [&] {
        for (const QString& folder : {atlas, viewer}) {
            const QModelIndex row = applications->indexOf(folder);
            const QVariant phase = row.data(ApplicationModel::PhaseRole);
            if (!phase.isValid())
                continue;
            if (Phase(phase.toInt()) == Phase::Download && row.data(ApplicationModel::DoneRole).toLongLong() > 0)
                downloading.insert(folder);
            else if (Phase(phase.toInt()) != Phase::Download && !ended.contains(folder))
                ended[folder] = clock.elapsed();
        }
        overlapped = overlapped || (downloading.size() == 2 && ended.empty());
    });
    QSignalSpy recorded(session->controller(), &UpdateController::recorded);
    clock.start();
    QVERIFY(session->controller()->update(atlas));
    QVERIFY(session->controller()->update(viewer));
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 2, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);

    qint64 bytes = 0;
    for (const QList<QVariant>& signal : recorded) {
        const auto record = signal.at(2).value<History::Record>();
        QCOMPARE(record.outcome, History::Outcome::Installed);
        bytes += record.bytes;
    }
    QVERIFY2(bytes >= 2 * 600000, qPrintable(QString::number(bytes)));
    QCOMPARE(ended.size(), size_t(2));
    QVERIFY(overlapped);
    // Under one limit, `bytes` take at least (bytes - burst) / limit: the bucket may hold a
    // quarter second's worth when the downloads start. A quarter more is the tolerance.
    const qint64 milliseconds = std::max(ended[atlas], ended[viewer]);
    const qint64 rate = bytes * 1000 / std::max<qint64>(milliseconds, 1);
    QVERIFY2(rate <= kLimit * 5 / 4,
        qPrintable(
            u"%1 bytes in %2 ms: %3 B/s under a limit of %4 B/s"_s.arg(bytes).arg(milliseconds).arg(rate).arg(kLimit)));
    QCOMPARE(QFile::symLinkTarget(atlas + u"/current"_s), atlas + u"/versions/1.1.0"_s);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.1.0"_s);
}

void TestWindow::updateScheduledForQuitInstallsOnQuit()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    {
        auto session = m_fixture->shownSession();
        checkNow(*session);
        triggerMenu(session->window()->updatePane()->scheduleButton(), u"onQuit"_s);
        QCOMPARE(status(*session, viewer), ApplicationModel::Status::Scheduled);
        QCOMPARE(role(*session, viewer, ApplicationModel::StatusTextRole), u"1.1.0 installs when Upkeep quits"_s);
    }
    // The schedule survives a restart, and quitting installs it before finishing.
    auto session = m_fixture->shownSession();
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Scheduled);
    QSignalSpy finished(session.get(), &DesktopSession::finished);
    QTest::mouseClick(session->window()->updatePane()->checkButton(), Qt::LeftButton); // not needed, but harmless
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    session->window()->quitAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.1.0"_s);
    QVERIFY(!session->scheduler()->deferral(viewer));
}

void TestWindow::heldInstallationIsNotScheduled_data()
{
    QTest::addColumn<bool>("held");
    QTest::newRow("not held") << false;
    QTest::newRow("held") << true;
}

// "Install when Upkeep quits" schedules a found update, except for an installation the user holds.
void TestWindow::heldInstallationIsNotScheduled()
{
    QFETCH(bool, held);
    m_fixture->changePreferences([](Preferences& p) { p.installWhen = Preferences::InstallWhen::OnQuit; });
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    auto installation = Installation::open(viewer);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(installation->setHeld(held));
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    auto session = m_fixture->shownSession();
    checkNow(*session);
    QCOMPARE(session->scheduler()->deferral(viewer).has_value(), !held);
    QSignalSpy finished(session.get(), &DesktopSession::finished);
    session->window()->quitAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeout);
    QCOMPARE(
        QFile::symLinkTarget(viewer + u"/current"_s), viewer + (held ? u"/versions/1.0.0"_s : u"/versions/1.1.0"_s));
}

void TestWindow::quitDuringABackgroundDownload_data()
{
    QTest::addColumn<bool>("paused");
    QTest::newRow("downloading") << false;
    QTest::newRow("downloads paused") << true;
}

void TestWindow::quitDuringABackgroundDownload()
{
    QFETCH(bool, paused);
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    // 6 MB that are new in 1.1.0, fetched at 1 MB/s: six seconds unless quitting stops them.
    const QByteArray added = randomBytes(6000000, 13);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/added.bin"_s, added}}});
    m_fixture->changePreferences([](Preferences& p) {
        p.downloadInBackground = true;
        p.bandwidthLimit = 1000000;
    });
    auto session = m_fixture->shownSession();
    session->controller()->setDownloadsPaused(paused);
    QTest::mouseClick(session->window()->updatePane()->checkButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status(*session, viewer), ApplicationModel::Status::Downloading, kTimeout);
    const QPersistentModelIndex row = session->controller()->applications()->indexOf(viewer);
    QCOMPARE(row.data(ApplicationModel::PausedRole).toBool(), paused);

    // Quitting does not wait for a download nobody asked to install, paused or not.
    QSignalSpy finished(session.get(), &DesktopSession::finished);
    session->window()->quitAction()->trigger();
    QVERIFY(session->window()->statusBar()->currentMessage().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 3000);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
}

void TestWindow::updateScheduledAtAChosenTime()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    auto session = m_fixture->shownSession();
    checkNow(*session);
    // "Tonight" is the install time of the settings.
    Preferences preferences = session->settings()->preferences();
    preferences.installTime = QTime(1, 15);
    session->settings()->setPreferences(preferences);
    const QDateTime now = m_fixture->now;
    triggerMenu(session->window()->updatePane()->scheduleButton(), u"tonight"_s);
    QCOMPARE(session->scheduler()->deferral(viewer)->when, Scheduler::nextOccurrence(now, QTime(1, 15)));

    // The dialog offers an hour from now; OK takes it.
    answerDialog(u"scheduleDialog"_s, u"schedule"_s);
    const QDateTime chosen = QDateTime::currentDateTimeUtc();
    triggerMenu(session->window()->updatePane()->scheduleButton(), u"atTime"_s);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::Scheduled);
    const auto deferral = session->scheduler()->deferral(viewer);
    QVERIFY(deferral);
    QCOMPARE(deferral->kind, Deferral::Kind::InstallAt);
    QCOMPARE(deferral->version, u"1.1.0"_s);
    const qint64 seconds = chosen.secsTo(deferral->when);
    QVERIFY2(seconds >= 3540 && seconds <= 3660, qPrintable(QString::number(seconds)));

    // When that time comes, it installs.
    m_fixture->now = deferral->when.addSecs(1);
    session->scheduler()->tick();
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole), u"1.1.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.1.0"_s);
}

void TestWindow::settingsDialogSavesAndReloads()
{
    Preferences expected = Settings(m_fixture->settingsFile()).preferences();
    {
        auto session = m_fixture->shownSession();
        QVERIFY(session->scheduler()->nextCheck().isValid());
        session->window()->settingsAction()->trigger();
        SettingsDialog* dialog = session->settingsDialog();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->preferences(), expected);
        dialog->intervalBox()->setCurrentIndex(
            dialog->intervalBox()->findData(int(Preferences::CheckInterval::Weekly)));
        toggle(dialog->installAtTimeButton());
        QVERIFY(dialog->installTimeEdit()->isEnabled());
        dialog->installTimeEdit()->setTime(QTime(4, 30));
        toggle(dialog->backgroundBox());
        toggle(dialog->meteredBox());
        dialog->bandwidthBox()->setValue(500);
        toggle(dialog->notificationBox(Preferences::Notification::UpdateFound));
        toggle(dialog->quietHoursBox());
        dialog->quietFromEdit()->setTime(QTime(21, 30));
        dialog->quietToEdit()->setTime(QTime(7, 15));
        toggle(dialog->statisticsBox());
        expected.checkInterval = Preferences::CheckInterval::Weekly;
        expected.installWhen = Preferences::InstallWhen::AtTime;
        expected.installTime = QTime(4, 30);
        expected.downloadInBackground = true;
        expected.holdOnMetered = false;
        expected.bandwidthLimit = 500000;
        expected.notifyUpdateFound = false;
        expected.quietHours = true;
        expected.quietFrom = QTime(21, 30);
        expected.quietTo = QTime(7, 15);
        expected.statistics = true;
        QCOMPARE(dialog->preferences(), expected);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(!dialog->isVisible());
        // Applied at once: the next check follows the weekly interval (with at most a tenth of jitter).
        QCOMPARE(session->settings()->preferences(), expected);
        const qint64 days = m_fixture->now.secsTo(session->scheduler()->nextCheck());
        QVERIFY2(days >= qint64(6.3 * 86400) && days <= qint64(7.7 * 86400), qPrintable(QString::number(days)));
    }
    QCOMPARE(Settings(m_fixture->settingsFile()).preferences(), expected);
    auto session = m_fixture->shownSession();
    session->showSettings();
    QCOMPARE(session->settingsDialog()->preferences(), expected);
    // Cancel keeps what was saved.
    session->settingsDialog()->bandwidthBox()->setValue(9);
    QTest::mouseClick(session->settingsDialog()->buttons()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(session->settings()->preferences(), expected);
}

void TestWindow::trayNotificationSelectsTheApplication()
{
    m_fixture->publish({.app = u"atlas"_s, .version = u"2.0.0"_s, .notes = u"Atlas."_s});
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString atlas = m_fixture->install(u"atlas"_s);
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"Second."_s});
    auto session = m_fixture->shownSession();
    QCOMPARE(session->controller()->applications()->rowCount(), 2);
    QSignalSpy found(session->controller(), &UpdateController::updateFound);
    session->tray()->checkAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(found.size(), 1);
    QCOMPARE(session->tray()->notifiedFolder(), viewer);
    QCOMPARE(session->tray()->state(), TrayIcon::State::UpdateAvailable);

    session->window()->selectApplication(atlas);
    QCOMPARE(session->window()->currentFolder(), atlas);
    session->window()->showHistory();
    session->window()->hide();
    Q_EMIT session->tray()->systemTrayIcon()->messageClicked();
    QVERIFY(session->window()->isVisible());
    QCOMPARE(session->window()->currentFolder(), viewer);
    QCOMPARE(session->window()->tabs()->currentWidget(), session->window()->updatePane());
    QCOMPARE(session->window()->updatePane()->titleText(), u"viewer 1.1.0 is available"_s);
}

void TestWindow::trayMenu()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    m_fixture->install(u"viewer"_s);
    auto session = m_fixture->shownSession();
    QCOMPARE(session->tray()->menu()->actions().size(), 5); // four and a separator
    session->tray()->pauseAction()->trigger();
    QVERIFY(session->controller()->downloadsPaused());
    session->tray()->pauseAction()->trigger();
    QVERIFY(!session->controller()->downloadsPaused());
    session->window()->hide();
    session->tray()->openAction()->trigger();
    QVERIFY(session->window()->isVisible());
    QSignalSpy finished(session.get(), &DesktopSession::finished);
    session->tray()->quitAction()->trigger();
    QCOMPARE(finished.size(), 1);
}

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
