#include "plaintooltips.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QTextDocument>
#include <QToolTip>

PlainToolTips::PlainToolTips(QAbstractItemView* view)
    : QObject(view)
    , m_view(view)
{ }

void PlainToolTips::install(QAbstractItemView* view)
{
    view->viewport()->installEventFilter(new PlainToolTips(view));
}

QString PlainToolTips::toRichText(const QString& text)
{
    // Always a paragraph, so that it is taken for rich text, with every <, > and & escaped.
    return text.isEmpty() ? QString() : Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

bool PlainToolTips::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ToolTip || watched != m_view->viewport())
        return QObject::eventFilter(watched, event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const QModelIndex index = m_view->indexAt(help->pos());
    const QString text = index.data(Qt::ToolTipRole).toString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), toRichText(text), m_view->viewport(), m_view->visualRect(index));
    }
    return true;
}
