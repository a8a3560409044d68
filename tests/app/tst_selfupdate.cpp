// Upkeep updating itself: where a program comes from (a per-user installation, the system's
// package, a build folder); `upkeep add --app upkeep` installing Upkeep per user with
// ~/.local/bin/upkeep, `remove` taking that link away, a file of the user's left alone; the
// session restarting into a new version of Upkeep only once its health check passed, keeping the
// window and what is scheduled for quitting; and, end to end, the real `upkeep` started from
// ~/.local/bin/upkeep updating itself from a local repository to a second build that says
// another version, and running on as that build with its window as it was.

#include "aboutdialog.h"
#include "desktopfixture.h"
#include "launcherlink.h"
#include "programorigin.h"
#include "selfupdate.h"
#include "singleinstance.h"
#include "support/testprogram.h"
#include "upkeepversion.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QLabel>
#include <QListView>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 120000; // generous: the machines that run the tests are often busy

// A folder that looks like an installation of `version` with a program in it; its root.
QString fakeInstallation(const QString& root, const QString& version)
{
    writeTestFiles(root, {{u".upkeep/config.json"_s, "{}"}, {u"versions/%1/bin/upkeep"_s.arg(version), "#!/bin/sh\n"}});
    QFile::setPermissions(root + u"/versions/%1/bin/upkeep"_s.arg(version), QFile::ReadOwner | QFile::ExeOwner);
    QFile::link(u"versions/"_s + version, root + u"/current"_s);
    return QFileInfo(root).canonicalFilePath();
}

// Where the process `pid` runs its program from.
QString programOf(qint64 pid)
{
    return QFileInfo(u"/proc/%1/exe"_s.arg(pid)).symLinkTarget();
}

} // namespace

class TestSelfUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void origin_data();
    void origin();
    void launcherLink_data();
    void launcherLink();
    void launcherLinkRemovesOnlyItsOwn();
    void windowStateRoundTrip();
    void addInstallsUpkeepPerUser();
    void packagedUpkeepLeavesItToApt();
    void restartAfterAnUpdateOfUpkeep_data();
    void restartAfterAnUpdateOfUpkeep();
    void updatesItselfAndRunsTheNewBuild();
    void stopManagingInTheWindowTakesTheLauncher_data();
    void stopManagingInTheWindowTakesTheLauncher();
    void aboutSaysWhoUpdatesUpkeep_data();
    void aboutSaysWhoUpdatesUpkeep();

private:
    // The real `upkeep` (or `program`) with HOME in the test's folder, nothing of the user's.
    [[nodiscard]] TestProgram program(
        const QString& path = QStringLiteral(UPKEEP_BINARY), const QStringList& extra = {}) const;
    // Publishes `binary` as bin/upkeep of Upkeep `version`, checked by `bin/upkeep --version`,
    // stripped as a publisher ships it (a sixth of the size, so that publishing takes seconds).
    void publishUpkeep(TestRepository& repository, const QString& version, const QString& binary);

    QTemporaryDir m_dir;
    // Upkeep's own repository, with this build as 1.0.0.
    std::unique_ptr<TestRepository> m_repository;
    QString m_root; // its root metadata, to trust
};

void TestSelfUpdate::initTestCase()
{
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    publishUpkeep(*m_repository, u"1.0.0"_s, QStringLiteral(UPKEEP_BINARY));
    m_root = m_dir.filePath(u"root.json"_s);
    writeTestFile(m_root, m_repository->initialRoot());
}

TestProgram TestSelfUpdate::program(const QString& path, const QStringList& extra) const
{
    return TestProgram(path,
        {.configHome = m_dir.filePath(u"home/.config"_s),
            .environment
            = QStringList{u"HOME="_s + m_dir.filePath(u"home"_s), u"XDG_DATA_HOME="_s, u"DBUS_SESSION_BUS_ADDRESS="_s}
                + extra});
}

void TestSelfUpdate::publishUpkeep(TestRepository& repository, const QString& version, const QString& binary)
{
    const QString source = m_dir.filePath(u"release-"_s + version);
    QVERIFY(QDir().mkpath(source + u"/bin"_s));
    QFile::remove(source + u"/bin/upkeep"_s);
    UPKEEP_EXPECT_EXIT(TestProgram(u"strip"_s).run({u"-o"_s, source + u"/bin/upkeep"_s, binary}), 0);
    ReleasePublisher::Options options;
    options.app = u"upkeep"_s;
    options.version = version;
    options.channel = u"stable"_s;
    options.source = source;
    options.healthCheck = u"bin/upkeep --version"_s;
    options.patchDepth = 0; // two builds of 10 MB: whole objects, quickly
    repository.publishRelease(options);
}

void TestSelfUpdate::origin_data()
{
    QTest::addColumn<QString>("path"); // under the test's folder unless absolute
    QTest::addColumn<ProgramOrigin::Kind>("kind");
    QTest::addColumn<QString>("version");

    QTest::newRow("the Debian package's") << u"/usr/bin/upkeep"_s << ProgramOrigin::Kind::Package << QString();
    QTest::newRow("a package's library folder")
        << u"/usr/lib/upkeep/upkeep"_s << ProgramOrigin::Kind::Package << QString();
    QTest::newRow("installed by hand under /usr/local")
        << u"/usr/local/bin/upkeep"_s << ProgramOrigin::Kind::Elsewhere << QString();
    QTest::newRow("a build folder") << u"build/app/upkeep"_s << ProgramOrigin::Kind::Elsewhere << QString();
    QTest::newRow("a kept version") << u"apps/upkeep/versions/1.2.0/bin/upkeep"_s << ProgramOrigin::Kind::Installation
                                    << u"1.2.0"_s;
    QTest::newRow("through current") << u"apps/upkeep/current/bin/upkeep"_s << ProgramOrigin::Kind::Installation
                                     << u"1.2.0"_s;
    QTest::newRow("through ~/.local/bin/upkeep")
        << u"home/.local/bin/upkeep"_s << ProgramOrigin::Kind::Installation << u"1.2.0"_s;
    QTest::newRow("versions/ without an installation around it")
        << u"loose/versions/1.2.0/bin/upkeep"_s << ProgramOrigin::Kind::Elsewhere << QString();
    QTest::newRow("a folder under versions/ that is no version")
        << u"apps/upkeep/versions/latest/bin/upkeep"_s << ProgramOrigin::Kind::Elsewhere << QString();
}

void TestSelfUpdate::origin()
{
    QFETCH(QString, path);
    QFETCH(ProgramOrigin::Kind, kind);
    QFETCH(QString, version);
    QTemporaryDir dir;
    const QString root = fakeInstallation(dir.filePath(u"apps/upkeep"_s), u"1.2.0"_s);
    writeTestFiles(dir.path(),
        {{u"build/app/upkeep"_s, "x"}, {u"loose/versions/1.2.0/bin/upkeep"_s, "x"},
            {u"apps/upkeep/versions/latest/bin/upkeep"_s, "x"}});
    QVERIFY(LauncherLink(dir.filePath(u"home/.local/bin/upkeep"_s)).point(root).has_value());

    const ProgramOrigin origin = ProgramOrigin::of(path.startsWith(u'/') ? path : dir.filePath(path));
    QCOMPARE(origin.kind(), kind);
    QCOMPARE(origin.version() ? origin.version()->toString() : QString(), version);
    if (kind == ProgramOrigin::Kind::Installation) {
        QCOMPARE(origin.folder(), root);
        QCOMPARE(origin.pathInVersion(), u"bin/upkeep"_s);
        QCOMPARE(origin.program(), root + u"/versions/1.2.0/bin/upkeep"_s);
        QVERIFY(origin.isFolder(dir.filePath(u"apps/upkeep"_s)));
        QVERIFY(!origin.isFolder(dir.filePath(u"loose"_s)));
    }
}

void TestSelfUpdate::launcherLink_data()
{
    QTest::addColumn<QString>("before"); // "": nothing; "link:TARGET"; "file"
    QTest::addColumn<bool>("hasProgram");
    QTest::addColumn<LauncherLink::Outcome>("outcome");
    QTest::addColumn<bool>("linked"); // the link points into the installation afterwards

    QTest::newRow("nothing there") << QString() << true << LauncherLink::Outcome::Made << true;
    QTest::newRow("already this one") << u"link:self"_s << true << LauncherLink::Outcome::Kept << true;
    QTest::newRow("another installation's") << u"link:other"_s << true << LauncherLink::Outcome::Replaced << true;
    QTest::newRow("a dangling one of Upkeep's") << u"link:gone"_s << true << LauncherLink::Outcome::Replaced << true;
    QTest::newRow("a script of the user's") << u"file"_s << true << LauncherLink::Outcome::Occupied << false;
    QTest::newRow("a link of the user's elsewhere")
        << u"link:/usr/bin/env"_s << true << LauncherLink::Outcome::Occupied << false;
    QTest::newRow("a release without bin/upkeep") << QString() << false << LauncherLink::Outcome::Missing << false;
}

void TestSelfUpdate::launcherLink()
{
    QFETCH(QString, before);
    QFETCH(bool, hasProgram);
    QFETCH(LauncherLink::Outcome, outcome);
    QFETCH(bool, linked);
    QTemporaryDir dir;
    const QString root = fakeInstallation(dir.filePath(u"self"_s), u"1.0.0"_s);
    const QString other = fakeInstallation(dir.filePath(u"other"_s), u"1.0.0"_s);
    if (!hasProgram)
        QVERIFY(QFile::remove(root + u"/versions/1.0.0/bin/upkeep"_s));
    const LauncherLink link(dir.filePath(u"bin/upkeep"_s));
    QVERIFY(QDir().mkpath(dir.filePath(u"bin"_s)));
    QString previous;
    if (before == u"file"_s) {
        writeTestFile(link.path(), "#!/bin/sh\nexec my-own-upkeep\n");
        previous = link.path();
    } else if (before.startsWith(u"link:"_s)) {
        const QString name = before.mid(5);
        previous = name == u"self"_s ? LauncherLink::target(root)
            : name == u"other"_s     ? LauncherLink::target(other)
            : name == u"gone"_s      ? LauncherLink::target(dir.filePath(u"gone"_s))
                                     : name;
        QVERIFY(QFile::link(previous, link.path()));
    }

    const auto result = link.point(root);
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
    QCOMPARE(result->outcome, outcome);
    if (outcome == LauncherLink::Outcome::Replaced || outcome == LauncherLink::Outcome::Occupied)
        QCOMPARE(result->previous, previous);
    QCOMPARE(QFileInfo(link.path()).symLinkTarget() == LauncherLink::target(root), linked);
    if (before == u"file"_s)
        QCOMPARE(readTestFile(link.path()), "#!/bin/sh\nexec my-own-upkeep\n"_ba);
    if (before.startsWith(u"link:"_s) && !linked)
        QCOMPARE(QFileInfo(link.path()).symLinkTarget(), previous);
    QVERIFY(!QFileInfo::exists(link.path() + u".upkeep-new"_s));
}

void TestSelfUpdate::launcherLinkRemovesOnlyItsOwn()
{
    QTemporaryDir dir;
    const QString root = fakeInstallation(dir.filePath(u"self"_s), u"1.0.0"_s);
    const QString other = fakeInstallation(dir.filePath(u"other"_s), u"1.0.0"_s);
    const LauncherLink link(dir.filePath(u"bin/upkeep"_s));
    QVERIFY(link.point(other).has_value());
    QCOMPARE(link.removeFor(root).value_or(true), false);
    QVERIFY(QFileInfo(link.path()).isSymLink());
    QCOMPARE(link.removeFor(other).value_or(false), true);
    QVERIFY(!QFileInfo(link.path()).isSymLink());
    writeTestFile(link.path(), "mine");
    QCOMPARE(link.removeFor(root).value_or(true), false);
    QCOMPARE(readTestFile(link.path()), "mine"_ba);
}

void TestSelfUpdate::windowStateRoundTrip()
{
    const WindowState state{"\x01\xd9\xd0\xcb geometry"_ba, u"/home/ann/.local/share/upkeep"_s, false};
    QVERIFY(WindowState::fromJson(state.toJson()) == state);
    QVERIFY(!WindowState::fromJson("{\"selected\": \"/x\"}"));
    QVERIFY(!WindowState::fromJson("not json"));
}

void TestSelfUpdate::addInstallsUpkeepPerUser()
{
    const QString home = m_dir.filePath(u"home"_s);
    const QString folder = home + u"/.local/share/upkeep"_s;
    const QString linkPath = home + u"/.local/bin/upkeep"_s;
    const QStringList add{u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, m_root, u"--app"_s,
        u"upkeep"_s, u"--channel"_s, u"stable"_s};

    // A command of the user's own at ~/.local/bin/upkeep stays; the installation is made all the same.
    writeTestFile(linkPath, "#!/bin/sh\necho mine\n");
    const ProgramRun occupied = program().run(add);
    UPKEEP_EXPECT_EXIT(occupied, 0);
    QVERIFY2(occupied.err.contains(u"is not a link Upkeep made, so it stays as it is"_s), qPrintable(occupied.err));
    QCOMPARE(readTestFile(linkPath), "#!/bin/sh\necho mine\n"_ba);
    UPKEEP_EXPECT_EXIT(program().run({u"remove"_s, u"--dir"_s, folder, u"--delete"_s, u"--yes"_s}), 0);
    QCOMPARE(readTestFile(linkPath), "#!/bin/sh\necho mine\n"_ba);
    QVERIFY(QFile::remove(linkPath));

    // Without --dir, into ~/.local/share/upkeep, started from ~/.local/bin/upkeep through current/.
    const ProgramRun added = program().run(add);
    UPKEEP_EXPECT_EXIT(added, 0);
    QVERIFY2(added.out.contains(u"upkeep 1.0.0 is installed"_s), qPrintable(added.describe()));
    QVERIFY2(added.out.contains(u"%1 starts Upkeep now (a link to %2/current/bin/upkeep"_s.arg(linkPath, folder)),
        qPrintable(added.out));
    QCOMPARE(QFileInfo(linkPath).symLinkTarget(), folder + u"/current/bin/upkeep"_s);
    const ProgramRun version = program(linkPath).run({u"--version"_s});
    UPKEEP_EXPECT_EXIT(version, 0);
    QCOMPARE(version.out, u"upkeep %1\n"_s.arg(QLatin1StringView(UPKEEP_VERSION)));
    const ProgramRun status = program(linkPath).run({u"status"_s});
    QVERIFY2(status.out.contains(u"upkeep 1.0.0 (stable) in %1"_s.arg(folder)), qPrintable(status.describe()));

    // remove takes the link with it.
    const ProgramRun removed = program(linkPath).run({u"remove"_s, u"--dir"_s, folder, u"--yes"_s});
    UPKEEP_EXPECT_EXIT(removed, 0);
    QVERIFY2(removed.out.contains(u"%1 is removed; it started the Upkeep in %2."_s.arg(linkPath, folder)),
        qPrintable(removed.out));
    QVERIFY(!QFileInfo(linkPath).isSymLink());
    QVERIFY(QFileInfo::exists(folder + u"/current/bin/upkeep"_s));
    QDir(home).removeRecursively();
}

void TestSelfUpdate::packagedUpkeepLeavesItToApt()
{
    // A mount namespace of the test's own puts the real upkeep under /usr, as the package does.
    const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
    const QString usr = QFileInfo(u"/usr/games"_s).isDir() ? u"/usr/games"_s : u"/usr/src"_s;
    if (unshare.isEmpty() || !QFileInfo(usr).isDir()
        || TestProgram(unshare).run({u"-r"_s, u"-m"_s, u"true"_s}).exitCode != 0)
        QSKIP("no unshare, or no user namespaces here, to put upkeep under /usr");
    const QString home = m_dir.filePath(u"home"_s);
    const QString script = u"mount -t tmpfs tmpfs %1 && cp %2 %1/upkeep && exec %1/upkeep add --repo file://%3 "
                           "--trust %4 --app upkeep --channel stable"_s.arg(
                               usr, QStringLiteral(UPKEEP_BINARY), m_repository->path(), m_root);
    const ProgramRun refused = program(unshare).run({u"-r"_s, u"-m"_s, u"sh"_s, u"-c"_s, script});
    UPKEEP_EXPECT_EXIT(refused, 1);
    QVERIFY2(refused.err.contains(u"upkeep add: this Upkeep (%1/upkeep) comes from the system's package, and apt "
                                  "keeps it up to date"_s.arg(usr)),
        qPrintable(refused.err));
    QVERIFY(!QFileInfo::exists(home + u"/.local/share/upkeep"_s));
    QVERIFY(!QFileInfo(home + u"/.local/bin/upkeep"_s).isSymLink());
}

void TestSelfUpdate::restartAfterAnUpdateOfUpkeep_data()
{
    QTest::addColumn<bool>("healthy");
    QTest::newRow("the new version passes its health check") << true;
    QTest::newRow("the new version fails its health check") << false;
}

void TestSelfUpdate::restartAfterAnUpdateOfUpkeep()
{
    QFETCH(bool, healthy);
    DesktopFixture fixture;
    fixture.publish({.app = u"upkeep"_s, .version = u"1.0.0"_s});
    fixture.publish({.app = u"viewer"_s, .version = u"1.0.0"_s});
    const QString self = fixture.install(u"upkeep"_s);
    const QString viewer = fixture.install(u"viewer"_s);
    fixture.publish({.app = u"upkeep"_s,
        .version = u"2.0.0"_s,
        .extra = {{u"bin/check"_s, healthy ? "#!/bin/sh\nexit 0\n"_ba : "#!/bin/sh\nexit 1\n"_ba}}});
    fixture.publish({.app = u"viewer"_s, .version = u"1.1.0"_s});

    auto session = fixture.shownSession();
    SelfUpdate selfUpdate(*session, ProgramOrigin::of(self + u"/current/bin/upkeep"_s));
    QSignalSpy finished(session.get(), &DesktopSession::finished);
    session->controller()->checkAll();
    QVERIFY(QTest::qWaitFor([&] { return idle(*session); }, kTimeout));
    QVERIFY(finished.isEmpty());
    // The user looks at the viewer, with its update set for quitting, moves the window and closes it to the tray.
    session->window()->selectApplication(viewer);
    session->controller()->installOnQuit(viewer);
    session->window()->setGeometry(40, 50, 1000, 700);
    const QRect frame = session->window()->geometry();
    const QByteArray geometry = session->window()->saveGeometry();
    session->window()->hide();

    QVERIFY(session->controller()->update(self));
    QVERIFY(QTest::qWaitFor([&] { return idle(*session); }, kTimeout));
    QCOMPARE(session->controller()->snapshot(self)->running->toString(), healthy ? u"2.0.0"_s : u"1.0.0"_s);
    if (!healthy) {
        QVERIFY(!selfUpdate.restart());
        QTest::qWait(100);
        QVERIFY(finished.isEmpty());
        return;
    }
    QVERIFY(finished.size() == 1 || finished.wait(kTimeout));
    QVERIFY(selfUpdate.restart());
    const Restart restart = *selfUpdate.restart();
    QCOMPARE(restart.program, self + u"/current/bin/upkeep"_s);
    QCOMPARE(restart.arguments(), QStringList{u"--tray"_s});
    QCOMPARE(restart.window.selected, viewer);
    QCOMPARE(restart.window.visible, false);
    QCOMPARE(restart.window.geometry, geometry);
    // Quitting for the restart installed nothing scheduled for quitting: the new version will.
    QCOMPARE(session->controller()->snapshot(viewer)->running->toString(), u"1.0.0"_s);
    session.reset();

    // The new process puts the window back as it was handed over.
    auto next = fixture.session();
    SelfUpdate restarted(*next, ProgramOrigin::of(self + u"/current/bin/upkeep"_s), restart.window);
    QCOMPARE(next->window()->currentFolder(), viewer);
    QCOMPARE(next->window()->geometry(), frame);
    QCOMPARE(next->scheduler()->deferral(viewer)->kind, Deferral::Kind::InstallOnQuit);
    QVERIFY(QTest::qWaitFor([&] { return idle(*next); }, kTimeout));
    QVERIFY(!restarted.restart()); // it runs the installed version
}

void TestSelfUpdate::updatesItselfAndRunsTheNewBuild()
{
    const QString home = m_dir.filePath(u"home"_s);
    const QString folder = home + u"/.local/share/upkeep"_s;
    const QString linkPath = home + u"/.local/bin/upkeep"_s;
    UPKEEP_EXPECT_EXIT(program().run({u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, m_root,
                           u"--app"_s, u"upkeep"_s, u"--channel"_s, u"stable"_s}),
        0);
    const QString installed = QFileInfo(folder).canonicalFilePath();
    publishUpkeep(*m_repository, u"2.0.0"_s, QStringLiteral(UPKEEP_NEXT_BINARY));
    // The user had the update set for a time that passed while Upkeep was not running.
    const ProgramRun checked = program(linkPath).run({u"check"_s});
    QVERIFY2(checked.out.contains(u"upkeep 1.0.0 -> 2.0.0 is available"_s), qPrintable(checked.describe()));
    {
        Settings settings(home + u"/.config/upkeep/upkeep.conf"_s);
        settings.setDeferral(
            folder, Deferral{Deferral::Kind::InstallAt, u"2.0.0"_s, QDateTime::currentDateTimeUtc().addSecs(-3600)});
    }

    // The window on a real X server: upkeep refuses to open it on the offscreen platform.
    const QString xvfb = QStandardPaths::findExecutable(u"Xvfb"_s);
    if (xvfb.isEmpty())
        QSKIP("Xvfb is not installed (scripts/setup installs it)");
    QProcess server;
    server.start(xvfb, {u"-displayfd"_s, u"1"_s, u"-screen"_s, u"0"_s, u"1280x800x24"_s, u"-nolisten"_s, u"tcp"_s});
    QVERIFY(server.waitForStarted());
    QVERIFY(QTest::qWaitFor([&] { return server.canReadLine() || server.state() != QProcess::Running; }, kTimeout));
    const QString display = u":"_s + QString::fromLatin1(server.readLine()).trimmed();
    QVERIFY2(display.size() > 1, qPrintable(QString::fromLocal8Bit(server.readAllStandardError())));

    // On the test's private session bus (dbus-run-session), so that the restart has to give the
    // single instance's name back and own it again.
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY2(bus.isConnected(), "the test runs under dbus-run-session");
    const auto running = program(linkPath,
        {u"QT_LOGGING_RULES=upkeep.selfupdate.info=true"_s, u"QT_QPA_PLATFORM=xcb"_s, u"DISPLAY="_s + display,
            u"DBUS_SESSION_BUS_ADDRESS="_s + qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")})
                             .start({});
    QVERIFY(running->state() == QProcess::Running);
    const qint64 pid = running->processId();
    QCOMPARE(programOf(pid), installed + u"/versions/1.0.0/bin/upkeep"_s);
    QString err;
    const bool restarted = QTest::qWaitFor(
        [&] {
            err += QString::fromLocal8Bit(running->readAllStandardError());
            return err.contains(u"restarted into"_s) || running->state() != QProcess::Running;
        },
        kTimeout);
    QVERIFY2(restarted && running->state() == QProcess::Running, qPrintable(err));
    // The same process, now the second build, from the new version's folder.
    QCOMPARE(running->processId(), pid);
    QCOMPARE(programOf(pid), installed + u"/versions/2.0.0/bin/upkeep"_s);
    const ProgramRun version = program(linkPath).run({u"--version"_s});
    QCOMPARE(version.out, u"upkeep %1\n"_s.arg(QLatin1StringView(UPKEEP_NEXT_VERSION)));
    // The window came back as it was: open, on Upkeep's own row, as large as it was. (Where it
    // stood is checked in restartAfterAnUpdateOfUpkeep: on an X server without a window manager,
    // restoreGeometry() moves a window at the screen's top edge down by a title bar it lacks.)
    static const QRegularExpression before(
        u"restarting from 1.0.0 into 2.0.0 with the window (visible on \\S+) at \\S+ (\\S+)$"_s,
        QRegularExpression::MultilineOption);
    static const QRegularExpression after(
        u"restarted into \\S+ with the window (.*) at \\S+ (\\S+)$"_s, QRegularExpression::MultilineOption);
    const QRegularExpressionMatch saved = before.match(err);
    const QRegularExpressionMatch restored = after.match(err);
    QVERIFY2(saved.hasMatch() && restored.hasMatch(), qPrintable(err));
    QCOMPARE(saved.captured(1), u"visible on "_s + folder);
    QCOMPARE(restored.captured(1), saved.captured(1));
    QCOMPARE(restored.captured(2), saved.captured(2));
    // The new version owns the name again and says what its window shows, so a second upkeep
    // hands over to it rather than starting beside it.
    QTRY_COMPARE_WITH_TIMEOUT(
        bus.interface()->servicePid(SingleInstance::kService).value(), static_cast<uint>(pid), kTimeout);
    QDBusInterface instance(SingleInstance::kService, SingleInstance::kPath, SingleInstance::kInterface, bus);
    QCOMPARE(instance.property("WindowVisible").toBool(), true);
    QCOMPARE(instance.property("CurrentFolder").toString(), folder);
    const ProgramRun second = program(linkPath,
        {u"QT_QPA_PLATFORM=xcb"_s, u"DISPLAY="_s + display,
            u"DBUS_SESSION_BUS_ADDRESS="_s + qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")})
                                  .run({});
    QVERIFY2(second.exitCode == 0, qPrintable(second.describe()));
    QCOMPARE(running->state(), QProcess::Running);
    running->kill();
    running->waitForFinished();
    server.terminate();
    server.waitForFinished();
}

void TestSelfUpdate::stopManagingInTheWindowTakesTheLauncher_data()
{
    QTest::addColumn<bool>("deleteFolder");
    QTest::newRow("the files kept") << false;
    QTest::newRow("the folder deleted") << true;
}

// As `upkeep remove` does: Stop managing… in the window leaves no ~/.local/bin/upkeep that starts
// an Upkeep nothing updates any more (or, with the folder deleted, nothing at all).
void TestSelfUpdate::stopManagingInTheWindowTakesTheLauncher()
{
    QFETCH(bool, deleteFolder);
    DesktopFixture fixture;
    fixture.publish({.app = u"upkeep"_s, .version = u"1.0.0"_s});
    const QString self = fixture.install(u"upkeep"_s);
    const QString home = fixture.path(u"home"_s);
    const QByteArray realHome = qgetenv("HOME");
    qputenv("HOME", QFile::encodeName(home));
    const auto restoreHome = qScopeGuard([&] { qputenv("HOME", realHome); });
    const LauncherLink link;
    QVERIFY(link.point(self).has_value());
    QVERIFY(QFileInfo(link.path()).isSymLink());

    auto session = fixture.shownSession();
    QSignalSpy removed(session->controller(), &UpdateController::removed);
    QVERIFY(session->controller()->remove(self, fixture.registryFile(), deleteFolder));
    QVERIFY(removed.wait(kTimeout));
    QVERIFY(!QFileInfo(link.path()).isSymLink());
    QCOMPARE(QFileInfo::exists(self), !deleteFolder);
}

void TestSelfUpdate::aboutSaysWhoUpdatesUpkeep_data()
{
    QTest::addColumn<QString>("program"); // "self": the installation's current/bin/upkeep
    QTest::addColumn<QString>("says");

    QTest::newRow("the Debian package's") << u"/usr/bin/upkeep"_s << u"apt updates Upkeep"_s;
    QTest::newRow("installed per user") << u"self"_s << u"Upkeep keeps itself up to date"_s;
    QTest::newRow("a build folder") << QStringLiteral(UPKEEP_BINARY) << u"which nothing updates"_s;
}

void TestSelfUpdate::aboutSaysWhoUpdatesUpkeep()
{
    QFETCH(QString, program);
    QFETCH(QString, says);
    DesktopFixture fixture;
    fixture.publish({.app = u"upkeep"_s, .version = u"1.0.0"_s});
    const QString self = fixture.install(u"upkeep"_s);
    auto session = fixture.shownSession();
    SelfUpdate selfUpdate(
        *session, ProgramOrigin::of(program == u"self"_s ? self + u"/current/bin/upkeep"_s : program));

    // As main() names it: a test build of Upkeep says another version than the libraries it links.
    QCoreApplication::setApplicationVersion(u"4.5.6"_s);
    MainWindow* window = session->window();
    window->aboutAction()->trigger();
    QTRY_VERIFY(window->aboutDialog() && window->aboutDialog()->isVisible());
    const auto* updatedBy = window->aboutDialog()->findChild<QLabel*>(u"updatedBy"_s);
    QVERIFY(updatedBy && updatedBy->isVisible());
    QVERIFY2(updatedBy->text().contains(says), qPrintable(updatedBy->text()));
    if (program == u"self"_s)
        QVERIFY2(updatedBy->text().contains(QDir::toNativeSeparators(self)), qPrintable(updatedBy->text()));
    const auto* version = window->aboutDialog()->findChild<QLabel*>(u"version"_s);
    QCOMPARE(version->text(), u"Upkeep 4.5.6"_s);
    if (const QString look = qEnvironmentVariable("UPKEEP_LOOK"); !look.isEmpty())
        window->aboutDialog()->grab().save(
            look + u"/about-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".png"_s);
    window->aboutDialog()->close();
}

QTEST_MAIN(TestSelfUpdate)
#include "tst_selfupdate.moc"
