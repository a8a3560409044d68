#pragma once

// Clicks where a person makes them, for widget tests. Header only, so that only the tests of
// widgets need Qt Widgets.

#include <QAbstractButton>
#include <QApplication>
#include <QString>
#include <QTest>
#include <QTimer>

// Clicks a check box or radio button on its label, where a person clicks (its centre may lie
// past the end of the label when a layout stretches it).
inline void toggle(QAbstractButton* button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

// Clicks the button `button` of the modal dialog `dialog` as soon as it is open.
inline void answerDialog(const QString& dialog, const QString& button)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, dialog, button] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != dialog)
            return;
        if (auto* target = modal->findChild<QAbstractButton*>(button)) {
            timer->stop();
            timer->deleteLater();
            QTest::mouseClick(target, Qt::LeftButton);
        }
    });
    timer->start();
}
