// Every control of the window, the settings dialog and the publisher's details has an accessible name, and the
// window works from the keyboard: Tab walks the controls in reading order and comes back
// round, and the actions have shortcuts.

#include "mainwindow.h"
#include "publisherdialog.h"
#include "settingsdialog.h"
#include "uitestdata.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QListView>
#include <QTabBar>
#include <QTest>
#include <QTextEdit>

using namespace Qt::StringLiterals;

namespace {

// The widgets Tab can reach, with no accessible name of their own.
QStringList unnamedControls(QWidget* top)
{
    QStringList unnamed;
    for (QWidget* widget : top->findChildren<QWidget*>()) {
        if (widget->window() != top || !(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy())
            continue;
        if (widget->accessibleName().isEmpty())
            unnamed.append(QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName());
    }
    return unnamed;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyControlHasAName();
    void tabOrderFollowsReadingOrder();
    void shortcuts();
};

void TestAccessibility::everyControlHasAName()
{
    UiTestData data;
    MainWindow window(&data.applications, &data.releases, &data.history, &data.channels);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(unnamedControls(&window), QStringList());
    SettingsDialog dialog;
    dialog.show();
    QCOMPARE(unnamedControls(&dialog), QStringList());
    PublisherDialog publisher(UiTestData::signer(), u"viewer"_s);
    publisher.show();
    QCOMPARE(unnamedControls(&publisher), QStringList());
}

void TestAccessibility::tabOrderFollowsReadingOrder()
{
    UiTestData data;
    MainWindow window(&data.applications, &data.releases, &data.history, &data.channels);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.applicationList()->setFocus();
    QStringList order{QApplication::focusWidget()->accessibleName()};
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        const QString name = QApplication::focusWidget()->accessibleName();
        if (name == order.first())
            break;
        order.append(name);
    }
    QCOMPARE(order,
        (QStringList{u"Managed applications"_s, u"Update and history"_s, u"Details of the publisher's certificate"_s,
            u"Update now"_s, u"Schedule the update"_s, u"Remind me later"_s, u"Skip this version"_s,
            u"Check for updates now"_s, u"Release notes"_s, u"Update channel"_s}));
}

void TestAccessibility::shortcuts()
{
    UiTestData data;
    MainWindow window(&data.applications, &data.releases, &data.history, &data.channels);
    QCOMPARE(window.checkAction()->shortcut(), QKeySequence(QKeySequence::Refresh));
    QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    QCOMPARE(window.quitAction()->shortcut(), QKeySequence(QKeySequence::Quit));
    // Every button in the update pane has a mnemonic.
    for (QAbstractButton* button : window.updatePane()->findChildren<QAbstractButton*>()) {
        if (!button->text().isEmpty())
            QVERIFY2(button->text().contains(u'&'), qPrintable(button->text()));
    }
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
