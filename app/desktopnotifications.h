#pragma once

#include "preferences.h"

#include <QDBusConnection>
#include <QObject>

#include <deque>
#include <map>

class QDBusError;
class QDBusMessage;

// Upkeep's notifications through the desktop's notification service (org.freedesktop.Notifications),
// with the actions a person can take from them: Update now and Later for an update found, Show for a
// rollback or a failure. A new notification about an application replaces the one before it. Every
// call is asynchronous; a notification no service takes (none on the bus, or no bus) comes back
// through undelivered() for another way of showing it.
class DesktopNotifications : public QObject
{
    Q_OBJECT

public:
    struct Notification {
        Preferences::Notification kind = Preferences::Notification::UpdateFound;
        QString folder; // of the installation it is about
        QString title;
        QString message;       // plain text
        bool critical = false; // a critical update
    };

    explicit DesktopNotifications(const QDBusConnection& bus, QObject* parent = nullptr);

    // Hands `notification` to the service, after those before it.
    void show(const Notification& notification);

Q_SIGNALS:
    // The user chose Update now on the notification of an update found for `folder`.
    void updateRequested(const QString& folder);
    // The user chose Later on it.
    void postponeRequested(const QString& folder);
    // The user chose Show, or clicked a notification, about `folder`.
    void showRequested(const QString& folder);
    // No notification service took `notification`.
    void undelivered(const DesktopNotifications::Notification& notification);

private Q_SLOTS:
    void actionInvoked(uint id, const QString& action, const QDBusMessage& message);
    void notificationClosed(uint id, uint reason, const QDBusMessage& message);

private:
    void sendNext();
    void send(const QStringList& capabilities, const QString& server);
    void shown(uint id);
    void giveUp(const QDBusError& error);

    QDBusConnection m_bus;
    std::deque<Notification> m_queue; // the first is on its way while m_sending
    bool m_sending = false;
    QString m_server;                  // the unique bus name of the service the ids below are of
    std::map<uint, QString> m_folders; // the folder of each notification the service shows
};
