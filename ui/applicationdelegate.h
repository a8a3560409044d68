#pragma once

#include <QStyledItemDelegate>

// Paints one managed application in the list: its name, "installed → available · channel",
// its status, a critical mark, and an inline progress bar while it updates.
class ApplicationDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // "1.0.0 → 1.1.0 · Stable", or "1.0.0 · Stable" when nothing is offered.
    [[nodiscard]] static QString versionLine(const QModelIndex& index);
};
