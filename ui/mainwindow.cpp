#include "mainwindow.h"

#include "applicationdelegate.h"
#include "applicationmodel.h"
#include "historyview.h"
#include "plaintooltips.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {
// What Stop managing… does, said before it is done.
QString removalText(const QString& name, const QString& folder, bool erase)
{
    return erase ? MainWindow::tr("Upkeep will stop managing %1 and delete %2 with everything in it: the "
                                  "application, its kept versions and its history. This cannot be undone.")
                       .arg(name, folder)
                 : MainWindow::tr("Upkeep will no longer check for updates of %1 or install them. The application "
                                  "stays in %2 and keeps working.")
                       .arg(name, folder);
}
} // namespace

MainWindow::MainWindow(ApplicationModel* applications, ReleaseModel* releases, HistoryModel* history,
    ChannelModel* channels, QWidget* parent)
    : QMainWindow(parent)
    , m_applications(applications)
    , m_list(new QListView(this))
    , m_tabs(new QTabWidget(this))
    , m_pane(new UpdatePane(applications, releases, history, channels, this))
    , m_history(new HistoryView(history, this))
    , m_checkAction(new QAction(tr("&Check now"), this))
    , m_settingsAction(new QAction(tr("&Settings…"), this))
    , m_quitAction(new QAction(tr("&Quit"), this))
    , m_aboutAction(new QAction(tr("&About Upkeep"), this))
    , m_applicationMenu(new QMenu(this))
    , m_holdAction(m_applicationMenu->addAction(tr("&Hold updates")))
    , m_unholdAction(m_applicationMenu->addAction(tr("&Resume updates")))
    , m_removeAction(new QAction(tr("&Stop managing…"), this))
{
    setWindowTitle(tr("Upkeep"));
    setObjectName(u"mainWindow"_s);
    m_list->setModel(applications);
    m_list->setItemDelegate(new ApplicationDelegate(m_list));
    m_list->setAccessibleName(tr("Managed applications"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumWidth(240);
    m_list->setUniformItemSizes(true);
    PlainToolTips::install(m_list); // a problem's sentence may quote what a server said
    m_tabs->addTab(m_pane, tr("U&pdate"));
    m_tabs->addTab(m_history, tr("&History"));
    m_tabs->setAccessibleName(tr("Update and history"));
    m_tabs->tabBar()->setAccessibleName(tr("Update and history"));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_checkAction->setShortcut(QKeySequence::Refresh);
    m_checkAction->setToolTip(tr("Ask every repository for updates now (%1)")
                                  .arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    QMenu* file = menuBar()->addMenu(tr("&Upkeep"));
    file->addAction(m_checkAction);
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    menuBar()->addMenu(tr("&Help"))->addAction(m_aboutAction);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        if (!m_aboutDialog) {
            m_aboutDialog = new AboutDialog(m_updatedBy, this);
            m_aboutDialog->setAttribute(Qt::WA_DeleteOnClose);
        }
        m_aboutDialog->open();
    });
    QToolBar* toolbar = addToolBar(tr("Actions"));
    toolbar->setObjectName(u"actions"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_checkAction);
    toolbar->addAction(m_settingsAction);
    statusBar()->setSizeGripEnabled(true);

    // The pane's controls follow the tab bar on their own: they are the tab widget's children.
    setTabOrder(m_list, m_tabs);

    // The context menu opens with the mouse, the Menu key and Shift+F10 alike.
    m_applicationMenu->setObjectName(u"applicationMenu"_s);
    m_applicationMenu->addSeparator();
    m_applicationMenu->addAction(m_removeAction);
    m_holdAction->setToolTip(tr("Keep checking for updates, but install none until you resume"));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint& position) {
        QModelIndex index = m_list->indexAt(position);
        QPoint at = position;
        if (!index.isValid()) {
            index = m_list->currentIndex();
            at = m_list->visualRect(index).center();
        }
        if (index.isValid())
            applicationMenu(index)->popup(m_list->viewport()->mapToGlobal(at));
    });
    auto* shiftF10 = new QAction(m_list);
    shiftF10->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10));
    shiftF10->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(shiftF10);
    connect(shiftF10, &QAction::triggered, this, [this] {
        if (const QModelIndex index = m_list->currentIndex(); index.isValid())
            applicationMenu(index)->popup(m_list->viewport()->mapToGlobal(m_list->visualRect(index).center()));
    });
    connect(m_holdAction, &QAction::triggered, this, [this] {
        if (m_menuIndex.isValid())
            Q_EMIT holdRequested(m_menuIndex.data(ApplicationModel::FolderRole).toString(), true);
    });
    connect(m_unholdAction, &QAction::triggered, this, [this] {
        if (m_menuIndex.isValid())
            Q_EMIT holdRequested(m_menuIndex.data(ApplicationModel::FolderRole).toString(), false);
    });
    connect(m_removeAction, &QAction::triggered, this, [this] { confirmRemoval(m_menuIndex); });

    connect(m_checkAction, &QAction::triggered, this, &MainWindow::checkRequested);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::currentRowChanged);
    connect(applications, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_list->currentIndex().isValid() && m_applications->rowCount() > 0)
            m_list->setCurrentIndex(m_applications->index(0));
    });
    connect(
        applications, &QAbstractItemModel::rowsRemoved, this, [this] { currentRowChanged(m_list->currentIndex()); });

    auto folder = [this] { return currentFolder(); };
    connect(m_pane, &UpdatePane::updateClicked, this, [this, folder] { Q_EMIT updateRequested(folder()); });
    connect(m_pane, &UpdatePane::scheduleChosen, this,
        [this, folder](UpdatePane::Schedule schedule) { Q_EMIT scheduleRequested(folder(), schedule); });
    connect(m_pane, &UpdatePane::scheduleAtChosen, this,
        [this, folder](const QDateTime& when) { Q_EMIT scheduleAtRequested(folder(), when); });
    connect(m_pane, &UpdatePane::remindChosen, this,
        [this, folder](UpdatePane::Reminder reminder) { Q_EMIT remindRequested(folder(), reminder); });
    connect(m_pane, &UpdatePane::unholdClicked, this, [this, folder] { Q_EMIT holdRequested(folder(), false); });
    connect(m_pane, &UpdatePane::signInChosen, this,
        [this, folder](const QString& password) { Q_EMIT signInRequested(folder(), password); });
    connect(m_pane, &UpdatePane::skipClicked, this, [this, folder] { Q_EMIT skipRequested(folder()); });
    connect(m_pane, &UpdatePane::checkClicked, this, &MainWindow::checkRequested);
    connect(m_pane, &UpdatePane::pauseClicked, this, [this, folder] { Q_EMIT pauseRequested(folder()); });
    connect(m_pane, &UpdatePane::resumeClicked, this, [this, folder] { Q_EMIT resumeRequested(folder()); });
    connect(m_pane, &UpdatePane::cancelClicked, this, [this, folder] { Q_EMIT cancelRequested(folder()); });
    connect(m_pane, &UpdatePane::channelChosen, this, [this, folder](const QString& channel, bool rollBackNow) {
        Q_EMIT channelRequested(folder(), channel, rollBackNow);
    });
    connect(m_pane, &UpdatePane::rollbackChosen, m_history, &HistoryView::confirmRollback);
    connect(m_history, &HistoryView::rollbackRequested, this,
        [this, folder](const QString& version) { Q_EMIT rollbackRequested(folder(), version); });
    connect(applications, &QAbstractItemModel::dataChanged, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        m_history->setApplicationName(current.data(ApplicationModel::NameRole).toString());
    });

    resize(920, 620);
}

void MainWindow::selectApplication(const QString& folder)
{
    const QModelIndex index = m_applications->indexOf(folder);
    if (index.isValid())
        m_list->setCurrentIndex(index);
    m_tabs->setCurrentWidget(m_pane);
}

QString MainWindow::currentFolder() const
{
    return m_list->currentIndex().data(ApplicationModel::FolderRole).toString();
}

void MainWindow::showHistory()
{
    m_tabs->setCurrentWidget(m_history);
}

void MainWindow::currentRowChanged(const QModelIndex& current)
{
    m_pane->setCurrent(current);
    m_history->setApplicationName(current.data(ApplicationModel::NameRole).toString());
    Q_EMIT currentChanged(current.data(ApplicationModel::FolderRole).toString());
}

QMenu* MainWindow::applicationMenu(const QModelIndex& index)
{
    using Status = ApplicationModel::Status;
    m_menuIndex = index;
    const bool held = index.data(ApplicationModel::HeldRole).toBool();
    const auto status = index.data(ApplicationModel::StatusRole).value<Status>();
    const bool loaded = status != Status::Loading;
    const bool changing = status == Status::Updating || status == Status::RollingBack;
    m_holdAction->setVisible(!held);
    m_unholdAction->setVisible(held);
    m_holdAction->setEnabled(loaded);
    m_unholdAction->setEnabled(loaded);
    // Not while Upkeep changes it; a folder that could not be opened can still be forgotten.
    m_removeAction->setEnabled(!changing);
    return m_applicationMenu;
}

void MainWindow::confirmRemoval(const QPersistentModelIndex& index)
{
    if (!index.isValid() || m_removeConfirmation)
        return;
    const QString folder = index.data(ApplicationModel::FolderRole).toString();
    const QString name = index.data(ApplicationModel::NameRole).toString();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Stop managing %1?").arg(name),
        tr("Stop managing %1?").arg(name), QMessageBox::NoButton, this);
    box->setObjectName(u"removeConfirmation"_s);
    box->setInformativeText(removalText(name, folder, false));
    auto* erase = new QCheckBox(tr("Also delete the &folder %1").arg(folder), box);
    box->setCheckBox(erase);
    QPushButton* remove = box->addButton(tr("&Stop managing"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(erase, &QCheckBox::toggled, box, [box, remove, name, folder](bool checked) {
        remove->setText(checked ? tr("&Delete %1").arg(name) : tr("&Stop managing"));
        box->setInformativeText(removalText(name, folder, checked));
    });
    connect(box, &QMessageBox::finished, this, [this, box, remove, erase, folder] {
        if (box->clickedButton() == remove)
            Q_EMIT removeRequested(folder, erase->isChecked());
        box->deleteLater();
    });
    m_removeConfirmation = box;
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_hidesOnClose) {
        hide();
        event->ignore();
        return;
    }
    event->accept();
    Q_EMIT quitRequested();
}
