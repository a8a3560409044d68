// One Upkeep to a session, through the real program on a private session bus (ctest runs this
// under dbus-run-session), on an X server of the test's own and with a tray host: a second
// `upkeep` hands over to the running one, which shows its window on the installation asked for,
// and exits at once; `upkeep --tray` exits quietly; of two started at once exactly one stays;
// without a session bus each Upkeep starts on its own, as before.

#include "desktopfixture.h"
#include "singleinstance.h"
#include "support/virtualdisplay.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QDBusReply>
#include <QDBusVariant>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

// The session bus a started Upkeep finds.
enum class Bus {
    Session, // the test's own
    Unset,   // no address, and no bus where libdbus looks next ($XDG_RUNTIME_DIR/bus)
    Nothing, // an address where no bus listens
};

} // namespace

Q_DECLARE_METATYPE(Bus)

// The desktop's tray host as KDE's panel and GNOME's AppIndicator extension run it, so that
// `upkeep --tray` has a tray to hide in; it keeps the items that register.
class TrayHost : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.StatusNotifierWatcher")
    Q_PROPERTY(bool IsStatusNotifierHostRegistered READ isHostRegistered)
    Q_PROPERTY(int ProtocolVersion READ protocolVersion)
    Q_PROPERTY(QStringList RegisteredStatusNotifierItems READ items)

public:
    [[nodiscard]] bool isHostRegistered() const { return true; }
    [[nodiscard]] int protocolVersion() const { return 0; }
    [[nodiscard]] QStringList items() const { return m_items; }

public Q_SLOTS:
    Q_SCRIPTABLE void RegisterStatusNotifierItem(const QString& service) { m_items.append(service); }
    Q_SCRIPTABLE void RegisterStatusNotifierHost(const QString&) { }

private:
    QStringList m_items;
};

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void handOver_data();
    void handOver();
    void unmanagedFolderIsRefused_data();
    void unmanagedFolderIsRefused();
    void twoStartedAtOnce_data();
    void twoStartedAtOnce();
    void withoutABus_data();
    void withoutABus();
    void quittingGivesTheNameBack();

private:
    [[nodiscard]] QProcessEnvironment environment(Bus bus) const;
    QProcess* start(const QStringList& arguments, Bus bus = Bus::Session);
    // The process that owns Upkeep's name on the bus; 0 when none does.
    [[nodiscard]] qint64 owner() const;
    // A property of the running Upkeep's object.
    [[nodiscard]] QVariant property(const QString& name) const;

    QDBusConnection m_bus = QDBusConnection::sessionBus();
    VirtualDisplay m_display;
    TrayHost m_trayHost;
    std::unique_ptr<DesktopFixture> m_fixture;
    QString m_home;
    QString m_viewer;
    QString m_notes;
    std::vector<std::unique_ptr<QProcess>> m_started;
};

void TestSingleInstance::initTestCase()
{
    QVERIFY2(m_bus.isConnected(), "no session bus: run this test under dbus-run-session, as ctest does");
    QVERIFY2(m_display.start(), qPrintable(m_display.problem()));
    QVERIFY(m_bus.registerObject(u"/StatusNotifierWatcher"_s, &m_trayHost,
        QDBusConnection::ExportScriptableSlots | QDBusConnection::ExportAllProperties));
    QVERIFY(m_bus.registerService(u"org.kde.StatusNotifierWatcher"_s));

    m_fixture = std::make_unique<DesktopFixture>();
    m_fixture->publish({.app = u"viewer"_s, .version = u"1.0.0"_s});
    m_fixture->publish({.app = u"notes"_s, .version = u"1.0.0"_s, .seed = 7});
    m_viewer = m_fixture->install(u"viewer"_s);
    m_notes = m_fixture->install(u"notes"_s);
    m_fixture->changePreferences([](Preferences& p) { p.checkInterval = Preferences::CheckInterval::Never; });
    // The user's own files, where `upkeep` looks for them.
    m_home = m_fixture->path(u"home"_s);
    QVERIFY(QDir().mkpath(m_home + u"/config/upkeep"_s));
    QVERIFY(QFile::copy(m_fixture->registryFile(), m_home + u"/config/upkeep/installations.json"_s));
    QVERIFY(QFile::copy(m_fixture->settingsFile(), m_home + u"/config/upkeep/upkeep.conf"_s));
    QVERIFY(QDir().mkpath(m_home + u"/runtime"_s));
    QVERIFY(QFile::setPermissions(m_home + u"/runtime"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

void TestSingleInstance::cleanup()
{
    for (const std::unique_ptr<QProcess>& process : m_started) {
        process->terminate();
        if (!process->waitForFinished(10000))
            process->kill();
        process->waitForFinished();
        // What each Upkeep said, to see why.
        if (QTest::currentTestFailed())
            qWarning("upkeep %s: %s", qPrintable(process->arguments().join(u' ')),
                (process->readAllStandardOutput() + process->readAllStandardError()).constData());
    }
    m_started.clear();
    // The bus lets the name go once it sees the owner gone.
    QTRY_COMPARE_WITH_TIMEOUT(owner(), qint64(0), kTimeout);
}

QProcessEnvironment TestSingleInstance::environment(Bus bus) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_home);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home + u"/config"_s);
    environment.insert(u"XDG_DATA_HOME"_s, m_home + u"/data"_s);
    environment.insert(u"XDG_CACHE_HOME"_s, m_home + u"/cache"_s);
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_home + u"/runtime"_s);
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    environment.insert(u"DISPLAY"_s, m_display.name());
    environment.remove(u"WAYLAND_DISPLAY"_s);
    // Whatever Upkeep says about its start shows, so that "nothing on stderr" means nothing.
    environment.insert(u"QT_LOGGING_RULES"_s, u"upkeep.instance.info=true"_s);
    switch (bus) {
    case Bus::Session: break;
    case Bus::Unset: environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); break;
    case Bus::Nothing:
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + m_home + u"/no-bus-here"_s);
        break;
    }
    return environment;
}

QProcess* TestSingleInstance::start(const QStringList& arguments, Bus bus)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment(bus));
    process->setWorkingDirectory(m_fixture->path(QString()));
    process->setStandardInputFile(QProcess::nullDevice());
    process->start(QStringLiteral(UPKEEP_BINARY), arguments);
    process->waitForStarted();
    m_started.push_back(std::move(process));
    return m_started.back().get();
}

qint64 TestSingleInstance::owner() const
{
    const QDBusReply<uint> pid = m_bus.interface()->servicePid(SingleInstance::kService);
    return pid.isValid() ? qint64(pid.value()) : 0;
}

QVariant TestSingleInstance::property(const QString& name) const
{
    QDBusMessage get = QDBusMessage::createMethodCall(
        SingleInstance::kService, SingleInstance::kPath, u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    get << QString(SingleInstance::kInterface) << name;
    // Not a blocking call: Upkeep may be asking the tray host, which is this test, at that moment.
    QDBusPendingCall pending = m_bus.asyncCall(get);
    if (!QTest::qWaitFor([&] { return pending.isFinished(); }, kTimeout))
        return {};
    const QDBusMessage reply = pending.reply();
    if (reply.type() != QDBusMessage::ReplyMessage) {
        qWarning("%s: %s", qPrintable(name), qPrintable(reply.errorMessage()));
        return {};
    }
    return reply.arguments().value(0).value<QDBusVariant>().variant();
}

void TestSingleInstance::handOver_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("app"); // what the window shows afterwards: "viewer" is the first in the list
    QTest::addColumn<bool>("shown");

    QTest::newRow("upkeep") << QStringList() << u"viewer"_s << true;
    QTest::newRow("upkeep --dir D") << QStringList{u"--dir"_s, u"apps/notes"_s} << u"notes"_s << true;
    QTest::newRow("upkeep --dir=D") << QStringList{u"--dir=apps/notes"_s} << u"notes"_s << true;
    QTest::newRow("upkeep --tray") << QStringList{u"--tray"_s} << u"viewer"_s << false;
}

// The Upkeep started at login sits in the tray; a second one, from the menu or a terminal,
// shows its window on the application asked for and leaves at once, saying nothing.
void TestSingleInstance::handOver()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, app);
    QFETCH(bool, shown);

    QProcess* first = start({u"--tray"_s});
    QTRY_COMPARE_WITH_TIMEOUT(owner(), first->processId(), kTimeout);
    // Its icon is in the tray (the item registers by its connection's name).
    QTRY_VERIFY_WITH_TIMEOUT(
        std::ranges::any_of(m_trayHost.items(),
            [&](const QString& item) { return m_bus.interface()->servicePid(item).value() == first->processId(); }),
        kTimeout);
    QCOMPARE(property(u"WindowVisible"_s), QVariant(false));
    QCOMPARE(property(u"CurrentFolder"_s), QVariant(m_viewer));

    QElapsedTimer clock;
    clock.start();
    QProcess* second = start(arguments);
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), QProcess::NotRunning, kTimeout);
    const QByteArray said = second->readAllStandardOutput() + second->readAllStandardError();
    QVERIFY2(second->exitStatus() == QProcess::NormalExit && second->exitCode() == 0, said.constData());
    QVERIFY2(said.isEmpty(), said.constData());
    QVERIFY2(clock.elapsed() < 5000, qPrintable(u"the second upkeep took %1 ms"_s.arg(clock.elapsed())));

    // The request was answered before the second left.
    QCOMPARE(property(u"WindowVisible"_s), QVariant(shown));
    QCOMPARE(property(u"CurrentFolder"_s), QVariant(app == u"notes"_s ? m_notes : m_viewer));
    QCOMPARE(first->state(), QProcess::Running);
    QCOMPARE(owner(), first->processId());
}

void TestSingleInstance::unmanagedFolderIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("folder");

    QTest::newRow("a folder that is none") << QStringList{u"--dir"_s, u"apps/nothing"_s} << u"apps/nothing"_s;
    QTest::newRow("the folder of the installations") << QStringList{u"--dir=apps/"_s} << u"apps"_s;
}

// A folder Upkeep does not manage is named as such, instead of a window on another application.
void TestSingleInstance::unmanagedFolderIsRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, folder);

    QProcess* first = start({u"--tray"_s});
    QTRY_COMPARE_WITH_TIMEOUT(owner(), first->processId(), kTimeout);
    QProcess* other = start(arguments);
    QTRY_COMPARE_WITH_TIMEOUT(other->state(), QProcess::NotRunning, kTimeout);
    const QString said = QString::fromLocal8Bit(other->readAllStandardError());
    QCOMPARE(other->exitCode(), 2);
    QVERIFY2(said.startsWith(u"upkeep: Upkeep does not manage %1;"_s.arg(m_fixture->path(folder))), qPrintable(said));
    QCOMPARE(property(u"WindowVisible"_s), QVariant(false));
    QCOMPARE(owner(), first->processId());
}

void TestSingleInstance::twoStartedAtOnce_data()
{
    QTest::addColumn<QStringList>("one");
    QTest::addColumn<QStringList>("other");

    QTest::newRow("upkeep, upkeep") << QStringList() << QStringList();
    QTest::newRow("upkeep --tray, upkeep") << QStringList{u"--tray"_s} << QStringList();
}

// Whichever wins the name, one Upkeep runs and shows its window; the other hands over and leaves.
void TestSingleInstance::twoStartedAtOnce()
{
    QFETCH(QStringList, one);
    QFETCH(QStringList, other);

    QProcess* a = start(one);
    QProcess* b = start(other);
    QTRY_VERIFY_WITH_TIMEOUT(a->state() == QProcess::NotRunning || b->state() == QProcess::NotRunning, kTimeout);
    QProcess* left = a->state() == QProcess::NotRunning ? a : b;
    QProcess* stayed = left == a ? b : a;
    const QByteArray said = left->readAllStandardOutput() + left->readAllStandardError();
    QVERIFY2(left->exitStatus() == QProcess::NormalExit && left->exitCode() == 0, said.constData());
    QVERIFY2(said.isEmpty(), said.constData());
    QTRY_COMPARE_WITH_TIMEOUT(owner(), stayed->processId(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(property(u"WindowVisible"_s), QVariant(true), kTimeout);
    QCOMPARE(stayed->state(), QProcess::Running);
}

void TestSingleInstance::withoutABus_data()
{
    QTest::addColumn<Bus>("bus");

    QTest::newRow("no address") << Bus::Unset;
    QTest::newRow("nothing at the address") << Bus::Nothing;
}

// Without a session bus Upkeep cannot know of another one: each starts, as before there was a
// bus name, and says why only to a log category.
void TestSingleInstance::withoutABus()
{
    QFETCH(Bus, bus);
    // libdbus would start a bus for the display with X11 autolaunch.
    if (bus == Bus::Unset && !QStandardPaths::findExecutable(u"dbus-launch"_s).isEmpty())
        QSKIP("dbus-launch is installed, so libdbus starts a session bus where there is none");

    QProcess* one = start({}, bus);
    QProcess* other = start({}, bus);
    QByteArray oneSaid;
    QByteArray otherSaid;
    const auto saysNoBus = [](QProcess* process, QByteArray& said) {
        said += process->readAllStandardError();
        return said.contains("upkeep.instance: no session bus");
    };
    QTRY_VERIFY2_WITH_TIMEOUT(saysNoBus(one, oneSaid), oneSaid.constData(), kTimeout);
    QTRY_VERIFY2_WITH_TIMEOUT(saysNoBus(other, otherSaid), otherSaid.constData(), kTimeout);
    // Both go on to open their windows.
    QTest::qWait(1000);
    QCOMPARE(one->state(), QProcess::Running);
    QCOMPARE(other->state(), QProcess::Running);
    QCOMPARE(owner(), qint64(0));
}

// A quitting Upkeep may wait a long time for the installs scheduled for quitting: an `upkeep`
// started meanwhile must become the first, not hand its request to a window about to close.
void TestSingleInstance::quittingGivesTheNameBack()
{
    SingleInstance first(m_bus);
    const auto started = first.start(false, {});
    QVERIFY(started.has_value());
    QCOMPARE(*started, SingleInstance::Start::First);
    auto session = m_fixture->shownSession();
    first.serve(*session);
    QVERIFY(m_bus.interface()->isServiceRegistered(SingleInstance::kService));

    session->quit();
    QVERIFY(!m_bus.interface()->isServiceRegistered(SingleInstance::kService));
    SingleInstance next(m_bus);
    const auto nextStarted = next.start(false, {});
    QVERIFY(nextStarted.has_value());
    QCOMPARE(*nextStarted, SingleInstance::Start::First);
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
