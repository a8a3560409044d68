// Notifications through the desktop's notification service, against a server this test registers
// on a private session bus (ctest runs it under dbus-run-session): an update found is announced
// with Update now and Later (or without actions, when the server has none) and not in the tray;
// Update now installs it (and the same signal from another program does not), Later postpones it
// until tomorrow; a rollback has Show, which opens the window on that application; a new
// notification about an application replaces the one before; a message quoting what a server said
// is escaped for a notification server that reads markup; without a notification service the
// tray's balloon shows it.

#include "desktopfixture.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

// A notification server as the Desktop Notifications Specification describes it, on a bus
// connection of its own (as a desktop's would be): it records what it is asked to show and
// emits the signals a person's clicks make.
class NotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0;
    };

    explicit NotificationServer(const QStringList& capabilities)
        : m_capabilities(capabilities)
        , m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"notification server"_s))
    {
        QVERIFY2(m_bus.isConnected(), "no session bus: run this test under dbus-run-session");
        QVERIFY(m_bus.registerObject(u"/org/freedesktop/Notifications"_s, this, QDBusConnection::ExportAllSlots));
        QVERIFY(m_bus.registerService(u"org.freedesktop.Notifications"_s));
    }

    ~NotificationServer() override
    {
        m_bus.unregisterService(u"org.freedesktop.Notifications"_s);
        QDBusConnection::disconnectFromBus(u"notification server"_s);
    }

    [[nodiscard]] const std::vector<Shown>& shown() const { return m_shown; }

    // What a click on `action` of notification `id` sends; the server then closes it (reason 2).
    void invoke(uint id, const QString& action)
    {
        QDBusMessage invoked = QDBusMessage::createSignal(
            u"/org/freedesktop/Notifications"_s, u"org.freedesktop.Notifications"_s, u"ActionInvoked"_s);
        invoked << id << action;
        QVERIFY(m_bus.send(invoked));
        QDBusMessage closed = QDBusMessage::createSignal(
            u"/org/freedesktop/Notifications"_s, u"org.freedesktop.Notifications"_s, u"NotificationClosed"_s);
        closed << id << 2u;
        QVERIFY(m_bus.send(closed));
    }

public Q_SLOTS:
    QStringList GetCapabilities() { return m_capabilities; }

    uint Notify(const QString& appName, uint replacesId, const QString& appIcon, const QString& summary,
        const QString& body, const QStringList& actions, const QVariantMap& hints, int expireTimeout)
    {
        const uint id = replacesId != 0 ? replacesId : ++m_lastId;
        m_shown.push_back({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
        return id;
    }

    void CloseNotification(uint) { }

    QString GetServerInformation(QString& vendor, QString& version, QString& specVersion)
    {
        vendor = u"Upkeep tests"_s;
        version = u"1"_s;
        specVersion = u"1.2"_s;
        return u"test notification server"_s;
    }

private:
    QStringList m_capabilities;
    QDBusConnection m_bus;
    std::vector<Shown> m_shown;
    uint m_lastId = 0;
};

const QStringList kFullServer{u"actions"_s, u"body"_s, u"body-markup"_s};

QString installed(DesktopSession& session, const QString& folder)
{
    return session.controller()->applications()->indexOf(folder).data(ApplicationModel::InstalledRole).toString();
}

} // namespace

class TestNotifications : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void updateFoundOffersItsActions_data();
    void updateFoundOffersItsActions();
    void updateNowInstalls();
    void laterPostponesUntilTomorrow();
    void showOpensTheWindowOnARolledBackApplication();
    void aNewNotificationReplacesTheOneBefore();
    void markupIsEscapedWhereTheServerReadsIt_data();
    void markupIsEscapedWhereTheServerReadsIt();
    void withoutANotificationServiceTheTrayShowsIt();

private:
    // Publishes viewer 1.0.0, installs it and publishes `next`; a shown session then checks.
    std::unique_ptr<DesktopSession> findAnUpdate(const DesktopFixture::Release& next);
    void checkNow(DesktopSession& session);

    std::unique_ptr<DesktopFixture> m_fixture;
    QString m_viewer;
};

void TestNotifications::init()
{
    m_fixture = std::make_unique<DesktopFixture>();
}

void TestNotifications::cleanup()
{
    m_fixture.reset();
}

void TestNotifications::checkNow(DesktopSession& session)
{
    session.tray()->checkAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(idle(session), kTimeout);
}

std::unique_ptr<DesktopSession> TestNotifications::findAnUpdate(const DesktopFixture::Release& next)
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    m_viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish(next);
    auto session = m_fixture->shownSession();
    checkNow(*session);
    return session;
}

void TestNotifications::updateFoundOffersItsActions_data()
{
    QTest::addColumn<QStringList>("capabilities");
    QTest::addColumn<QStringList>("actions");

    QTest::newRow("a server with actions")
        << kFullServer
        << QStringList{u"default"_s, u"Open Upkeep"_s, u"update-now"_s, u"Update now"_s, u"later"_s, u"Later"_s};
    QTest::newRow("a server without actions") << QStringList{u"body"_s} << QStringList{};
}

void TestNotifications::updateFoundOffersItsActions()
{
    QFETCH(QStringList, capabilities);
    QFETCH(QStringList, actions);

    NotificationServer server(capabilities);
    auto session = findAnUpdate({.version = u"1.1.0"_s, .notes = u"Second."_s});
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(1), kTimeout);
    const NotificationServer::Shown& shown = server.shown().front();
    QCOMPARE(shown.appName, u"Upkeep"_s);
    QCOMPARE(shown.appIcon, u"upkeep"_s);
    QCOMPARE(shown.replacesId, 0u);
    QCOMPARE(shown.summary, u"Update for viewer"_s);
    QCOMPARE(shown.body, u"viewer 1.1.0 is available. Click to see what changed."_s);
    QCOMPARE(shown.actions, actions);
    QCOMPARE(shown.hints.value(u"desktop-entry"_s).toString(), u"upkeep"_s);
    QCOMPARE(shown.hints.value(u"urgency"_s).toInt(), 1); // normal
    QCOMPARE(shown.expireTimeout, -1);
    // The service took it; the tray shows no balloon as well.
    QVERIFY(session->tray()->notifiedFolder().isEmpty());
}

void TestNotifications::updateNowInstalls()
{
    NotificationServer server(kFullServer);
    auto session = findAnUpdate({.version = u"1.1.0"_s, .notes = u"Second."_s});
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(1), kTimeout);
    QCOMPARE(installed(*session, m_viewer), u"1.0.0"_s);

    // The same signal from another program on the bus is not a click on Upkeep's notification.
    {
        QDBusConnection impostor = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"impostor"_s);
        QDBusMessage invoked = QDBusMessage::createSignal(
            u"/org/freedesktop/Notifications"_s, u"org.freedesktop.Notifications"_s, u"ActionInvoked"_s);
        invoked << server.shown().front().id << u"update-now"_s;
        QVERIFY(impostor.send(invoked));
        QTest::qWait(500);
        QVERIFY(idle(*session));
        QCOMPARE(installed(*session, m_viewer), u"1.0.0"_s);
    }
    QDBusConnection::disconnectFromBus(u"impostor"_s);

    server.invoke(server.shown().front().id, u"update-now"_s);
    QTRY_COMPARE_WITH_TIMEOUT(installed(*session, m_viewer), u"1.1.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(m_viewer + u"/current"_s), m_viewer + u"/versions/1.1.0"_s);
    // "viewer updated" is a new notification: the one it replaced was closed by the click.
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(2), kTimeout);
    QCOMPARE(server.shown().back().summary, u"viewer updated"_s);
    QCOMPARE(server.shown().back().replacesId, 0u);
    QCOMPARE(server.shown().back().actions, (QStringList{u"default"_s, u"Open Upkeep"_s}));
}

void TestNotifications::laterPostponesUntilTomorrow()
{
    NotificationServer server(kFullServer);
    auto session = findAnUpdate({.version = u"1.1.0"_s, .notes = u"Second."_s});
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(1), kTimeout);

    server.invoke(server.shown().front().id, u"later"_s);
    QTRY_VERIFY_WITH_TIMEOUT(session->settings()->deferral(m_viewer).has_value(), kTimeout);
    const Deferral deferral = *session->settings()->deferral(m_viewer);
    QCOMPARE(deferral.kind, Deferral::Kind::RemindAt);
    QCOMPARE(deferral.version, u"1.1.0"_s);
    QCOMPARE(deferral.when, m_fixture->now.addDays(1));
    QCOMPARE(installed(*session, m_viewer), u"1.0.0"_s);

    QVERIFY(session->scheduler()->isPostponed(m_viewer, u"1.1.0"_s));

    // Until then nothing reminds; then the update is announced again.
    m_fixture->now = deferral.when.addSecs(-60);
    session->scheduler()->tick();
    QTest::qWait(100);
    QCOMPARE(server.shown().size(), size_t(1));
    m_fixture->now = deferral.when.addSecs(1);
    session->scheduler()->tick();
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(2), kTimeout);
    QCOMPARE(server.shown().back().summary, u"Update for viewer"_s);
}

void TestNotifications::showOpensTheWindowOnARolledBackApplication()
{
    NotificationServer server(kFullServer);
    m_fixture->publish({.app = u"atlas"_s, .version = u"2.0.0"_s, .notes = u"Atlas."_s});
    const QString atlas = m_fixture->install(u"atlas"_s);
    // 1.1.0 fails its health check, so the update is rolled back.
    auto session = findAnUpdate(
        {.version = u"1.1.0"_s, .notes = u"Broken."_s, .extra = {{u"bin/check"_s, QByteArray("#!/bin/sh\nexit 1\n")}}});
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(1), kTimeout);
    QVERIFY(session->controller()->update(m_viewer));
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(2), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    const NotificationServer::Shown& rolledBack = server.shown().back();
    QCOMPARE(rolledBack.summary, u"viewer was rolled back"_s);
    QVERIFY2(rolledBack.body.startsWith(u"viewer 1.1.0 failed its health check, so 1.0.0 runs again."_s),
        qPrintable(rolledBack.body));
    QCOMPARE(rolledBack.actions, (QStringList{u"default"_s, u"Open Upkeep"_s, u"show"_s, u"Show"_s}));
    QCOMPARE(rolledBack.hints.value(u"urgency"_s).toInt(), 2); // critical
    // It replaces the update found before it, about the same application.
    QCOMPARE(rolledBack.replacesId, server.shown().front().id);
    QCOMPARE(installed(*session, m_viewer), u"1.0.0"_s);

    session->window()->selectApplication(atlas);
    session->window()->showHistory();
    session->window()->hide();
    server.invoke(rolledBack.id, u"show"_s);
    QTRY_VERIFY_WITH_TIMEOUT(session->window()->isVisible(), kTimeout);
    QCOMPARE(session->window()->currentFolder(), m_viewer);
}

void TestNotifications::aNewNotificationReplacesTheOneBefore()
{
    NotificationServer server(kFullServer);
    auto session = findAnUpdate({.version = u"1.1.0"_s, .notes = u"Second."_s});
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(1), kTimeout);
    m_fixture->publish({.version = u"1.2.0"_s, .notes = u"Third."_s});
    checkNow(*session);
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(2), kTimeout);
    QCOMPARE(server.shown().back().body, u"viewer 1.2.0 is available. Click to see what changed."_s);
    QCOMPARE(server.shown().back().replacesId, server.shown().front().id);
    QVERIFY(session->tray()->notifiedFolder().isEmpty());
}

void TestNotifications::markupIsEscapedWhereTheServerReadsIt_data()
{
    QTest::addColumn<QStringList>("capabilities");
    QTest::addColumn<QString>("body");

    QTest::newRow("body markup") << kFullServer << u"Server said: &lt;b&gt;503&lt;/b&gt; &amp; gone"_s;
    QTest::newRow("plain text") << QStringList{u"actions"_s, u"body"_s} << u"Server said: <b>503</b> & gone"_s;
}

void TestNotifications::markupIsEscapedWhereTheServerReadsIt()
{
    QFETCH(QStringList, capabilities);
    QFETCH(QString, body);

    NotificationServer server(capabilities);
    DesktopNotifications notifications(QDBusConnection::sessionBus());
    QSignalSpy undelivered(&notifications, &DesktopNotifications::undelivered);
    notifications.show({.kind = Preferences::Notification::Failed,
        .folder = u"/apps/viewer"_s,
        .title = u"viewer could not be updated"_s,
        .message = u"Server said: <b>503</b> & gone"_s});
    QTRY_COMPARE_WITH_TIMEOUT(server.shown().size(), size_t(1), kTimeout);
    QCOMPARE(server.shown().front().body, body);
    QCOMPARE(server.shown().front().summary, u"viewer could not be updated"_s);
    QCOMPARE(server.shown().front().hints.value(u"urgency"_s).toInt(), 2);
    QVERIFY(undelivered.isEmpty());
}

void TestNotifications::withoutANotificationServiceTheTrayShowsIt()
{
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "no session bus: run this test under dbus-run-session");
    QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(u"org.freedesktop.Notifications"_s));
    auto session = findAnUpdate({.version = u"1.1.0"_s, .notes = u"Second."_s});
    QTRY_COMPARE_WITH_TIMEOUT(session->tray()->notifiedFolder(), m_viewer, kTimeout);
    QCOMPARE(session->tray()->notifiedMessage(), u"viewer 1.1.0 is available. Click to see what changed."_s);
}

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
