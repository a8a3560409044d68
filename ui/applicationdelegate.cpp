#include "applicationdelegate.h"

#include "applicationmodel.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace {
constexpr int kMargin = 8;
constexpr int kBarHeight = 8;
} // namespace

QString ApplicationDelegate::versionLine(const QModelIndex& index)
{
    const QString installed = index.data(ApplicationModel::InstalledRole).toString();
    const QString available = index.data(ApplicationModel::AvailableRole).toString();
    const QString channel = index.data(ApplicationModel::ChannelRole).toString();
    QString versions = installed.isEmpty() ? tr("not installed") : installed;
    if (!available.isEmpty())
        versions = tr("%1 → %2").arg(versions, available);
    return channel.isEmpty() ? versions : tr("%1 · %2").arg(versions, channel);
}

void ApplicationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = {};
    QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.7f);

    const QRect area = option.rect.adjusted(kMargin, kMargin / 2, -kMargin, -kMargin / 2);
    const QFontMetrics metrics(option.font);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);

    painter->save();
    int y = area.top();
    const bool critical = index.data(ApplicationModel::CriticalRole).toBool()
        && !index.data(ApplicationModel::AvailableRole).toString().isEmpty();
    QRect nameRect(area.left(), y, area.width(), boldMetrics.height());
    if (critical) {
        // A small red badge before the status says it cannot wait.
        const QString badge = tr("Critical");
        const int width = metrics.horizontalAdvance(badge) + 10;
        const QRect badgeRect(area.right() - width, y, width, boldMetrics.height());
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xc0, 0x1c, 0x28));
        painter->drawRoundedRect(badgeRect, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(badgeRect, Qt::AlignCenter, badge);
        nameRect.setRight(badgeRect.left() - kMargin);
    }
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
        boldMetrics.elidedText(index.data(ApplicationModel::NameRole).toString(), Qt::ElideRight, nameRect.width()));
    y += boldMetrics.height();

    painter->setFont(option.font);
    painter->setPen(dim);
    painter->drawText(QRect(area.left(), y, area.width(), metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(versionLine(index), Qt::ElideRight, area.width()));
    y += metrics.height();

    const QVariant total = index.data(ApplicationModel::TotalRole);
    QString status = index.data(ApplicationModel::StatusTextRole).toString();
    const auto state = index.data(ApplicationModel::StatusRole).value<ApplicationModel::Status>();
    if (total.isValid()) {
        const auto phase = InstallProgress::Phase(index.data(ApplicationModel::PhaseRole).toInt());
        if (index.data(ApplicationModel::PausedRole).toBool())
            status = tr("Paused");
        else if (state != ApplicationModel::Status::Downloading)
            status = ApplicationModel::phaseText(phase);
    }
    if ((state == ApplicationModel::Status::Problem || state == ApplicationModel::Status::CheckFailed) && !selected)
        painter->setPen(QColor(0xc0, 0x1c, 0x28));
    painter->drawText(QRect(area.left(), y, area.width(), metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(status, Qt::ElideRight, area.width()));
    y += metrics.height();

    if (total.isValid()) {
        QStyleOptionProgressBar bar;
        bar.rect = QRect(area.left(), y + 3, area.width(), kBarHeight);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        bar.minimum = 0;
        const qint64 all = std::max<qint64>(total.toLongLong(), 1);
        const qint64 done = index.data(ApplicationModel::DoneRole).toLongLong();
        const auto phase = InstallProgress::Phase(index.data(ApplicationModel::PhaseRole).toInt());
        // Only downloading is measured; the later phases show as a full bar.
        bar.maximum = 1000;
        bar.progress = phase == InstallProgress::Phase::Download ? int(1000 * std::min(done, all) / all) : 1000;
        bar.textVisible = false;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
    painter->restore();
}

QSize ApplicationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics metrics(option.font);
    int height = QFontMetrics(bold).height() + 2 * metrics.height() + kMargin;
    // The bar's room is always there, so that rows do not jump when an update starts.
    height += kBarHeight + 6;
    const int width = std::max(QFontMetrics(bold).horizontalAdvance(index.data(ApplicationModel::NameRole).toString()),
                          metrics.horizontalAdvance(versionLine(index)))
        + 2 * kMargin;
    return {std::max(width, 220), height};
}
