#pragma once

#include <QTextBrowser>

// Shows release notes: their Markdown rendered, but nothing they point to loaded. An image or
// style sheet they name is neither fetched from a server (QTextBrowser never does) nor read from
// this computer's disk (QTextDocument would, for a path or a file:// address).
class ChangelogView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit ChangelogView(QWidget* parent = nullptr);

    // For every name, an image of one transparent pixel, or empty text: something, because given
    // nothing QTextDocument reads the file itself.
    QVariant loadResource(int type, const QUrl& name) override;
};
