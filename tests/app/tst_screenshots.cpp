// The README's screenshots, taken from the real window on the offscreen platform with
// QWidget::grab() against a real repository: the main window with an update, an update in
// progress, the page of an application that is up to date, the history, the settings and the
// German interface. With UPKEEP_SCREENSHOTS=DIR
// (scripts/screenshots) the PNGs are written there; either way each screen must render at
// its size with the state it shows.

#include "desktopfixture.h"

#include "historyview.h"
#include "progresspanel.h"
#include "translations.h"

#include <QDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 60000;

void save(QWidget* widget, const QString& name)
{
    const QPixmap shot = widget->grab();
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.size(), widget->size() * shot.devicePixelRatio());
    const QString folder = qEnvironmentVariable("UPKEEP_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QVERIFY2(shot.save(folder + u'/' + name + u".png"_s), qPrintable(name));
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void window();

private:
    std::unique_ptr<DesktopFixture> m_fixture;
    QString m_notes;
};

void TestScreenshots::initTestCase()
{
    QApplication::setFont(QFont(u"DejaVu Sans"_s, 9));
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    m_fixture = std::make_unique<DesktopFixture>();
    // The scheduler on the real clock, as a user's: the page says when the next check is.
    m_fixture->now = QDateTime::currentDateTimeUtc();
    m_fixture->nameThePublisher(u"Notes Project"_s);
    // Sizes as a real application has them for the README; small ones when only checking.
    const bool saving = !qEnvironmentVariableIsEmpty("UPKEEP_SCREENSHOTS");
    const QByteArray index1 = randomBytes(saving ? 3000000 : 300000, 7);
    const QByteArray index2 = randomBytes(saving ? 3000000 : 300000, 8);
    const QByteArray index3 = randomBytes(saving ? 1200000 : 120000, 9);
    const qsizetype dictionary = saving ? 24000000 : 1000000;
    m_fixture->publish({.app = u"notes"_s,
        .version = u"1.0.0"_s,
        .notes = u"# Notes 1.0.0\n\nThe first release.\n"_s,
        .bigBytes = dictionary,
        .seed = 1,
        .extra = {{u"share/index.bin"_s, index1}}});
    m_notes = m_fixture->install(u"notes"_s);
    m_fixture->publish({.app = u"notes"_s,
        .version = u"1.1.0"_s,
        .notes
        = u"## New\n\n- **Tags** can be renamed; every note follows.\n- Search finds *café* when you type \"cafe\".\n\n"
          "## Fixed\n\n- The window remembers its size again.\n"_s,
        .bigBytes = dictionary,
        .seed = 1,
        .extra = {{u"share/index.bin"_s, index1}}});
    m_fixture->publish({.app = u"notes"_s,
        .version = u"1.2.0"_s,
        .notes
        = u"## New\n\n- A **dark theme**, chosen by your desktop or in *Preferences → Appearance*.\n"
          "- Export a notebook as Markdown.\n\n## Fixed\n\n- Opening a note with a very long line no longer freezes "
          "the window.\n"_s,
        .bigBytes = dictionary,
        .seed = 1,
        .extra = {{u"share/index.bin"_s, index2}}});
    m_fixture->publish({.app = u"notes"_s,
        .version = u"1.3.0-beta.1"_s,
        .channel = u"beta"_s,
        .notes = u"## Vorschau\n\n- Notizen werden zwischen Ihren Computern abgeglichen (experimentell).\n- Ein neuer "
                 "Editor mit Markdown-Vorschau.\n"_s,
        .bigBytes = dictionary,
        .seed = 1,
        .extra = {{u"share/index.bin"_s, index2}, {u"share/sync.bin"_s, index3}}});
}

void TestScreenshots::cleanupTestCase()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestScreenshots::window()
{
    {
        auto session = m_fixture->session();
        const Preferences initial = session->settings()->preferences();
        MainWindow* window = session->window();
        window->resize(1000, 660);
        session->showWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
        QTest::mouseClick(window->updatePane()->checkButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
        QCOMPARE(window->updatePane()->titleText(), u"notes 1.2.0 is available"_s);
        save(window, u"window-update"_s);

        // Who published it, as the details of the signer's certificate show it.
        auto* details = window->findChild<QPushButton*>(u"publisherDetails"_s);
        QVERIFY(details && details->isVisible());
        QTest::mouseClick(details, Qt::LeftButton);
        QDialog* publisher = nullptr;
        QTRY_VERIFY((publisher = window->findChild<QDialog*>(u"publisherDialog"_s)) != nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(publisher));
        save(publisher, u"publisher"_s);
        publisher->close();

        session->showSettings();
        // As a new user finds them (the fixture holds background downloads, to show the download).
        session->settingsDialog()->setPreferences(Preferences());
        QVERIFY(QTest::qWaitForWindowExposed(session->settingsDialog()));
        save(session->settingsDialog(), u"settings"_s);
        session->settingsDialog()->close();

        // A slow link, so that the download can be seen half-way: 1 MB/s for the 3 MB that changed.
        Preferences slow = session->settings()->preferences();
        slow.bandwidthLimit = 1000000;
        session->settings()->setPreferences(slow);
        QSignalSpy recorded(session->controller(), &UpdateController::recorded);
        QTest::mouseClick(window->updatePane()->updateButton(), Qt::LeftButton);
        const QModelIndex row = session->controller()->applications()->indexOf(m_notes);
        QTRY_VERIFY_WITH_TIMEOUT(
            row.data(ApplicationModel::DoneRole).toLongLong() > 0 || !recorded.isEmpty(), kTimeout);
        if (recorded.isEmpty()) {
            QTRY_VERIFY_WITH_TIMEOUT(row.data(ApplicationModel::DoneRole).toLongLong()
                        > row.data(ApplicationModel::TotalRole).toLongLong() / 3
                    || !recorded.isEmpty(),
                kTimeout);
        }
        if (recorded.isEmpty())
            save(window, u"window-progress"_s);
        else
            qWarning("The update finished before it could be seen: the engine ignores the bandwidth limit.");
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
        // The quiet page: up to date, with the installed release's notes and the kept versions.
        QCOMPARE(window->updatePane()->titleText(), u"notes is up to date"_s);
        save(window, u"window-uptodate"_s);

        window->showHistory();
        window->historyView()->view()->setCurrentIndex(window->historyView()->view()->model()->index(1, 0));
        QVERIFY(window->historyView()->rollBackButton()->isEnabled());
        save(window, u"window-history"_s);
        session->settings()->setPreferences(initial);
    }
    // The German interface, as a German desktop starts it, on the update to beta.
    QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
    auto session = m_fixture->session();
    MainWindow* window = session->window();
    window->resize(1000, 660);
    session->showWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    session->controller()->changeChannel(m_notes, u"beta"_s, false);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(window->updatePane()->titleText(), u"notes 1.3.0-beta.1 ist verfügbar"_s);
    save(window, u"window-german"_s);
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
