// The update page of an application with nothing to install, clicked like a user would
// (QTest, offscreen) against a real local repository: up to date, it says when it was last
// checked and when the next check is (or that Upkeep checks only when asked), shows the
// installed version's release notes and the kept versions with Roll back; a check that fails
// (a server refusing connections, a name that does not resolve, TLS refused, expired or badly
// signed metadata) never reads "up to date" in the page, the list or the tray, but says that
// Upkeep could not check, since when, and what to do, with the engine's sentence only behind
// Details, also after a restart, until a check answers; the history row of an update whose files a background download
// fetched says what was downloaded.

#include "datasize.h"
#include "dayandtime.h"
#include "desktopfixture.h"
#include "historymodel.h"
#include "historyview.h"
#include "install/installationconfig.h"
#include "support/testprogram.h"

#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

QVariant role(DesktopSession& session, const QString& folder, int role)
{
    return session.controller()->applications()->indexOf(folder).data(role);
}

ApplicationModel::Status status(DesktopSession& session, const QString& folder)
{
    return role(session, folder, ApplicationModel::StatusRole).value<ApplicationModel::Status>();
}

void checkNow(DesktopSession& session)
{
    QPushButton* check = session.window()->updatePane()->checkButton();
    QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), kTimeout);
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(session), kTimeout);
}

QDateTime lastCheck(const QString& folder)
{
    auto installation = Installation::open(folder);
    return installation ? installation->lastCheck() : QDateTime();
}

// Points the installation in `folder` at `mirror` instead of the repository's folder.
void moveMirror(const QString& folder, const QString& mirror)
{
    const InstallLayout layout(folder);
    auto config = InstallationConfig::load(layout);
    QVERIFY2(config.has_value(), config ? "" : qPrintable(config.error().message));
    config->mirrors = {mirror};
    auto saved = config->save(layout);
    QVERIFY2(saved.has_value(), saved ? "" : qPrintable(saved.error().message));
}

// A port on this machine nothing listens on: connections to it are refused.
int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

// A TLS server on 127.0.0.1 whose certificate is its own (signed by no authority Upkeep trusts).
class UntrustedTlsServer
{
public:
    explicit UntrustedTlsServer(const QString& folder)
    {
        QDir().mkpath(folder);
        const ProgramRun made
            = TestProgram(QStandardPaths::findExecutable(u"openssl"_s), {.workingDirectory = folder})
                  .run({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                      u"-nodes"_s, u"-keyout"_s, u"tls.key"_s, u"-out"_s, u"tls.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                      u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate::fromPath(folder + u"/tls.pem"_s).value(0));
        QFile key(folder + u"/tls.key"_s);
        QVERIFY(key.open(QIODevice::ReadOnly));
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        m_server.setSslConfiguration(tls);
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    [[nodiscard]] int port() const { return m_server.serverPort(); }

private:
    QSslServer m_server;
};

} // namespace

class TestQuietPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void upToDatePage_data();
    void upToDatePage();
    void failedCheck_data();
    void failedCheck();
    void historyNamesWhatABackgroundDownloadFetched();

private:
    std::unique_ptr<DesktopFixture> m_fixture;
};

void TestQuietPage::init()
{
    m_fixture = std::make_unique<DesktopFixture>();
    // The page says "today at", "tomorrow at": the scheduler's clock is the real one here.
    m_fixture->now = QDateTime::currentDateTimeUtc();
}

void TestQuietPage::cleanup()
{
    m_fixture.reset();
}

void TestQuietPage::upToDatePage_data()
{
    QTest::addColumn<bool>("byHand"); // the user chose to check Never
    QTest::newRow("checks daily") << false;
    QTest::newRow("checks only by hand") << true;
}

void TestQuietPage::upToDatePage()
{
    QFETCH(bool, byHand);
    m_fixture->changePreferences([byHand](Preferences& p) {
        p.checkInterval = byHand ? Preferences::CheckInterval::Never : Preferences::CheckInterval::Daily;
    });
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"# Viewer 1.0.0\n\nFirst release.\n"_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish({.version = u"1.1.0"_s, .notes = u"## Faster\n\n- Starts **twice** as fast.\n"_s});
    auto session = m_fixture->shownSession();
    UpdatePane* pane = session->window()->updatePane();
    checkNow(*session);
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.1.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    checkNow(*session);

    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpToDate);
    QCOMPARE(pane->titleText(), u"viewer is up to date"_s);
    // When it was checked, and when it will be.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime checked = lastCheck(viewer);
    QVERIFY(checked.isValid() && checked.secsTo(now) < 60);
    QCOMPARE(role(*session, viewer, ApplicationModel::LastCheckRole).toDateTime(), checked);
    const QString last = u"Last checked %1."_s.arg(DayAndTime::format(checked, now));
    QVERIFY2(last.startsWith(u"Last checked today at "_s), qPrintable(last));
    if (byHand) {
        QCOMPARE(pane->checkedText(), last + u" Upkeep checks only when you ask."_s);
    } else {
        const QDateTime next = session->scheduler()->nextCheck();
        QVERIFY(next > now);
        QCOMPARE(pane->checkedText(), last + u" Next check %1."_s.arg(DayAndTime::format(next, now)));
    }
    QVERIFY(pane->findChild<QLabel*>(u"checked"_s)->isVisible());

    // The installed version's release notes, not the first release's.
    QTRY_VERIFY_WITH_TIMEOUT(pane->changelog()->isVisible(), kTimeout);
    const QString notes = pane->changelog()->toPlainText();
    QVERIFY2(notes.contains(u"Version 1.1.0"_s) && notes.contains(u"twice"_s), qPrintable(notes));
    QVERIFY2(!notes.contains(u"First release"_s), qPrintable(notes));

    // The kept version, and Roll back to it through the history's confirmation.
    QCOMPARE(pane->keptText(), u"Kept on this computer: 1.0.0"_s);
    QToolButton* rollBack = pane->rollBackButton();
    QVERIFY(rollBack->isVisible() && rollBack->isEnabled());
    QAction* toOld = rollBack->menu()->findChild<QAction*>(u"1.0.0"_s);
    QVERIFY(toOld);
    QCOMPARE(toOld->text(), u"Roll back to 1.0.0"_s);
    answerDialog(u"rollbackConfirmation"_s, u"cancel"_s);
    toOld->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.1.0"_s);
    answerDialog(u"rollbackConfirmation"_s, u"rollBack"_s);
    toOld->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(role(*session, viewer, ApplicationModel::InstalledRole).toString(), u"1.0.0"_s, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);
    // Back on 1.0.0, 1.1.0 is kept (and offered again); nothing older is left to roll back to.
    QCOMPARE(pane->keptText(), u"Kept on this computer: 1.1.0"_s);
    QVERIFY(!rollBack->isVisible());
}

void TestQuietPage::failedCheck_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("everChecked");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("advice");
    QTest::addColumn<QString>("technical"); // part of the engine's sentence

    const QString unreachable = u"Upkeep could not reach the publisher's server."_s;
    const QString network = u"Check that this computer is connected to the network. The publisher's server may also "
                            "be down for a while; try again later."_s;
    QTest::newRow("connection refused") << u"refused"_s << true << unreachable << network << u"127.0.0.1"_s;
    QTest::newRow("name not found, never checked")
        << u"dns"_s << false << unreachable << network << u"upkeep-test.invalid"_s;
    // A server that answers but cannot prove who it is is not "down": the page says so, and what to check.
    QTest::newRow("TLS certificate not trusted")
        << u"tls"_s << true
        << u"Upkeep did not trust the server it reached: its certificate is not one this computer accepts."_s
        << u"Nothing was downloaded from it. Check that this computer's date and time are right. A network that "
           "intercepts secure connections (at some workplaces, hotels or airports) causes this too; try another "
           "network. If it lasts, the publisher's certificate may have expired: tell the publisher."_s
        << u"TLS certificate is not trusted"_s;
    QTest::newRow("expired metadata") << u"expired"_s << true
                                      << u"The update information on the publisher's server has expired."_s
                                      << u"Check that this computer's date and time are right."_s << u"timestamp"_s;
    QTest::newRow("bad signature")
        << u"signature"_s << true
        << u"Upkeep refused the update information it received, because it is not signed as it must be."_s
        << u"Nothing was changed on this computer."_s << u"timestamp"_s;
}

void TestQuietPage::failedCheck()
{
    QFETCH(QString, fault);
    QFETCH(bool, everChecked);
    QFETCH(QString, summary);
    QFETCH(QString, advice);
    QFETCH(QString, technical);
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    std::optional<UntrustedTlsServer> tls;
    if (fault == u"refused"_s) {
        moveMirror(viewer, u"http://127.0.0.1:%1/"_s.arg(closedPort()));
    } else if (fault == u"dns"_s) {
        moveMirror(viewer, u"http://upkeep-test.invalid/"_s);
    } else if (fault == u"tls"_s) {
        tls.emplace(m_fixture->path(u"tls"_s));
        moveMirror(viewer, u"https://127.0.0.1:%1/"_s.arg(tls->port()));
    } else if (fault == u"expired"_s) {
        m_fixture->repository().resign(u"timestamp"_s,
            [](JsonObject& part) { part.insert_or_assign("expires", JsonValue(u"2020-01-01T00:00:00Z"_s)); });
    } else if (fault == u"signature"_s) {
        m_fixture->repository().resign(u"timestamp"_s, {}, u"targets"_s);
    }
    if (!everChecked)
        QVERIFY(QFile::remove(viewer + u"/.upkeep/last-check"_s));
    const QDateTime checked = lastCheck(viewer);
    QCOMPARE(checked.isValid(), everChecked);

    auto session = m_fixture->shownSession();
    MainWindow* window = session->window();
    UpdatePane* pane = window->updatePane();
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpToDate); // as far as the disk knows
    checkNow(*session);

    // The page: not up to date, what happened and what to do, since when it is not known.
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::CheckFailed);
    QCOMPARE(pane->titleText(), u"Upkeep could not check viewer for updates"_s);
    QVERIFY2(pane->noticeText().startsWith(summary + u' '), qPrintable(pane->noticeText()));
    QVERIFY2(pane->noticeText().contains(advice), qPrintable(pane->noticeText()));
    const QString since = everChecked ? DayAndTime::format(checked, QDateTime::currentDateTimeUtc()) : u"never"_s;
    QVERIFY2(
        pane->checkedText().startsWith(u"Last successful check: %1."_s.arg(since)), qPrintable(pane->checkedText()));
    QCOMPARE(lastCheck(viewer), checked); // a failed check is not a check
    QCOMPARE(pane->checkButton()->text(), u"&Try again"_s);
    QVERIFY(pane->checkButton()->isVisible() && pane->checkButton()->isEnabled());

    if (const QString look = qEnvironmentVariable("UPKEEP_LOOK"); !look.isEmpty())
        window->grab().save(
            look + u"/failed-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".png"_s);

    // The engine's sentence only behind Details.
    const QString details = role(*session, viewer, ApplicationModel::DetailsRole).toString();
    QVERIFY2(details.contains(technical), qPrintable(details));
    for (const QLabel* label : window->findChildren<QLabel*>()) {
        if (label->isVisible())
            QVERIFY2(!label->text().contains(details) && !label->text().contains(technical), qPrintable(label->text()));
    }
    QVERIFY(pane->failureDetailsButton()->isVisible());
    QTest::mouseClick(pane->failureDetailsButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox*>(u"checkFailure"_s)) != nullptr && box->isVisible());
    QCOMPARE(box->detailedText(), details);
    QCOMPARE(box->text(), pane->noticeText());
    box->close();

    // The list's row and the tray say the same.
    QCOMPARE(role(*session, viewer, ApplicationModel::StatusTextRole).toString(), u"Could not check"_s);
    QCOMPARE(role(*session, viewer, Qt::ToolTipRole).toString(), u"Could not check"_s);
    QCOMPARE(session->tray()->state(), TrayIcon::State::CheckFailed);
    QCOMPARE(session->tray()->systemTrayIcon()->toolTip(), u"Upkeep: could not check for updates"_s);

    // The fault goes away. A restart still knows the last check failed (no check has answered
    // since); Try again brings back "up to date".
    if (fault == u"expired"_s || fault == u"signature"_s) {
        const QString week = QDateTime::currentDateTimeUtc().addDays(7).toString(Qt::ISODate);
        m_fixture->repository().resign(
            u"timestamp"_s, [week](JsonObject& part) { part.insert_or_assign("expires", JsonValue(week)); });
    } else
        moveMirror(viewer, u"file://"_s + m_fixture->repository().path());
    session.reset();
    session = m_fixture->shownSession();
    pane = session->window()->updatePane();
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::CheckFailed);
    QCOMPARE(pane->titleText(), u"Upkeep could not check viewer for updates"_s);
    QCOMPARE(session->tray()->state(), TrayIcon::State::CheckFailed);
    checkNow(*session);
    QCOMPARE(status(*session, viewer), ApplicationModel::Status::UpToDate);
    QCOMPARE(pane->titleText(), u"viewer is up to date"_s);
    QCOMPARE(pane->checkButton()->text(), u"Check &now"_s);
    QVERIFY(!pane->failureDetailsButton()->isVisible());
    QCOMPARE(session->tray()->state(), TrayIcon::State::Idle);
    QVERIFY(lastCheck(viewer).isValid() && lastCheck(viewer) != checked);
}

void TestQuietPage::historyNamesWhatABackgroundDownloadFetched()
{
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s);
    m_fixture->publish(
        {.version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/new.dat"_s, QByteArray(50000, 'n')}}});
    m_fixture->changePreferences([](Preferences& p) { p.downloadInBackground = true; });
    auto session = m_fixture->shownSession();
    // What the check said the update downloads, before the background download fetched it.
    qint64 toDownload = 0;
    connect(session->controller()->applications(), &ApplicationModel::dataChanged, this, [&] {
        toDownload = std::max(toDownload, role(*session, viewer, ApplicationModel::DownloadBytesRole).toLongLong());
    });
    checkNow(*session);
    UpdatePane* pane = session->window()->updatePane();
    QCOMPARE(pane->sizeText(), u"Downloaded and ready to install."_s);
    QVERIFY(toDownload > 0);

    // A restart in between: what the background download fetched is on disk, not in memory.
    session.reset();
    session = m_fixture->shownSession();
    pane = session->window()->updatePane();
    checkNow(*session);
    QSignalSpy recorded(session->controller(), &UpdateController::recorded);
    QTest::mouseClick(pane->updateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    const auto record = recorded.at(0).at(2).value<History::Record>();
    QCOMPARE(record.outcome, History::Outcome::Installed);
    QCOMPARE(record.bytes, toDownload);
    QCOMPARE(record.transfer, History::Transfer::Patch);

    session->window()->showHistory();
    QTreeView* history = session->window()->historyView()->view();
    const QModelIndex top = history->model()->index(0, HistoryModel::DetailsColumn);
    QCOMPARE(top.siblingAtColumn(HistoryModel::ChangeColumn).data().toString(), u"1.0.0 → 1.1.0"_s);
    QCOMPARE(top.data().toString(), u"%1 downloaded (patch)"_s.arg(DataSize::format(toDownload)));
    // The history file says so too, for `upkeep history` and the next start.
    auto records = History(viewer + u"/.upkeep/history.jsonl"_s).records();
    QVERIFY(records.has_value());
    QCOMPARE(records->back().bytes, toDownload);
    QCOMPARE(records->back().transfer, History::Transfer::Patch);
}

QTEST_MAIN(TestQuietPage)
#include "tst_quietpage.moc"
