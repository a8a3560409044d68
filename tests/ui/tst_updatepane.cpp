// The update pane over a model row in each state: what it says (title, size "12.4 MB instead
// of 310 MB", notices), the critical badge, which actions it offers (no skipping a critical
// update), the progress area while updating, and who published the release with the details
// of the signer's certificate.

#include "applicationmodel.h"
#include "channelmodel.h"
#include "channelselector.h"
#include "historymodel.h"
#include "mainwindow.h"
#include "progresspanel.h"
#include "publisherdialog.h"
#include "releasemodel.h"
#include "signindialog.h"
#include "translations.h"
#include "uitestdata.h"
#include "updatepane.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QWheelEvent>

using namespace Qt::StringLiterals;

class TestUpdatePane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void sizeLine_data();
    void sizeLine();
    void states_data();
    void states();
    void problemWithoutOfferIsNotUpToDate();
    void signInAfterARefusedPassword();
    void progressWhileUpdating();
    void changelogNewestFirst();
    void actionsSayWhatWasChosen();
    void tonightIsTheInstallTime_data();
    void tonightIsTheInstallTime();
    void channelBoxFollowsTheModel();
    void wheelDoesNotChooseAChannel();
    void publisherLine_data();
    void publisherLine();
    void detailsShowTheCertificate();
    void detailsFromTheKeyboard();
    void detailsFollowLocale();
    void longLinesReadWhole_data();
    void longLinesReadWhole();
    void cleanupTestCase() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }

private:
    ApplicationModel::Entry entry() const;
    // The pane on an application whose offer Example GmbH's signer signed.
    void showSigned();
    std::unique_ptr<ApplicationModel> m_applications;
    std::unique_ptr<ReleaseModel> m_releases;
    std::unique_ptr<ChannelModel> m_channels;
    std::unique_ptr<HistoryModel> m_history;
    std::unique_ptr<UpdatePane> m_pane;
};

void TestUpdatePane::init()
{
    m_applications = std::make_unique<ApplicationModel>();
    m_releases = std::make_unique<ReleaseModel>();
    m_channels = std::make_unique<ChannelModel>();
    m_history = std::make_unique<HistoryModel>();
    m_pane = std::make_unique<UpdatePane>(m_applications.get(), m_releases.get(), m_history.get(), m_channels.get());
    m_pane->show();
}

ApplicationModel::Entry TestUpdatePane::entry() const
{
    ApplicationModel::Entry e;
    e.folder = u"/apps/viewer"_s;
    e.name = u"Viewer"_s;
    e.installed = u"1.0.0"_s;
    e.available = u"1.2.0"_s;
    e.channel = u"stable"_s;
    e.status = ApplicationModel::Status::UpdateAvailable;
    e.downloadBytes = 12400000;
    e.fullBytes = 310000000;
    return e;
}

void TestUpdatePane::showSigned()
{
    ApplicationModel::Entry e = entry();
    e.identity = ApplicationModel::Identity::Named;
    e.publisher = u"Example GmbH"_s;
    e.signer = UiTestData::signer();
    m_applications->setEntry(e);
    m_pane->setCurrent(m_applications->index(0));
}

void TestUpdatePane::sizeLine_data()
{
    QTest::addColumn<qint64>("download");
    QTest::addColumn<qint64>("full");
    QTest::addColumn<QString>("text");
    QTest::newRow("a delta") << qint64(12400000) << qint64(310000000) << u"12.4 MB instead of 310 MB"_s;
    QTest::newRow("small") << qint64(850) << qint64(1500000) << u"850 bytes instead of 1.5 MB"_s;
    QTest::newRow("all of it") << qint64(310000000) << qint64(310000000) << u"310 MB to download"_s;
    QTest::newRow("already here") << qint64(0) << qint64(310000000) << u"Downloaded and ready to install."_s;
    QTest::newRow("not known yet") << qint64(-1) << qint64(310000000) << u"Full size 310 MB"_s;
}

void TestUpdatePane::sizeLine()
{
    QFETCH(qint64, download);
    QFETCH(qint64, full);
    QFETCH(QString, text);
    QCOMPARE(UpdatePane::sizeLine(download, full), text);
}

void TestUpdatePane::states_data()
{
    QTest::addColumn<ApplicationModel::Status>("status");
    QTest::addColumn<bool>("critical");
    QTest::addColumn<QString>("title");
    QTest::addColumn<bool>("actions");
    QTest::addColumn<bool>("skip");
    QTest::addColumn<QString>("notice");
    using S = ApplicationModel::Status;
    QTest::newRow("update") << S::UpdateAvailable << false << u"Viewer 1.2.0 is available"_s << true << true
                            << QString();
    QTest::newRow("critical") << S::UpdateAvailable << true << u"Viewer 1.2.0 is available"_s << true << false
                              << u"This update fixes a serious problem. Install it soon."_s;
    QTest::newRow("problem") << S::Problem << false << u"Viewer 1.2.0 is available"_s << true << true
                             << u"The repository cannot be reached."_s;
    QTest::newRow("on quit") << S::Scheduled << false << u"Viewer 1.2.0 is available"_s << true << true
                             << u"Scheduled to install when you quit Upkeep."_s;
    QTest::newRow("updating") << S::Updating << false << u"Updating Viewer to 1.2.0"_s << false << false << QString();
}

void TestUpdatePane::states()
{
    QFETCH(ApplicationModel::Status, status);
    QFETCH(bool, critical);
    QFETCH(QString, title);
    QFETCH(bool, actions);
    QFETCH(bool, skip);
    QFETCH(QString, notice);
    ApplicationModel::Entry e = entry();
    e.status = status;
    e.critical = critical;
    e.message = u"The repository cannot be reached."_s;
    m_applications->setEntry(e);
    m_pane->setCurrent(m_applications->index(0));
    QCOMPARE(m_pane->titleText(), title);
    QCOMPARE(m_pane->criticalBadge()->isVisible(), critical);
    QCOMPARE(m_pane->updateButton()->isVisible(), actions);
    QCOMPARE(m_pane->scheduleButton()->isVisible(), actions);
    QCOMPARE(m_pane->remindButton()->isVisible(), actions);
    QCOMPARE(m_pane->skipButton()->isVisible(), skip);
    QCOMPARE(m_pane->noticeText(), notice);
    QCOMPARE(m_pane->sizeText(), u"12.4 MB instead of 310 MB"_s);
    // Up to date: no actions at all, only Check now.
    e.available.clear();
    e.status = ApplicationModel::Status::UpToDate;
    m_applications->setEntry(e);
    QCOMPARE(m_pane->titleText(), u"Viewer is up to date"_s);
    QVERIFY(!m_pane->updateButton()->isVisible());
    QVERIFY(!m_pane->skipButton()->isVisible());
    QVERIFY(!m_pane->criticalBadge()->isVisible());
    QVERIFY(m_pane->checkButton()->isEnabled());
}

void TestUpdatePane::problemWithoutOfferIsNotUpToDate()
{
    // A check that failed knows of no update, but cannot say there is none either.
    ApplicationModel::Entry e = entry();
    e.available.clear();
    e.status = ApplicationModel::Status::Problem;
    e.message = u"The repository cannot be reached."_s;
    m_applications->setEntry(e);
    m_pane->setCurrent(m_applications->index(0));
    QCOMPARE(m_pane->titleText(), u"Viewer"_s);
    QCOMPARE(m_pane->noticeText(), u"The repository cannot be reached."_s);
    QVERIFY(!m_pane->updateButton()->isVisible());
}

void TestUpdatePane::signInAfterARefusedPassword()
{
    ApplicationModel::Entry e = entry();
    e.available.clear();
    e.status = ApplicationModel::Status::CheckFailed;
    e.message = u"The publisher's server did not let Upkeep in."_s;
    m_applications->setEntry(e);
    m_pane->setCurrent(m_applications->index(0));
    QVERIFY(!m_pane->signInButton()->isVisible()); // a failure a password cannot mend

    e.signInUser = u"ada"_s;
    m_applications->setEntry(e);
    QVERIFY(m_pane->signInButton()->isVisible());
    QSignalSpy chosen(m_pane.get(), &UpdatePane::signInChosen);
    QTest::mouseClick(m_pane->signInButton(), Qt::LeftButton);
    auto* dialog = m_pane->findChild<SignInDialog*>(u"signInDialog"_s);
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->findChild<QLabel*>(u"user"_s)->text(), u"ada"_s);
    auto* password = dialog->findChild<QLineEdit*>(u"password"_s);
    auto* signIn = dialog->findChild<QPushButton*>(u"signIn"_s);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QVERIFY(!signIn->isEnabled()); // nothing to send yet
    QTest::keyClicks(password, u"correct horse"_s);
    QVERIFY(signIn->isEnabled());
    if (const QString look = qEnvironmentVariable("UPKEEP_LOOK"); !look.isEmpty()) {
        m_pane->grab().save(look + u"/signin-pane.png"_s);
        dialog->grab().save(look + u"/signin-dialog.png"_s);
    }
    QPointer<SignInDialog> guard(dialog);
    QTest::keyClick(password, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), u"correct horse"_s);
    QTRY_VERIFY(guard.isNull()); // gone, the password with it

    // Cancelled, nothing is sent.
    QTest::mouseClick(m_pane->signInButton(), Qt::LeftButton);
    dialog = m_pane->findChild<SignInDialog*>(u"signInDialog"_s);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(u"password"_s), u"oops"_s);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QCOMPARE(chosen.size(), 1);

    e.status = ApplicationModel::Status::UpToDate;
    e.signInUser.clear();
    m_applications->setEntry(e);
    QVERIFY(!m_pane->signInButton()->isVisible());
}

void TestUpdatePane::progressWhileUpdating()
{
    ApplicationModel::Entry e = entry();
    m_applications->setEntry(e);
    m_pane->setCurrent(m_applications->index(0));
    QVERIFY(!m_pane->progressPanel()->isVisible());
    e.status = ApplicationModel::Status::Updating;
    m_applications->setEntry(e);
    InstallProgress progress;
    progress.done = 3000000;
    progress.total = 12400000;
    progress.bytesPerSecond = 1000000;
    progress.secondsLeft = 9;
    m_applications->setProgress(e.folder, progress);
    QVERIFY(m_pane->progressPanel()->isVisible());
    QCOMPARE(m_pane->progressPanel()->phaseText(), u"Downloading"_s);
    QCOMPARE(m_pane->progressPanel()->detailText(), u"3 MB of 12.4 MB · 1 MB/s · 9 seconds left"_s);
    QSignalSpy paused(m_pane.get(), &UpdatePane::pauseClicked);
    QSignalSpy resumed(m_pane.get(), &UpdatePane::resumeClicked);
    QSignalSpy cancelled(m_pane.get(), &UpdatePane::cancelClicked);
    QTest::mouseClick(m_pane->progressPanel()->pauseButton(), Qt::LeftButton);
    QCOMPARE(paused.size(), 1);
    m_applications->setPaused(e.folder, true);
    QCOMPARE(m_pane->progressPanel()->phaseText(), u"Paused"_s);
    QCOMPARE(m_pane->progressPanel()->pauseButton()->text(), u"&Resume"_s);
    QTest::mouseClick(m_pane->progressPanel()->pauseButton(), Qt::LeftButton);
    QCOMPARE(resumed.size(), 1);
    QTest::mouseClick(m_pane->progressPanel()->cancelButton(), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    // Installing cannot be paused or cancelled half-way.
    progress.phase = InstallProgress::Phase::Install;
    m_applications->setPaused(e.folder, false);
    m_applications->setProgress(e.folder, progress);
    QCOMPARE(m_pane->progressPanel()->phaseText(), u"Installing"_s);
    QVERIFY(!m_pane->progressPanel()->pauseButton()->isEnabled());
    QVERIFY(!m_pane->progressPanel()->cancelButton()->isEnabled());
    m_applications->setProgress(e.folder, std::nullopt);
    e.status = ApplicationModel::Status::UpToDate;
    m_applications->setEntry(e);
    QVERIFY(!m_pane->progressPanel()->isVisible());
}

void TestUpdatePane::changelogNewestFirst()
{
    auto release = [](const QString& version) {
        ReleaseSelector::Release r;
        r.version = *Version::parse(version);
        r.channel = u"stable"_s;
        return r;
    };
    m_applications->setEntry(entry());
    m_pane->setCurrent(m_applications->index(0));
    m_releases->setReleases(
        {release(u"1.2.0"_s), release(u"1.1.0"_s)}, *Version::parse(u"1.0.0"), *Version::parse(u"1.2.0"));
    m_releases->setChangelog(*Version::parse(u"1.1.0"), u"- Tabs"_s);
    m_releases->setChangelog(*Version::parse(u"1.2.0"), u"- **Dark** mode"_s);
    QVERIFY(m_pane->changelog()->isVisible());
    const QString text = m_pane->changelog()->toPlainText();
    QVERIFY2(text.indexOf(u"Version 1.2.0"_s) < text.indexOf(u"Version 1.1.0"_s), qPrintable(text));
    QVERIFY2(text.indexOf(u"Dark mode"_s) < text.indexOf(u"Tabs"_s), qPrintable(text));
}

void TestUpdatePane::actionsSayWhatWasChosen()
{
    m_applications->setEntry(entry());
    m_pane->setCurrent(m_applications->index(0));
    QSignalSpy update(m_pane.get(), &UpdatePane::updateClicked);
    QSignalSpy skip(m_pane.get(), &UpdatePane::skipClicked);
    QSignalSpy schedule(m_pane.get(), &UpdatePane::scheduleChosen);
    QSignalSpy remind(m_pane.get(), &UpdatePane::remindChosen);
    QTest::mouseClick(m_pane->updateButton(), Qt::LeftButton);
    QTest::mouseClick(m_pane->skipButton(), Qt::LeftButton);
    m_pane->scheduleButton()->menu()->findChild<QAction*>(u"tonight"_s)->trigger();
    m_pane->scheduleButton()->menu()->findChild<QAction*>(u"onQuit"_s)->trigger();
    m_pane->remindButton()->menu()->findChild<QAction*>(u"nextWeek"_s)->trigger();
    QCOMPARE(update.size(), 1);
    QCOMPARE(skip.size(), 1);
    QCOMPARE(schedule.size(), 2);
    QCOMPARE(schedule.at(0).at(0).value<UpdatePane::Schedule>(), UpdatePane::Schedule::Tonight);
    QCOMPARE(schedule.at(1).at(0).value<UpdatePane::Schedule>(), UpdatePane::Schedule::OnQuit);
    QCOMPARE(remind.at(0).at(0).value<UpdatePane::Reminder>(), UpdatePane::Reminder::NextWeek);
}

void TestUpdatePane::tonightIsTheInstallTime_data()
{
    QTest::addColumn<QTime>("time");
    QTest::addColumn<QString>("text");
    const QLocale locale;
    QTest::newRow("the default, 03:00") << QTime(3, 0)
                                        << u"Tonight at "_s + locale.toString(QTime(3, 0), QLocale::ShortFormat);
    QTest::newRow("late evening") << QTime(22, 30)
                                  << u"Tonight at "_s + locale.toString(QTime(22, 30), QLocale::ShortFormat);
    QTest::newRow("lunch time") << QTime(12, 15) << u"At "_s + locale.toString(QTime(12, 15), QLocale::ShortFormat);
}

void TestUpdatePane::tonightIsTheInstallTime()
{
    QFETCH(QTime, time);
    QFETCH(QString, text);
    m_pane->setInstallTime(time);
    QCOMPARE(m_pane->scheduleButton()->menu()->findChild<QAction*>(u"tonight"_s)->text(), text);
}

namespace {

// While it lives, answers each channel confirmation with the button named `button`, counting them.
class ConfirmationAnswerer
{
public:
    explicit ConfirmationAnswerer(const QString& button)
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this, button] {
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                if (widget->objectName() != u"channelConfirmation"_s || !widget->isVisible())
                    continue;
                ++asked;
                if (auto* clicked = widget->findChild<QAbstractButton*>(button))
                    clicked->click();
            }
        });
        m_timer.start(10);
    }
    int asked = 0;

private:
    QTimer m_timer;
};

} // namespace

void TestUpdatePane::channelBoxFollowsTheModel()
{
    m_applications->setEntry(entry());
    m_pane->setCurrent(m_applications->index(0));
    m_channels->setChannels({u"stable"_s, u"beta"_s}, u"stable"_s);
    QComboBox* combo = m_pane->channelSelector()->comboBox();
    QCOMPARE(combo->currentIndex(), 0);
    QSignalSpy chosen(m_pane.get(), &UpdatePane::channelChosen);
    ConfirmationAnswerer answerer(u"follow"_s);
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(answerer.asked, 1);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), u"beta"_s);
    // Until the change really happens (and if it fails) the box shows the channel followed...
    QCOMPARE(combo->currentIndex(), 0);
    // ...and it moves with the model.
    m_channels->setChannels({u"stable"_s, u"beta"_s}, u"beta"_s);
    QCOMPARE(combo->currentIndex(), 1);
}

void TestUpdatePane::wheelDoesNotChooseAChannel()
{
    m_applications->setEntry(entry());
    m_pane->setCurrent(m_applications->index(0));
    m_channels->setChannels({u"stable"_s, u"beta"_s}, u"stable"_s);
    QComboBox* combo = m_pane->channelSelector()->comboBox();
    QCOMPARE(combo->focusPolicy(), Qt::StrongFocus);
    QSignalSpy activated(combo, &QComboBox::activated);
    QSignalSpy chosen(m_pane.get(), &UpdatePane::channelChosen);
    ConfirmationAnswerer answerer(u"cancel"_s); // should a question pop up after all
    const QPointF at = QPointF(combo->rect().center());
    for (const int delta : {-120, 120, -120}) {
        QWheelEvent wheel(at, combo->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(combo, &wheel);
    }
    QCoreApplication::processEvents();
    QCOMPARE(activated.size(), 0);
    QCOMPARE(answerer.asked, 0);
    QCOMPARE(chosen.size(), 0);
    QCOMPARE(combo->currentIndex(), 0);
}

void TestUpdatePane::publisherLine_data()
{
    QTest::addColumn<ApplicationModel::Identity>("identity");
    QTest::addColumn<bool>("verified");
    QTest::addColumn<QString>("text");
    using I = ApplicationModel::Identity;
    QTest::newRow("verified signer") << I::Named << true << u"Published by Example GmbH"_s;
    QTest::newRow("no identity") << I::None << false << u"This repository does not say who publishes it."_s;
    QTest::newRow("signer not verified yet")
        << I::Named << false
        << u"Example GmbH publishes this repository. Upkeep has not verified who signed this version."_s;
    // Before the installation is loaded nothing is known: nothing is said.
    QTest::newRow("not loaded") << I::Unknown << false << QString();
}

void TestUpdatePane::publisherLine()
{
    QFETCH(ApplicationModel::Identity, identity);
    QFETCH(bool, verified);
    QFETCH(QString, text);
    ApplicationModel::Entry e = entry();
    m_applications->setEntry(e);
    m_pane->setCurrent(m_applications->index(0));
    QVERIFY(!m_pane->publisherLine()->isVisible());
    QVERIFY(!m_pane->publisherDetailsButton()->isVisible());
    QSignalSpy changed(m_applications.get(), &QAbstractItemModel::dataChanged);
    e.identity = identity;
    e.publisher = identity == ApplicationModel::Identity::Named ? u"Example GmbH"_s : QString();
    if (verified)
        e.signer = UiTestData::signer();
    m_applications->setEntry(e);
    QCOMPARE(changed.size(), identity == ApplicationModel::Identity::Unknown ? 0 : 1);
    QCOMPARE(m_pane->publisherLine()->text(), text);
    QCOMPARE(m_pane->publisherLine()->isVisible(), !text.isEmpty());
    QCOMPARE(m_pane->publisherDetailsButton()->isVisible(), verified);
    // A server's name is never taken for markup.
    QCOMPARE(m_pane->publisherLine()->textFormat(), Qt::PlainText);
    // Details… stands right after the name, on its line.
    if (verified) {
        m_pane->layout()->activate();
        const QLabel* line = m_pane->publisherLine();
        const int textEnd = line->geometry().left() + line->fontMetrics().horizontalAdvance(text);
        const QRect details = m_pane->publisherDetailsButton()->geometry();
        QVERIFY2(details.left() - textEnd < 30, qPrintable(u"%1 %2"_s.arg(textEnd).arg(details.left())));
        QVERIFY(details.top() <= line->geometry().center().y() && line->geometry().center().y() <= details.bottom());
    }
}

void TestUpdatePane::longLinesReadWhole_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QSize>("size");
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QLocale german(QLocale::German, QLocale::Germany);
    QTest::newRow("English, 920x620") << english << QSize(920, 620);
    QTest::newRow("English, 800x600") << english << QSize(800, 600);
    QTest::newRow("German, 920x620") << german << QSize(920, 620);
    QTest::newRow("German, 800x600") << german << QSize(800, 600);
}

void TestUpdatePane::longLinesReadWhole()
{
    // The window after a check whose release manifest was refused: the publisher named but the
    // signer not verified, and the refusal's long sentence as the problem.
    QFETCH(QLocale, locale);
    QFETCH(QSize, size);
    Translations::install(locale);
    UiTestData data;
    ApplicationModel::Entry e = *data.applications.entry(u"/apps/viewer"_s);
    e.signer.reset();
    e.status = ApplicationModel::Status::Problem;
    e.message = u"The release manifest viewer/1.1.0/manifest.json is signed by a certificate that the CA of "
                "Example GmbH did not issue (its issuer is CN=Example GmbH Release CA,O=Example GmbH): serial "
                "3C4B34C82CC6CEB6664DF09163B5D82F."_s;
    data.applications.setEntry(e);
    MainWindow window(&data.applications, &data.releases, &data.history, &data.channels);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    UpdatePane* pane = window.updatePane();
    QLabel* notice = pane->findChild<QLabel*>(u"notice"_s);
    QCOMPARE(notice->text(), e.message);
    QVERIFY(notice->textInteractionFlags() & Qt::TextSelectableByMouse);
    const int width = pane->contentsRect().width() - pane->layout()->contentsMargins().left()
        - pane->layout()->contentsMargins().right();
    for (QLabel* label : {pane->publisherLine(), notice}) {
        QVERIFY(label->isVisible());
        // The whole width of the pane, not a column of it, and tall enough for every line there.
        QVERIFY2(label->width() >= width - 2,
            qPrintable(u"%1: %2 of %3"_s.arg(label->text()).arg(label->width()).arg(width)));
        QVERIFY(label->wordWrap());
        QVERIFY2(label->height() >= label->heightForWidth(label->width()),
            qPrintable(
                u"%1: %2 < %3"_s.arg(label->text()).arg(label->height()).arg(label->heightForWidth(label->width()))));
        QVERIFY(window.rect().contains(QRect(label->mapTo(&window, QPoint()), label->size())));
    }
    // The actions stay on screen below it.
    for (QWidget* button : {static_cast<QWidget*>(pane->updateButton()), static_cast<QWidget*>(pane->checkButton())})
        QVERIFY(pane->rect().contains(QRect(button->mapTo(pane, QPoint()), button->size())));
    QVERIFY(pane->checkButton()->mapTo(pane, QPoint()).y() > notice->geometry().bottom());
}

void TestUpdatePane::detailsShowTheCertificate()
{
    showSigned();
    QVERIFY(!m_pane->findChild<PublisherDialog*>());
    QTest::mouseClick(m_pane->publisherDetailsButton(), Qt::LeftButton);
    auto* dialog = m_pane->findChild<PublisherDialog*>(u"publisherDialog"_s);
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->windowTitle(), u"Publisher of Viewer"_s);
    const QLocale locale;
    auto at = [&](const QDateTime& time) { return locale.toString(time.toLocalTime(), QLocale::ShortFormat); };
    auto day = [&](const QDateTime& time) { return locale.toString(time.toLocalTime().date(), QLocale::ShortFormat); };
    const SignerFacts signer = UiTestData::signer();
    const std::map<QString, QString> fields{
        {u"publisher"_s, u"Example GmbH"_s},
        {u"subject"_s, u"CN=build server,O=Example GmbH"_s},
        {u"issuer"_s, u"CN=Example GmbH Release CA,O=Example GmbH"_s},
        {u"serial"_s, u"3F9A0C21D4E85B7760A1F2C3B4D5E6F7"_s},
        {u"validity"_s, at(signer.notBefore) + u" – "_s + at(signer.notAfter)},
        {u"fingerprint"_s,
            u"5A:1F:0B:9C:44:E2:7D:38:C1:06:AF:52:93:DE:68:0B:\n7E:21:F4:5C:8A:33:B9:D0:16:E7:4F:82:2C:A5:90:6D"_s},
        {u"signedAt"_s, at(signer.signedAt)},
        {u"revocation"_s,
            u"Not revoked — checked against the list of "_s + day(signer.crlUpdated) + u", next update due "_s
                + day(signer.crlNextUpdate) + u"."_s},
    };
    for (const auto& [name, text] : fields) {
        auto* label = dialog->findChild<QLabel*>(name);
        QVERIFY2(label, qPrintable(name));
        QCOMPARE(label->text(), text);
        QVERIFY2(label->isVisible(), qPrintable(name));
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY2(label->textInteractionFlags() & Qt::TextSelectableByMouse, qPrintable(name));
        QVERIFY2(label->textInteractionFlags() & Qt::TextSelectableByKeyboard, qPrintable(name));
        QVERIFY2(!label->accessibleName().isEmpty(), qPrintable(name));
    }
    QVERIFY(dialog->findChild<QLabel*>(u"fingerprint"_s)->font().fixedPitch()
        || QFontInfo(dialog->findChild<QLabel*>(u"fingerprint"_s)->font()).fixedPitch());
    QSignalSpy finished(dialog, &QDialog::finished);
    QPointer<PublisherDialog> guard(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"close"_s), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QTRY_VERIFY(guard.isNull()); // closed for good, not hidden
}

void TestUpdatePane::detailsFromTheKeyboard()
{
    showSigned();
    QApplication::setActiveWindow(m_pane.get());
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
    QCOMPARE(m_pane->publisherDetailsButton()->text(), u"&Details…"_s);
    // Alt+D, its mnemonic, opens the details; Escape closes them.
    QTest::keyClick(m_pane.get(), Qt::Key_D, Qt::AltModifier);
    QTRY_VERIFY(m_pane->findChild<PublisherDialog*>(u"publisherDialog"_s)); // a mnemonic animates the click
    auto* dialog = m_pane->findChild<PublisherDialog*>(u"publisherDialog"_s);
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTRY_COMPARE(QApplication::focusWidget(), dialog->findChild<QPushButton*>(u"close"_s));
    // Tab reaches every value, to select it from the keyboard.
    QStringList reached;
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached.append(QApplication::focusWidget()->objectName());
    }
    for (const QString& name :
        {u"subject"_s, u"issuer"_s, u"serial"_s, u"validity"_s, u"fingerprint"_s, u"signedAt"_s, u"revocation"_s})
        QVERIFY2(reached.contains(name), qPrintable(reached.join(u' ')));
    QSignalSpy finished(dialog, &QDialog::finished);
    QPointer<PublisherDialog> guard(dialog);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QCOMPARE(finished.size(), 1);
    QTRY_VERIFY(guard.isNull());
    // Space on the focused button opens it again (offscreen has no window manager to give the
    // focus back to the pane).
    QApplication::setActiveWindow(m_pane.get());
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
    m_pane->publisherDetailsButton()->setFocus();
    QTest::keyClick(m_pane->publisherDetailsButton(), Qt::Key_Space);
    QTRY_VERIFY(m_pane->findChild<PublisherDialog*>(u"publisherDialog"_s));
    QVERIFY(QTest::qWaitForWindowExposed(m_pane->findChild<PublisherDialog*>(u"publisherDialog"_s)));
}

void TestUpdatePane::detailsFollowLocale()
{
    // Dates in the user's format, not ISO: 20.05.26 in Germany.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString text = PublisherDialog::revocationText(UiTestData::signer());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(text.contains(u"20.05.26"_s), qPrintable(text));
    QVERIFY2(text.contains(u"19.06.26"_s), qPrintable(text));
}

QTEST_MAIN(TestUpdatePane)
#include "tst_updatepane.moc"
