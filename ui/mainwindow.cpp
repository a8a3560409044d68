#include "mainwindow.h"

#include "applicationdelegate.h"
#include "applicationmodel.h"
#include "historyview.h"
#include "plaintooltips.h"

#include <QCloseEvent>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

using namespace Qt::StringLiterals;

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
    QToolBar* toolbar = addToolBar(tr("Actions"));
    toolbar->setObjectName(u"actions"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_checkAction);
    toolbar->addAction(m_settingsAction);
    statusBar()->setSizeGripEnabled(true);

    // The pane's controls follow the tab bar on their own: they are the tab widget's children.
    setTabOrder(m_list, m_tabs);

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
