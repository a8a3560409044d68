#pragma once

#include <QIcon>
#include <QObject>
#include <QSystemTrayIcon>

class QAction;
class QMenu;

// Upkeep in the system tray: an icon for idle / update available / working / problem (a check
// that failed shows as one, never as up to date), a menu
// (Check now, Open Upkeep, Pause downloads, Quit) and notifications. Clicking a notification
// asks to open the window on the application it was about.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, UpdateAvailable, Working, Problem, CheckFailed };
    Q_ENUM(State)

    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    // Whether the desktop has a tray to show it in.
    [[nodiscard]] static bool isAvailable();
    [[nodiscard]] static QIcon icon(State state);
    [[nodiscard]] static QIcon applicationIcon();

    void show();
    void setState(State state);
    [[nodiscard]] State state() const { return m_state; }
    void setDownloadsPaused(bool paused);
    // Shows a notification about the application in `folder`.
    void notify(const QString& folder, const QString& title, const QString& message, bool warning = false);
    [[nodiscard]] QString notifiedFolder() const { return m_notified; }
    // The body of the last notification, as handed to the desktop's notification server.
    [[nodiscard]] QString notifiedMessage() const { return m_message; }

    [[nodiscard]] QSystemTrayIcon* systemTrayIcon() const { return m_tray; }
    [[nodiscard]] QMenu* menu() const { return m_menu; }
    [[nodiscard]] QAction* checkAction() const { return m_check; }
    [[nodiscard]] QAction* openAction() const { return m_open; }
    [[nodiscard]] QAction* pauseAction() const { return m_pause; }
    [[nodiscard]] QAction* quitAction() const { return m_quit; }

Q_SIGNALS:
    void checkRequested();
    // Open the window; on the application of `folder` when it is not empty.
    void openRequested(const QString& folder);
    void downloadsPausedChanged(bool paused);
    void quitRequested();

private:
    QMenu* m_menu;
    QSystemTrayIcon* m_tray;
    QAction* m_check;
    QAction* m_open;
    QAction* m_pause;
    QAction* m_quit;
    State m_state = State::Idle;
    QString m_notified;
    QString m_message;
};
