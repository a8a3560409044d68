#pragma once

#include <QObject>

class QAbstractItemView;

// Shows the tooltips of an item view's model as the characters they are. The model's tooltips
// carry the engine's sentences, which quote what servers said (reason phrases, headers, redirect
// targets); QToolTip would take such text for rich text when it looks like HTML, and render it.
class PlainToolTips : public QObject
{
    Q_OBJECT

public:
    // Takes over the tooltips of `view`, for as long as it lives.
    static void install(QAbstractItemView* view);

    // `text` as rich text that shows exactly `text`: for the widgets that guess (tooltips, a
    // message box's informative text).
    [[nodiscard]] static QString toRichText(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit PlainToolTips(QAbstractItemView* view);

    QAbstractItemView* m_view;
};
