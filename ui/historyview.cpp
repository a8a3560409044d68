#include "historyview.h"

#include "historymodel.h"
#include "plaintooltips.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

HistoryView::HistoryView(HistoryModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTreeView(this))
    , m_rollBack(new QPushButton(tr("&Roll back to this version"), this))
{
    auto* layout = new QVBoxLayout(this);
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(tr("Update history"));
    PlainToolTips::install(m_view); // a failed update's reason quotes what a server said
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(HistoryModel::DateColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(HistoryModel::ChangeColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(HistoryModel::OutcomeColumn, QHeaderView::ResizeToContents);
    m_rollBack->setAccessibleName(tr("Roll back to the selected version"));
    m_rollBack->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_rollBack);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryView::selectionChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &HistoryView::selectionChanged);
    connect(model, &QAbstractItemModel::dataChanged, this, &HistoryView::selectionChanged);
    connect(model, &QAbstractItemModel::rowsInserted, this, &HistoryView::selectionChanged);
    connect(m_rollBack, &QPushButton::clicked, this, &HistoryView::rollBack);
    connect(m_view, &QTreeView::activated, this, [this] {
        if (m_rollBack->isEnabled())
            rollBack();
    });
}

void HistoryView::selectionChanged()
{
    const QModelIndex current = m_view->currentIndex();
    const bool can = current.isValid() && current.data(HistoryModel::CanRollBackRole).toBool();
    m_rollBack->setEnabled(can);
    m_rollBack->setToolTip(PlainToolTips::toRichText(can
            ? tr("Go back to %1, which is still kept on this computer.")
                  .arg(current.data(HistoryModel::ToRole).toString())
            : tr("Choose an update whose version is still kept and older than the running one.")));
}

void HistoryView::rollBack()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && current.data(HistoryModel::CanRollBackRole).toBool())
        confirmRollback(current.data(HistoryModel::ToRole).toString());
}

void HistoryView::confirmRollback(const QString& version)
{
    QMessageBox box(this);
    box.setObjectName(u"rollbackConfirmation"_s);
    box.setIcon(QMessageBox::Question);
    box.setTextFormat(Qt::PlainText);
    box.setWindowTitle(tr("Roll back"));
    box.setText(tr("Roll %1 back to version %2?").arg(m_app, version));
    box.setInformativeText(tr("The running version stays kept, so you can update to it again later."));
    QPushButton* yes = box.addButton(tr("Roll back to %1").arg(version), QMessageBox::AcceptRole);
    yes->setObjectName(u"rollBack"_s);
    box.addButton(QMessageBox::Cancel)->setObjectName(u"cancel"_s);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == yes)
        Q_EMIT rollbackRequested(version);
}
