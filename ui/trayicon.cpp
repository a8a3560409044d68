#include "trayicon.h"

#include <QAction>
#include <QMenu>

using namespace Qt::StringLiterals;

TrayIcon::TrayIcon(QObject* parent)
    : QObject(parent)
    , m_menu(new QMenu)
    , m_tray(new QSystemTrayIcon(this))
    , m_check(m_menu->addAction(tr("&Check now")))
    , m_open(m_menu->addAction(tr("&Open Upkeep")))
    , m_pause(m_menu->addAction(tr("&Pause downloads")))
    , m_quit(nullptr)
{
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit"));
    m_menu->setAccessibleName(tr("Upkeep tray menu"));
    m_pause->setCheckable(true);
    m_tray->setContextMenu(m_menu);
    setState(State::Idle);
    connect(m_check, &QAction::triggered, this, &TrayIcon::checkRequested);
    connect(m_open, &QAction::triggered, this, [this] { Q_EMIT openRequested({}); });
    connect(m_pause, &QAction::toggled, this, &TrayIcon::downloadsPausedChanged);
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested({});
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] { Q_EMIT openRequested(m_notified); });
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QIcon TrayIcon::icon(State state)
{
    switch (state) {
    case State::Idle: return QIcon(u":/icons/tray-idle.svg"_s);
    case State::UpdateAvailable: return QIcon(u":/icons/tray-update.svg"_s);
    case State::Working: return QIcon(u":/icons/tray-working.svg"_s);
    case State::Problem:
    case State::CheckFailed: return QIcon(u":/icons/tray-problem.svg"_s);
    }
    return {};
}

QIcon TrayIcon::applicationIcon()
{
    return QIcon(u":/icons/upkeep.svg"_s);
}

void TrayIcon::show()
{
    m_tray->show();
}

void TrayIcon::setState(State state)
{
    m_state = state;
    m_tray->setIcon(icon(state));
    switch (state) {
    case State::Idle: m_tray->setToolTip(tr("Upkeep: everything is up to date")); break;
    case State::UpdateAvailable: m_tray->setToolTip(tr("Upkeep: updates are available")); break;
    case State::Working: m_tray->setToolTip(tr("Upkeep: updating…")); break;
    case State::Problem: m_tray->setToolTip(tr("Upkeep: a problem needs your attention")); break;
    case State::CheckFailed: m_tray->setToolTip(tr("Upkeep: could not check for updates")); break;
    }
}

void TrayIcon::setDownloadsPaused(bool paused)
{
    m_pause->setChecked(paused);
}

void TrayIcon::notify(const QString& folder, const QString& title, const QString& message, bool warning)
{
    m_notified = folder;
    // Notification servers read the body as markup (<b>, <a>, <img>); the message may quote what
    // a server said. (Qt's own balloon, where there is no notification server, shows it plain.)
    m_message = message.toHtmlEscaped();
    m_tray->showMessage(title, m_message, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}
