#pragma once

#include "applicationmodel.h"

#include <QPersistentModelIndex>
#include <QWidget>

#include <functional>

class ChannelModel;
class ChannelSelector;
class HistoryModel;
class ProgressPanel;
class QLabel;
class QMenu;
class QPushButton;
class QTextBrowser;
class QToolButton;
class ReleaseModel;

// What the selected application has on offer and what can be done about it: its versions, a
// critical badge, the download size beside the full size, the changelog of every version to
// come (newest first), who published it (with the signer's certificate), the actions (update now, schedule, remind me
// later, skip, check now), the progress of a running update, and the channel it follows. Up to
// date, it tells when it was checked and will be next, the installed version's notes and the
// kept versions to roll back to; after a failed check, that Upkeep could not check and what to
// do, the engine's sentence behind Details.
class UpdatePane : public QWidget
{
    Q_OBJECT

public:
    enum class Schedule { Tonight, OnQuit };
    Q_ENUM(Schedule)
    enum class Reminder { InAnHour, Tomorrow, NextWeek };
    Q_ENUM(Reminder)

    UpdatePane(ApplicationModel* applications, ReleaseModel* releases, HistoryModel* history, ChannelModel* channels,
        QWidget* parent = nullptr);

    void setCurrent(const QModelIndex& index);
    // The time of day the settings install updates at, which "Tonight" in Schedule… means.
    void setInstallTime(QTime time);
    // When the next automatic check is due (UTC), asked at every refresh; an invalid time when
    // Upkeep checks only when asked. Without it the page does not speak of the next check.
    void setNextCheck(std::function<QDateTime()> nextCheck);
    // Shows the selected application again (after the schedule of checks changed).
    void refresh();

    [[nodiscard]] QPushButton* updateButton() const { return m_update; }
    [[nodiscard]] QToolButton* scheduleButton() const { return m_schedule; }
    [[nodiscard]] QToolButton* remindButton() const { return m_remind; }
    [[nodiscard]] QPushButton* skipButton() const { return m_skip; }
    // "Check now"; "Try again" after a failed check.
    [[nodiscard]] QPushButton* checkButton() const { return m_check; }
    // "Updates paused" and Resume updates, shown while the application is held.
    [[nodiscard]] QLabel* heldLine() const { return m_held; }
    [[nodiscard]] QPushButton* unholdButton() const { return m_unhold; }
    // Shown after a failed check: the engine's sentence (the URL and the error) in a message box.
    [[nodiscard]] QPushButton* failureDetailsButton() const { return m_failureDetails; }
    // Shown while the check failed because the private repository refused the password.
    [[nodiscard]] QPushButton* signInButton() const { return m_signIn; }
    // "Roll back…", a menu of the kept versions older than the running one.
    [[nodiscard]] QToolButton* rollBackButton() const { return m_rollBack; }
    [[nodiscard]] ProgressPanel* progressPanel() const { return m_progress; }
    [[nodiscard]] ChannelSelector* channelSelector() const { return m_channel; }
    [[nodiscard]] QTextBrowser* changelog() const { return m_changelog; }
    [[nodiscard]] QLabel* criticalBadge() const { return m_badge; }
    // "Published by Example GmbH", with Details… when a signer is verified.
    [[nodiscard]] QLabel* publisherLine() const { return m_publisher; }
    [[nodiscard]] QPushButton* publisherDetailsButton() const { return m_publisherDetails; }
    [[nodiscard]] QString titleText() const;
    [[nodiscard]] QString sizeText() const;
    [[nodiscard]] QString noticeText() const;
    // "Last checked today at 10:00. Next check tomorrow at 10:04."
    [[nodiscard]] QString checkedText() const;
    // "Kept on this computer: 1.1.0, 1.0.0"
    [[nodiscard]] QString keptText() const;

    // "12.4 MB instead of 310 MB"; the full size alone when both are the same or not known.
    [[nodiscard]] static QString sizeLine(qint64 download, qint64 full);

Q_SIGNALS:
    void updateClicked();
    void scheduleChosen(UpdatePane::Schedule schedule);
    void scheduleAtChosen(const QDateTime& when);
    void remindChosen(UpdatePane::Reminder reminder);
    void skipClicked();
    void checkClicked();
    // The password typed in the Sign in dialog, to check with and keep.
    void signInChosen(const QString& password);
    void unholdClicked();
    void pauseClicked();
    void resumeClicked();
    void cancelClicked();
    void channelChosen(const QString& channel, bool rollBackNow);
    // A kept version chosen from Roll back… (not yet confirmed).
    void rollbackChosen(const QString& version);

private:
    void refreshChangelog();
    void refreshKept();
    [[nodiscard]] QString checkLine(ApplicationModel::Status status, const QModelIndex& index) const;
    void showFailureDetails();
    void askPassword();
    void chooseTime();
    void showPublisher();

    ReleaseModel* m_releases;
    HistoryModel* m_history;
    std::function<QDateTime()> m_nextCheck;
    QPersistentModelIndex m_current;
    QLabel* m_title;
    QLabel* m_badge;
    QLabel* m_versions;
    QLabel* m_publisher;
    QPushButton* m_publisherDetails;
    QLabel* m_checked;
    QLabel* m_size;
    QLabel* m_notice;
    QLabel* m_held;
    QPushButton* m_unhold;
    QPushButton* m_failureDetails;
    QPushButton* m_signIn;
    QPushButton* m_update;
    QToolButton* m_schedule;
    QAction* m_tonight;
    QToolButton* m_remind;
    QPushButton* m_skip;
    QPushButton* m_check;
    ProgressPanel* m_progress;
    QLabel* m_whatsNew;
    QTextBrowser* m_changelog;
    QLabel* m_kept;
    QToolButton* m_rollBack;
    ChannelSelector* m_channel;
};
