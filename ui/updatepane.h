#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class ApplicationModel;
class ChannelModel;
class ChannelSelector;
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
// later, skip, check now), the progress of a running update, and the channel it follows.
class UpdatePane : public QWidget
{
    Q_OBJECT

public:
    enum class Schedule { Tonight, OnQuit };
    Q_ENUM(Schedule)
    enum class Reminder { InAnHour, Tomorrow, NextWeek };
    Q_ENUM(Reminder)

    UpdatePane(
        ApplicationModel* applications, ReleaseModel* releases, ChannelModel* channels, QWidget* parent = nullptr);

    void setCurrent(const QModelIndex& index);
    // The time of day the settings install updates at, which "Tonight" in Schedule… means.
    void setInstallTime(QTime time);

    [[nodiscard]] QPushButton* updateButton() const { return m_update; }
    [[nodiscard]] QToolButton* scheduleButton() const { return m_schedule; }
    [[nodiscard]] QToolButton* remindButton() const { return m_remind; }
    [[nodiscard]] QPushButton* skipButton() const { return m_skip; }
    [[nodiscard]] QPushButton* checkButton() const { return m_check; }
    // "Updates paused" and Resume updates, shown while the application is held.
    [[nodiscard]] QLabel* heldLine() const { return m_held; }
    [[nodiscard]] QPushButton* unholdButton() const { return m_unhold; }
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

    // "12.4 MB instead of 310 MB"; the full size alone when both are the same or not known.
    [[nodiscard]] static QString sizeLine(qint64 download, qint64 full);

Q_SIGNALS:
    void updateClicked();
    void scheduleChosen(UpdatePane::Schedule schedule);
    void scheduleAtChosen(const QDateTime& when);
    void remindChosen(UpdatePane::Reminder reminder);
    void skipClicked();
    void checkClicked();
    void unholdClicked();
    void pauseClicked();
    void resumeClicked();
    void cancelClicked();
    void channelChosen(const QString& channel, bool rollBackNow);

private:
    void refresh();
    void refreshChangelog();
    void chooseTime();
    void showPublisher();

    ReleaseModel* m_releases;
    QPersistentModelIndex m_current;
    QLabel* m_title;
    QLabel* m_badge;
    QLabel* m_versions;
    QLabel* m_publisher;
    QPushButton* m_publisherDetails;
    QLabel* m_size;
    QLabel* m_notice;
    QLabel* m_held;
    QPushButton* m_unhold;
    QPushButton* m_update;
    QToolButton* m_schedule;
    QAction* m_tonight;
    QToolButton* m_remind;
    QPushButton* m_skip;
    QPushButton* m_check;
    ProgressPanel* m_progress;
    QLabel* m_whatsNew;
    QTextBrowser* m_changelog;
    ChannelSelector* m_channel;
};
