// The German interface: with the German locale every text the window, the settings dialog,
// the publisher's details and the tray show is German. Each text is compared with the same widget built in English;
// only names that stay the same in German (Upkeep, OK, version numbers) may be equal.

#include "mainwindow.h"
#include "publisherdialog.h"
#include "settingsdialog.h"
#include "translations.h"
#include "trayicon.h"
#include "uitestdata.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

// Every text a widget tree shows, in a stable order.
QStringList texts(QWidget* top)
{
    QStringList all{top->windowTitle()};
    for (QObject* object : top->findChildren<QObject*>()) {
        if (auto* label = qobject_cast<QLabel*>(object))
            all.append(label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(object))
            all.append(button->text());
        else if (auto* group = qobject_cast<QGroupBox*>(object))
            all.append(group->title());
        else if (auto* action = qobject_cast<QAction*>(object))
            all.append(action->text());
        else if (auto* combo = qobject_cast<QComboBox*>(object)) {
            for (int i = 0; i < combo->count(); ++i)
                all.append(combo->itemText(i));
        } else if (auto* tabs = qobject_cast<QTabWidget*>(object)) {
            for (int i = 0; i < tabs->count(); ++i)
                all.append(tabs->tabText(i));
        }
        if (auto* widget = qobject_cast<QWidget*>(object)) {
            all.append(widget->accessibleName());
            all.append(widget->toolTip());
        }
    }
    return all;
}

QStringList untranslated(const QStringList& english, const QStringList& german)
{
    // Names quoted from the signer's certificate stay as they are.
    const SignerFacts signer = UiTestData::signer();
    const QStringList same{
        u""_s, u"Upkeep"_s, u"OK"_s, u"viewer"_s, u"Beta"_s, signer.publisher, signer.subject, signer.issuer};
    QStringList equal;
    for (qsizetype i = 0; i < std::min(english.size(), german.size()); ++i) {
        const QString plain = QString(english[i]).remove(u'&');
        if (english[i] == german[i] && !same.contains(plain) && plain.contains(QRegularExpression(u"[a-z]{3}"_s)))
            equal.append(english[i]);
    }
    return equal;
}

struct Screens {
    UiTestData data;
    MainWindow window{&data.applications, &data.releases, &data.history, &data.channels};
    SettingsDialog settings;
    PublisherDialog publisher{UiTestData::signer(), u"viewer"_s};
    TrayIcon tray;
    QStringList all()
    {
        window.updatePane()->setCurrent(data.applications.index(0));
        QStringList result = texts(&window) + texts(&settings) + texts(&publisher) + texts(tray.menu());
        result.append(tray.systemTrayIcon()->toolTip());
        for (int column = 0; column < data.history.columnCount(); ++column)
            result.append(data.history.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        return result;
    }
};

} // namespace

class TestGerman : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTextIsTranslated();
    void sizesAndDatesFollowTheLocale();
    void cleanupTestCase() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }
};

void TestGerman::everyTextIsTranslated()
{
    QVERIFY(!Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    QStringList english = Screens().all();
    QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
    Screens german;
    QStringList translated = german.all();
    QCOMPARE(translated.size(), english.size());
    const QStringList missing = untranslated(english, translated);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u" | "_s)));
    QCOMPARE(german.window.updatePane()->updateButton()->text(), u"Jetzt &aktualisieren"_s);
}

void TestGerman::sizesAndDatesFollowTheLocale()
{
    QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
    QCOMPARE(UpdatePane::sizeLine(12400000, 310000000), u"12,4 MB statt 310 MB"_s);
}

QTEST_MAIN(TestGerman)
#include "tst_german.moc"
