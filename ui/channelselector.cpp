#include "channelselector.h"

#include "channelmodel.h"
#include "plaintooltips.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

ChannelSelector::ChannelSelector(ChannelModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_combo(new QComboBox(this))
    , m_explanation(new QLabel(this))
{
    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_combo->setModel(model);
    m_combo->setAccessibleName(tr("Update channel"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Channel names come from the repository: plain text, in the label and the list's tooltips.
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    PlainToolTips::install(m_combo->view());
    m_explanation->setAccessibleName(tr("What this channel means"));
    auto* label = new QLabel(tr("C&hannel:"), this);
    label->setBuddy(m_combo);
    layout->addRow(label, m_combo);
    layout->addRow(m_explanation);
    // A wheel step over the closed box would choose a channel (and pop the confirmation) while
    // the user merely scrolls past it; keyboard users open the popup (Alt+Down or Space) to choose.
    m_combo->setFocusPolicy(Qt::StrongFocus);
    m_combo->installEventFilter(this);
    connect(m_combo, &QComboBox::activated, this, &ChannelSelector::chosen);
    connect(m_combo, &QComboBox::highlighted, this, &ChannelSelector::explain);
    connect(model, &QAbstractItemModel::modelReset, this, &ChannelSelector::showCurrent);
    connect(model, &QAbstractItemModel::dataChanged, this, &ChannelSelector::showCurrent);
    showCurrent();
}

bool ChannelSelector::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_combo && event->type() == QEvent::Wheel) {
        event->ignore(); // let the scroll area around us scroll
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ChannelSelector::showCurrent()
{
    const int row = m_model->rowOf(m_model->current());
    m_combo->setCurrentIndex(row);
    explain(row);
    m_combo->setEnabled(m_model->rowCount() > 0);
}

void ChannelSelector::explain(int row)
{
    m_explanation->setText(row < 0 ? tr("The channels appear after the first check.")
                                   : m_model->index(row).data(ChannelModel::DescriptionRole).toString());
}

void ChannelSelector::chosen(int row)
{
    const QString current = m_model->current();
    const int from = m_model->rowOf(current);
    const QModelIndex to = m_model->index(row);
    const QString name = to.data(ChannelModel::NameRole).toString();
    if (row == from || from < 0) {
        showCurrent();
        return;
    }
    const QString title = to.data(Qt::DisplayRole).toString();
    const QString currentTitle = m_model->index(from).data(Qt::DisplayRole).toString();
    QMessageBox box(this);
    box.setObjectName(u"channelConfirmation"_s);
    box.setWindowTitle(tr("Change channel"));
    box.setIcon(QMessageBox::Question);
    box.setTextFormat(Qt::PlainText);
    bool rollBack = false;
    if (row > from) {
        box.setText(tr("Follow the %1 channel?").arg(title));
        box.setInformativeText(PlainToolTips::toRichText(
            tr("%1\n\nReleases on %2 are less tested than on %3. You can go back to %3 at any time.")
                .arg(to.data(ChannelModel::DescriptionRole).toString(), title, currentTitle)));
        QPushButton* yes = box.addButton(tr("Follow %1").arg(title), QMessageBox::AcceptRole);
        yes->setObjectName(u"follow"_s);
        box.addButton(QMessageBox::Cancel)->setObjectName(u"cancel"_s);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != yes) {
            showCurrent();
            return;
        }
    } else {
        box.setText(tr("Follow the %1 channel?").arg(title));
        box.setInformativeText(PlainToolTips::toRichText(
            tr("The installed version %1 came from a less stable channel. Stay on it until %2 publishes a newer "
               "release, or go back now to the newest kept version that %2 has published.")
                .arg(m_installed.isEmpty() ? tr("(none)") : m_installed, title)));
        QPushButton* stay = box.addButton(tr("Stay until %1 catches up").arg(title), QMessageBox::AcceptRole);
        stay->setObjectName(u"stay"_s);
        QPushButton* back = box.addButton(tr("Roll back now"), QMessageBox::DestructiveRole);
        back->setObjectName(u"rollBack"_s);
        box.addButton(QMessageBox::Cancel)->setObjectName(u"cancel"_s);
        box.setDefaultButton(stay);
        box.exec();
        if (box.clickedButton() != stay && box.clickedButton() != back) {
            showCurrent();
            return;
        }
        rollBack = box.clickedButton() == back;
    }
    Q_EMIT channelChosen(name, rollBack);
    // The model moves to the new channel when the change really happens; until then, and if it
    // fails, the box shows the channel the installation follows.
    showCurrent();
}
