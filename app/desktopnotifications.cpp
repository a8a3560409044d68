#include "desktopnotifications.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace {

// QT_LOGGING_RULES="upkeep.notifications.debug=true" shows every notification and action.
Q_LOGGING_CATEGORY(lcNotifications, "upkeep.notifications", QtWarningMsg)

const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kInterface = u"org.freedesktop.Notifications"_s;
// Long enough for the bus to start a notification daemon on demand.
constexpr int kCallTimeout = 10000;

// The urgency levels of the Desktop Notifications Specification.
enum class Urgency : uchar { Low, Normal, Critical };

} // namespace

DesktopNotifications::DesktopNotifications(const QDBusConnection& bus, QObject* parent)
    : QObject(parent)
    , m_bus(bus)
{
    if (!m_bus.isConnected())
        return;
    // From any sender: the slots keep to the service that showed the notifications.
    m_bus.connect(
        QString(), kPath, kInterface, u"ActionInvoked"_s, this, SLOT(actionInvoked(uint, QString, QDBusMessage)));
    m_bus.connect(QString(), kPath, kInterface, u"NotificationClosed"_s, this,
        SLOT(notificationClosed(uint, uint, QDBusMessage)));
}

void DesktopNotifications::show(const Notification& notification)
{
    m_queue.push_back(notification);
    sendNext();
}

void DesktopNotifications::sendNext()
{
    if (m_sending || m_queue.empty())
        return;
    if (!m_bus.isConnected()) {
        qCDebug(lcNotifications) << "no session bus";
        while (!m_queue.empty()) {
            const Notification notification = m_queue.front();
            m_queue.pop_front();
            Q_EMIT undelivered(notification);
        }
        return;
    }
    // Asked each time: the service may have been replaced by one that can do more, or less.
    m_sending = true;
    const QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"GetCapabilities"_s);
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeout), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* finished) {
        finished->deleteLater();
        const QDBusPendingReply<QStringList> reply = *finished;
        if (reply.isError())
            giveUp(reply.error());
        else
            send(reply.value(), reply.reply().service());
    });
}

void DesktopNotifications::send(const QStringList& capabilities, const QString& server)
{
    if (server != m_server) {
        m_server = server;
        m_folders.clear();
    }
    const Notification& n = m_queue.front();
    QStringList actions;
    if (capabilities.contains(u"actions"_s)) {
        // "default" is what clicking the notification does; servers need not show its name.
        actions << u"default"_s << tr("Open Upkeep");
        switch (n.kind) {
        case Preferences::Notification::UpdateFound:
            actions << u"update-now"_s << tr("Update now") << u"later"_s << tr("Later");
            break;
        case Preferences::Notification::RolledBack:
        case Preferences::Notification::Failed: actions << u"show"_s << tr("Show"); break;
        case Preferences::Notification::Installed: break;
        }
    }
    const bool urgent
        = n.critical || n.kind == Preferences::Notification::RolledBack || n.kind == Preferences::Notification::Failed;
    const QVariantMap hints{
        {u"desktop-entry"_s, u"upkeep"_s},
        {u"urgency"_s, QVariant::fromValue(uchar(urgent ? Urgency::Critical : Urgency::Normal))},
    };
    // A server with body markup reads <b>, <a> and <img>; the message may quote what a server said.
    const QString body = capabilities.contains(u"body-markup"_s) ? n.message.toHtmlEscaped() : n.message;
    uint replaces = 0;
    for (const auto& [id, folder] : m_folders) {
        if (folder == n.folder)
            replaces = id;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Notify"_s);
    call << u"Upkeep"_s << replaces << u"upkeep"_s << n.title << body << actions << hints << qint32(-1);
    qCDebug(lcNotifications) << "notify" << n.folder << n.title << actions << "replacing" << replaces;
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeout), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* finished) {
        finished->deleteLater();
        const QDBusPendingReply<uint> reply = *finished;
        if (reply.isError())
            giveUp(reply.error());
        else
            shown(reply.value());
    });
}

void DesktopNotifications::shown(uint id)
{
    const QString folder = m_queue.front().folder;
    m_queue.pop_front();
    std::erase_if(m_folders, [&](const auto& entry) { return entry.second == folder; });
    m_folders[id] = folder;
    m_sending = false;
    sendNext();
}

void DesktopNotifications::giveUp(const QDBusError& error)
{
    qCDebug(lcNotifications) << "no notification service:" << error.name() << error.message();
    const Notification notification = m_queue.front();
    m_queue.pop_front();
    m_sending = false;
    Q_EMIT undelivered(notification);
    sendNext();
}

void DesktopNotifications::actionInvoked(uint id, const QString& action, const QDBusMessage& message)
{
    const auto it = m_folders.find(id);
    if (message.service() != m_server || it == m_folders.end())
        return; // another application's notification
    const QString folder = it->second;
    qCDebug(lcNotifications) << "action" << action << "on" << folder;
    if (action == u"update-now")
        Q_EMIT updateRequested(folder);
    else if (action == u"later")
        Q_EMIT postponeRequested(folder);
    else if (action == u"show" || action == u"default")
        Q_EMIT showRequested(folder);
}

void DesktopNotifications::notificationClosed(uint id, uint reason, const QDBusMessage& message)
{
    if (message.service() != m_server)
        return;
    qCDebug(lcNotifications) << "closed" << id << "reason" << reason;
    m_folders.erase(id);
}
