// The lifecycle of a managed application in the window (offscreen, against a real repository):
// what the real `upkeep` changes in a terminal (update, rollback, hold, channel, add, remove)
// shows in a running window within seconds, and the window's own update causes no reload;
// hold and resume from the application list's context menu (mouse, Menu key, Shift+F10) and the
// pane's Resume updates; an install scheduled before a hold does not run while it lasts; Stop
// managing… asks first, keeps or deletes the folder as chosen, and is refused under an update.

#include "desktopfixture.h"
#include "historymodel.h"
#include "install/installlock.h"
#include "support/testprogram.h"

#include <QCheckBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;
// How soon the window shows what another process changed on disk.
constexpr int kNoticed = 5000;

QVariant role(DesktopSession& session, const QString& folder, int role)
{
    return session.controller()->applications()->indexOf(folder).data(role);
}

} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void terminalCommandsShowInTheWindow();
    void ownUpdateCausesNoReload();
    void firstInstallationAppears();
    void holdAndResumeFromTheWindow();
    void contextMenuFromTheKeyboard_data();
    void contextMenuFromTheKeyboard();
    void scheduledInstallWaitsWhileHeld();
    void heldDownloadsNothingAhead();
    void stopManaging_data();
    void stopManaging();
    void stopManagingRefusedUnderAnUpdate();
    void deletedFolderIsToldAndForgotten();

private:
    // `upkeep` as the user runs it in a terminal, with the registry the session reads.
    ProgramRun upkeep(const QStringList& arguments) const;
    [[nodiscard]] QString cliRegistry() const;
    // A shown session on cliRegistry(), every installation loaded.
    std::unique_ptr<DesktopSession> session();
    // Installs `app` as DesktopFixture does and registers it where `upkeep` looks.
    QString install(const QString& app);
    void checkNow(DesktopSession& session);

    std::unique_ptr<DesktopFixture> m_fixture;
};

void TestLifecycle::init()
{
    m_fixture = std::make_unique<DesktopFixture>();
}

void TestLifecycle::cleanup()
{
    m_fixture.reset();
}

QString TestLifecycle::cliRegistry() const
{
    return m_fixture->path(u"config/upkeep/installations.json"_s);
}

ProgramRun TestLifecycle::upkeep(const QStringList& arguments) const
{
    return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_fixture->path(u"config"_s)}).run(arguments);
}

QString TestLifecycle::install(const QString& app)
{
    const QString folder = m_fixture->install(app);
    if (auto added = Registry(cliRegistry()).add(folder); !added)
        qFatal("%s", qPrintable(added.error().message));
    return folder;
}

std::unique_ptr<DesktopSession> TestLifecycle::session()
{
    DesktopSession::Options options;
    options.settingsFile = m_fixture->settingsFile();
    options.registryFile = cliRegistry();
    options.clock = [this] { return m_fixture->now; };
    options.automaticChecks = false;
    auto started = std::make_unique<DesktopSession>(options);
    started->showWindow();
    if (!QTest::qWaitForWindowExposed(started->window()))
        qWarning("the window was not exposed");
    if (!QTest::qWaitFor([&] { return idle(*started); }, kTimeout))
        qWarning("the installations did not load");
    return started;
}

void TestLifecycle::checkNow(DesktopSession& session)
{
    session.controller()->checkAll();
    QTRY_VERIFY_WITH_TIMEOUT(idle(session), kTimeout);
}

void TestLifecycle::terminalCommandsShowInTheWindow()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    const QString viewer = install(u"viewer"_s);
    auto session = this->session();
    MainWindow* window = session->window();
    HistoryModel* history = session->controller()->history();
    QCOMPARE(window->currentFolder(), viewer);
    QCOMPARE(history->rowCount(), 1);

    m_fixture->publish({.version = u"1.1.0"_s});
    UPKEEP_EXPECT_EXIT(upkeep({u"update"_s, u"--yes"_s}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.1.0"_s, kNoticed);
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 2, kNoticed);

    UPKEEP_EXPECT_EXIT(upkeep({u"rollback"_s, u"--dir"_s, viewer}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.0.0"_s, kNoticed);
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 3, kNoticed);

    UPKEEP_EXPECT_EXIT(upkeep({u"hold"_s, u"--dir"_s, viewer}), 0);
    QTRY_VERIFY_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::HeldRole).toBool(), kNoticed);
    QVERIFY(window->updatePane()->heldLine()->isVisible());
    UPKEEP_EXPECT_EXIT(upkeep({u"unhold"_s, u"--dir"_s, viewer}), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!role(*session, viewer, ApplicationModel::HeldRole).toBool(), kNoticed);
    QVERIFY(!window->updatePane()->heldLine()->isVisible());

    // Another channel: its offer comes from a check the window makes by itself.
    m_fixture->publish({.version = u"1.2.0-beta.1"_s, .channel = u"beta"_s});
    UPKEEP_EXPECT_EXIT(upkeep({u"channel"_s, u"beta"_s, u"--dir"_s, viewer}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::ChannelRole).toString(), u"beta"_s, kNoticed);
    QTRY_COMPARE_WITH_TIMEOUT(
        role(*session, viewer, ApplicationModel::AvailableRole).toString(), u"1.2.0-beta.1"_s, kTimeout);

    // A new installation gets its row; a removed one loses it, and the pane moves on.
    m_fixture->publish({.app = u"editor"_s, .version = u"3.0.0"_s});
    const QString root = m_fixture->path(u"root.json"_s);
    writeTestFile(root, m_fixture->repository().initialRoot());
    const QString editor = m_fixture->path(u"apps/editor"_s);
    UPKEEP_EXPECT_EXIT(upkeep({u"add"_s, u"--repo"_s, u"file://"_s + m_fixture->repository().path(), u"--trust"_s, root,
                           u"--app"_s, u"editor"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, editor}),
        0);
    QTRY_COMPARE_WITH_TIMEOUT(session->controller()->applications()->rowCount(), 2, kNoticed);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, editor, ApplicationModel::InstalledRole).toString(), u"3.0.0"_s, kNoticed);
    QCOMPARE(window->currentFolder(), viewer);

    UPKEEP_EXPECT_EXIT(upkeep({u"remove"_s, u"--dir"_s, viewer, u"--yes"_s}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(session->controller()->applications()->rowCount(), 1, kNoticed);
    QCOMPARE(window->currentFolder(), editor);
    QCOMPARE(window->updatePane()->titleText(), u"editor is up to date"_s);
    QCOMPARE(history->rowCount(), 1);
}

// A user who opened Upkeep before adding anything: the registry and its folder do not exist yet.
void TestLifecycle::firstInstallationAppears()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    QVERIFY(!QFileInfo::exists(QFileInfo(cliRegistry()).path()));
    auto session = this->session();
    QCOMPARE(session->window()->updatePane()->titleText(), u"No application is managed yet"_s);

    const QString root = m_fixture->path(u"root.json"_s);
    writeTestFile(root, m_fixture->repository().initialRoot());
    const QString viewer = m_fixture->path(u"apps/viewer"_s);
    UPKEEP_EXPECT_EXIT(upkeep({u"add"_s, u"--repo"_s, u"file://"_s + m_fixture->repository().path(), u"--trust"_s, root,
                           u"--app"_s, u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, viewer}),
        0);
    QTRY_COMPARE_WITH_TIMEOUT(session->controller()->applications()->rowCount(), 1, kNoticed);
    QTRY_COMPARE_WITH_TIMEOUT(session->window()->updatePane()->titleText(), u"viewer is up to date"_s, kNoticed);
    QCOMPARE(session->window()->currentFolder(), viewer);
}

void TestLifecycle::ownUpdateCausesNoReload()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    const QString viewer = install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s});
    auto session = this->session();
    checkNow(*session);
    QSignalSpy recorded(session->controller(), &UpdateController::recorded);
    QTest::mouseClick(session->window()->updatePane()->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);

    // What the update wrote is what the window showed at its end: nothing is read again or redrawn.
    QSignalSpy rows(session->controller()->applications(), &QAbstractItemModel::dataChanged);
    QSignalSpy history(session->controller()->history(), &QAbstractItemModel::modelReset);
    QTest::qWait(1500);
    QCOMPARE(rows.size(), 0);
    QCOMPARE(history.size(), 0);
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.1.0"_s);
}

void TestLifecycle::holdAndResumeFromTheWindow()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    const QString viewer = install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s});
    auto session = this->session();
    checkNow(*session);
    MainWindow* window = session->window();
    UpdatePane* pane = window->updatePane();
    QVERIFY(pane->updateButton()->isVisible());
    QVERIFY(!pane->heldLine()->isVisible());

    const QModelIndex row = session->controller()->applications()->indexOf(viewer);
    QMenu* menu = window->applicationMenu(row);
    QAction* hold = menu->actions().at(0);
    QAction* resume = menu->actions().at(1);
    QCOMPARE(hold->text(), u"&Hold updates"_s);
    QVERIFY(hold->isVisible() && hold->isEnabled());
    QVERIFY(!resume->isVisible());
    hold->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::HeldRole).toBool(), kTimeout);
    QVERIFY(Installation::open(viewer)->config().held); // as `upkeep hold` keeps it
    QCOMPARE(
        role(*session, viewer, ApplicationModel::StatusTextRole).toString(), u"Updates paused: 1.1.0 is available"_s);
    QVERIFY(pane->heldLine()->isVisible());
    QVERIFY(pane->unholdButton()->isVisible());
    QVERIFY(!pane->updateButton()->isVisible());
    QVERIFY(!pane->scheduleButton()->isVisible());
    QVERIFY(!session->controller()->update(viewer));

    menu = window->applicationMenu(row);
    QVERIFY(!hold->isVisible());
    QVERIFY(resume->isVisible());

    QTest::mouseClick(pane->unholdButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!role(*session, viewer, ApplicationModel::HeldRole).toBool(), kTimeout);
    QVERIFY(!Installation::open(viewer)->config().held);
    QCOMPARE(role(*session, viewer, ApplicationModel::StatusTextRole).toString(), u"Update available: 1.1.0"_s);
    QVERIFY(pane->updateButton()->isVisible());
    QVERIFY(!pane->heldLine()->isVisible());

    // Held and up to date says both.
    UPKEEP_EXPECT_EXIT(upkeep({u"update"_s, u"--yes"_s}), 0);
    UPKEEP_EXPECT_EXIT(upkeep({u"hold"_s, u"--dir"_s, viewer}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        role(*session, viewer, ApplicationModel::StatusTextRole).toString(), u"Up to date; updates paused"_s, kNoticed);
}

void TestLifecycle::contextMenuFromTheKeyboard_data()
{
    QTest::addColumn<QKeyCombination>("key");
    QTest::newRow("Menu") << QKeyCombination(Qt::Key_Menu);
    QTest::newRow("Shift+F10") << QKeyCombination(Qt::SHIFT | Qt::Key_F10);
}

void TestLifecycle::contextMenuFromTheKeyboard()
{
    QFETCH(QKeyCombination, key);
    m_fixture->publish({.version = u"1.0.0"_s});
    m_fixture->publish({.app = u"editor"_s, .version = u"3.0.0"_s});
    const QString editor = install(u"editor"_s);
    install(u"viewer"_s);
    auto session = this->session();
    QListView* list = session->window()->applicationList();
    list->setFocus();
    QTRY_VERIFY(list->hasFocus());
    QCOMPARE(session->window()->currentFolder(), editor);
    QTest::keyClick(list, Qt::Key_Down);
    if (key.key() == Qt::Key_Menu) {
        // As the platform (xcb) turns that key into a context menu event for the focus widget.
        const QPoint at = list->visualRect(list->currentIndex()).center();
        QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, at, list->viewport()->mapToGlobal(at));
        QApplication::sendEvent(list, &menuKey);
    } else {
        QTest::keyClick(list, key.key(), key.keyboardModifiers());
    }
    QTRY_VERIFY(QApplication::activePopupWidget());
    auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    QVERIFY(menu);
    QCOMPARE(menu->objectName(), u"applicationMenu"_s);
    // The menu is about the row the keyboard is on: Hold updates holds viewer.
    QTest::keyClick(menu, Qt::Key_H);
    QTRY_VERIFY(!QApplication::activePopupWidget());
    const QString viewer = session->window()->currentFolder();
    QVERIFY(viewer.endsWith(u"/viewer"_s));
    QTRY_VERIFY_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::HeldRole).toBool(), kTimeout);
    QVERIFY(!role(*session, editor, ApplicationModel::HeldRole).toBool());
}

void TestLifecycle::scheduledInstallWaitsWhileHeld()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    const QString viewer = install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s});
    auto session = this->session();
    checkNow(*session);
    session->controller()->installAt(viewer, m_fixture->now.addSecs(3600));
    QCOMPARE(role(*session, viewer, ApplicationModel::StatusRole).value<ApplicationModel::Status>(),
        ApplicationModel::Status::Scheduled);

    // Held from a terminal (the same core call `upkeep hold` makes) after the install was scheduled.
    QVERIFY(Installation::open(viewer)->setHeld(true).has_value());
    QTRY_VERIFY_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::HeldRole).toBool(), kNoticed);
    const QString text = role(*session, viewer, ApplicationModel::StatusTextRole).toString();
    QVERIFY2(text.startsWith(u"Updates paused: 1.1.0 does not install at "_s), qPrintable(text));

    QSignalSpy recorded(session->controller(), &UpdateController::recorded);
    m_fixture->now = m_fixture->now.addSecs(7200);
    session->scheduler()->tick();
    QTest::qWait(1000);
    QCOMPARE(recorded.size(), 0);
    QVERIFY(idle(*session));
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.0.0"_s);

    // Resumed, the install the user scheduled runs at the next tick.
    session->controller()->setHeld(viewer, false);
    QTRY_VERIFY_WITH_TIMEOUT(!role(*session, viewer, ApplicationModel::HeldRole).toBool(), kTimeout);
    session->scheduler()->tick();
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.1.0"_s, kTimeout);
}

void TestLifecycle::heldDownloadsNothingAhead()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    const QString viewer = install(u"viewer"_s);
    QVERIFY(Installation::open(viewer)->setHeld(true).has_value());
    m_fixture->publish({.version = u"1.1.0"_s, .extra = {{u"share/new.dat"_s, QByteArray(50000, 'n')}}});
    m_fixture->changePreferences([](Preferences& p) { p.downloadInBackground = true; });
    auto session = this->session();
    QSignalSpy announced(session->controller(), &UpdateController::updateFound);
    const QString cache = viewer + u"/.upkeep/cache"_s;
    checkNow(*session);
    QCOMPARE(
        role(*session, viewer, ApplicationModel::StatusTextRole).toString(), u"Updates paused: 1.1.0 is available"_s);
    QVERIFY(QDir(cache).isEmpty(QDir::Files));
    // Nothing calls for the user's attention: no notification offering "Update now", a quiet tray.
    QCOMPARE(announced.count(), 0);
    QCOMPARE(session->tray()->state(), TrayIcon::State::Idle);

    // Resumed, the update comes down ahead of need as any other does.
    session->controller()->setHeld(viewer, false);
    QTRY_COMPARE_WITH_TIMEOUT(announced.count(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(cache).isEmpty(QDir::Files), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(
        role(*session, viewer, ApplicationModel::StatusTextRole).toString(), u"Ready to install: 1.1.0"_s, kTimeout);
}

void TestLifecycle::stopManaging_data()
{
    QTest::addColumn<bool>("deleteFolder");
    QTest::newRow("files stay") << false;
    QTest::newRow("folder deleted") << true;
}

void TestLifecycle::stopManaging()
{
    QFETCH(bool, deleteFolder);
    m_fixture->publish({.version = u"1.0.0"_s});
    m_fixture->publish({.app = u"editor"_s, .version = u"3.0.0"_s});
    const QString editor = install(u"editor"_s);
    const QString viewer = install(u"viewer"_s);
    auto session = this->session();
    MainWindow* window = session->window();
    window->selectApplication(viewer);

    QMenu* menu = window->applicationMenu(session->controller()->applications()->indexOf(viewer));
    QAction* stop = menu->actions().last();
    QCOMPARE(stop->text(), u"&Stop managing…"_s);
    QVERIFY(stop->isEnabled());
    stop->trigger();
    QMessageBox* box = window->removeConfirmation();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), u"Stop managing viewer?"_s);
    QCOMPARE(box->informativeText(),
        u"Upkeep will no longer check for updates of viewer or install them. The application stays in %1 and "
        "keeps working."_s.arg(viewer));
    QCOMPARE(box->checkBox()->text(), u"Also delete the &folder %1"_s.arg(viewer));
    QVERIFY(!box->checkBox()->isChecked());
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));

    // Cancel changes nothing.
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!window->removeConfirmation());
    QTest::qWait(500);
    QCOMPARE(session->controller()->applications()->rowCount(), 2);
    QVERIFY(Registry(cliRegistry()).contains(viewer));

    stop->trigger();
    box = window->removeConfirmation();
    QVERIFY(box);
    if (deleteFolder) {
        box->checkBox()->click();
        QVERIFY2(box->informativeText().contains(u"This cannot be undone."_s), qPrintable(box->informativeText()));
    }
    auto* confirm = qobject_cast<QPushButton*>(box->buttons().at(0));
    QCOMPARE(confirm->text(), deleteFolder ? u"&Delete viewer"_s : u"&Stop managing"_s);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(session->controller()->applications()->rowCount(), 1, kTimeout);
    QCOMPARE(window->currentFolder(), editor);
    QVERIFY(!Registry(cliRegistry()).contains(viewer));
    QCOMPARE(QFileInfo::exists(viewer), !deleteFolder);
    QCOMPARE(window->statusBar()->currentMessage(),
        deleteFolder ? u"Upkeep no longer manages viewer; %1 is deleted."_s.arg(viewer)
                     : u"Upkeep no longer manages viewer; its files stay in %1."_s.arg(viewer));
    // `upkeep status` agrees.
    const ProgramRun status = upkeep({u"status"_s});
    UPKEEP_EXPECT_EXIT(status, 0);
    QVERIFY2(!status.out.contains(viewer), qPrintable(status.out));
}

void TestLifecycle::stopManagingRefusedUnderAnUpdate()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    const QString viewer = install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s});
    auto session = this->session();
    MainWindow* window = session->window();
    checkNow(*session);

    // Another process (`upkeep update` in a terminal) holds the install lock.
    {
        auto held = InstallLock::acquire(viewer + u"/.upkeep/lock"_s);
        QVERIFY(held.has_value());
        Q_EMIT window->removeRequested(viewer, true);
        QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
        QVERIFY2(
            window->statusBar()->currentMessage().startsWith(u"Another Upkeep process is changing this installation"_s),
            qPrintable(window->statusBar()->currentMessage()));
        // Nothing changed, so nothing is wrong with it.
        QCOMPARE(role(*session, viewer, ApplicationModel::StatusRole).value<ApplicationModel::Status>(),
            ApplicationModel::Status::UpdateAvailable);
        QVERIFY(Registry(cliRegistry()).contains(viewer));
        QVERIFY(QFileInfo::exists(viewer + u"/current"_s));
        QCOMPARE(session->controller()->applications()->rowCount(), 1);
    }

    // The window's own update: Stop managing… is not offered, and not done when asked.
    session->controller()->update(viewer);
    session->controller()->pause(viewer);
    QCOMPARE(role(*session, viewer, ApplicationModel::StatusRole).value<ApplicationModel::Status>(),
        ApplicationModel::Status::Updating);
    QMenu* menu = window->applicationMenu(session->controller()->applications()->indexOf(viewer));
    QVERIFY(!menu->actions().last()->isEnabled());
    Q_EMIT window->removeRequested(viewer, true);
    QCOMPARE(
        window->statusBar()->currentMessage(), u"viewer is being updated; stop managing it once that has finished."_s);
    session->controller()->cancel(viewer);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QVERIFY(Registry(cliRegistry()).contains(viewer));
    QVERIFY(QFileInfo::exists(viewer + u"/current"_s));
}

// Deleted with rm, not with Upkeep: the row says so, and Stop managing… takes it off the registry.
void TestLifecycle::deletedFolderIsToldAndForgotten()
{
    m_fixture->publish({.version = u"1.0.0"_s});
    m_fixture->publish({.app = u"editor"_s, .version = u"3.0.0"_s});
    const QString editor = install(u"editor"_s);
    const QString viewer = install(u"viewer"_s);
    auto session = this->session();
    QVERIFY(QDir(viewer).removeRecursively());
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::StatusRole).value<ApplicationModel::Status>(),
        ApplicationModel::Status::Problem, kNoticed);
    QCOMPARE(role(*session, viewer, ApplicationModel::MessageRole).toString(),
        u"%1 is gone; Stop managing… in this application's menu forgets it."_s.arg(viewer));
    QCOMPARE(role(*session, editor, ApplicationModel::StatusRole).value<ApplicationModel::Status>(),
        ApplicationModel::Status::UpToDate);

    MainWindow* window = session->window();
    QMenu* menu = window->applicationMenu(session->controller()->applications()->indexOf(viewer));
    QVERIFY(menu->actions().last()->isEnabled());
    menu->actions().last()->trigger();
    QVERIFY(window->removeConfirmation());
    QTest::mouseClick(window->removeConfirmation()->buttons().at(0), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(session->controller()->applications()->rowCount(), 1, kTimeout);
    QVERIFY(!Registry(cliRegistry()).contains(viewer));
    QCOMPARE(window->currentFolder(), editor);
}

QTEST_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
