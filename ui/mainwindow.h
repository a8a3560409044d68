#pragma once

#include "aboutdialog.h"
#include "updatepane.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPersistentModelIndex>
#include <QPointer>

class ApplicationModel;
class ChannelModel;
class HistoryModel;
class HistoryView;
class QListView;
class QMenu;

class QTabWidget;
class ReleaseModel;

// Upkeep's window: the managed applications on the left (with inline progress), the selected
// one's update and history on the right. It only shows models and says what the user asked
// for through signals naming the application's folder; app/ does the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ApplicationModel* applications, ReleaseModel* releases, HistoryModel* history, ChannelModel* channels,
        QWidget* parent = nullptr);

    // Selects the application of `folder` and shows its update (a notification was clicked).
    void selectApplication(const QString& folder);
    [[nodiscard]] QString currentFolder() const;
    void showHistory();
    // Whether closing the window leaves Upkeep running in the tray.
    void setHidesOnClose(bool hides) { m_hidesOnClose = hides; }
    // Who keeps this copy of Upkeep up to date, as Help → About Upkeep says it.
    void setUpdatedBy(const QString& sentence) { m_updatedBy = sentence; }

    [[nodiscard]] QListView* applicationList() const { return m_list; }
    [[nodiscard]] UpdatePane* updatePane() const { return m_pane; }
    [[nodiscard]] HistoryView* historyView() const { return m_history; }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] QAction* checkAction() const { return m_checkAction; }
    [[nodiscard]] QAction* settingsAction() const { return m_settingsAction; }
    [[nodiscard]] QAction* quitAction() const { return m_quitAction; }
    [[nodiscard]] QAction* aboutAction() const { return m_aboutAction; }
    // Help → About Upkeep, while it is open.
    [[nodiscard]] AboutDialog* aboutDialog() const { return m_aboutDialog; }
    // The application list's context menu (Hold updates, Resume updates, Stop managing…), set up
    // for the row of `index`, and the confirmation Stop managing… opens, while it is open.
    [[nodiscard]] QMenu* applicationMenu(const QModelIndex& index);
    [[nodiscard]] QMessageBox* removeConfirmation() const { return m_removeConfirmation; }

Q_SIGNALS:
    void currentChanged(const QString& folder);
    void checkRequested();
    void updateRequested(const QString& folder);
    void scheduleRequested(const QString& folder, UpdatePane::Schedule schedule);
    void scheduleAtRequested(const QString& folder, const QDateTime& when);
    void remindRequested(const QString& folder, UpdatePane::Reminder reminder);
    void skipRequested(const QString& folder);
    void pauseRequested(const QString& folder);
    void resumeRequested(const QString& folder);
    void cancelRequested(const QString& folder);
    void channelRequested(const QString& folder, const QString& channel, bool rollBackNow);
    void rollbackRequested(const QString& folder, const QString& version);
    // Pause (`upkeep hold`) or resume its updates.
    void holdRequested(const QString& folder, bool held);
    void signInRequested(const QString& folder, const QString& password);
    // Stop managing it, deleting its folder with `deleteFolder` (the user confirmed).
    void removeRequested(const QString& folder, bool deleteFolder);
    void settingsRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void currentRowChanged(const QModelIndex& current);
    void confirmRemoval(const QPersistentModelIndex& index);

    ApplicationModel* m_applications;
    QListView* m_list;
    QTabWidget* m_tabs;
    UpdatePane* m_pane;
    HistoryView* m_history;
    QAction* m_checkAction;
    QAction* m_settingsAction;
    QAction* m_quitAction;
    QAction* m_aboutAction;
    QMenu* m_applicationMenu;
    QAction* m_holdAction;
    QAction* m_unholdAction;
    QAction* m_removeAction;
    QPersistentModelIndex m_menuIndex; // the row the menu is about
    QPointer<QMessageBox> m_removeConfirmation;
    QPointer<AboutDialog> m_aboutDialog;
    QString m_updatedBy;
    bool m_hidesOnClose = false;
};
