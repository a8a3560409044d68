#include "changelogview.h"

#include <QImage>

ChangelogView::ChangelogView(QWidget* parent)
    : QTextBrowser(parent)
{ }

QVariant ChangelogView::loadResource(int type, const QUrl&)
{
    if (type == QTextDocument::ImageResource) {
        QImage nothing(1, 1, QImage::Format_ARGB32);
        nothing.fill(Qt::transparent);
        return nothing;
    }
    return QVariant(QByteArray());
}
