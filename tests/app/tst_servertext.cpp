// Text that comes from a server (an HTTP reason phrase, a header, a redirect target) reaches the
// window inside the engine's sentences: a failed check (behind its Details), a failed update,
// its history record, its notification. Every widget shows such a sentence as the characters it is, never as rich text:
// no markup rendered, no image loaded, no link made. The changelog, signed Markdown that is meant
// to be rendered, loads no image from the network or the disk.

#include "desktopfixture.h"
#include "faultserver.h"

#include "historyview.h"

#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QToolTip>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 30000;

// What a hostile (or merely careless) server puts in its status line.
const QString kHostile = uR"(<img src="x"><b>bold</b> &amp; <a href="http://example.invalid/">link</a>)"_s;

// What a person reads in `label`: its text, or what that text renders to when the label takes it
// for rich text.
QString rendered(const QLabel* label)
{
    const QString text = label->text();
    const bool rich = label->textFormat() == Qt::RichText || label->textFormat() == Qt::MarkdownText
        || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
    if (!rich)
        return text;
    QTextDocument document;
    if (label->textFormat() == Qt::MarkdownText)
        document.setMarkdown(text);
    else
        document.setHtml(text);
    return document.toPlainText();
}

// Every label of `window` that shows (part of) the server's text.
QList<QLabel*> labelsShowingIt(QWidget* window)
{
    QList<QLabel*> found;
    for (QLabel* label : window->findChildren<QLabel*>()) {
        if (label->isVisible() && (label->text().contains(u"bold"_s) || label->text().contains(u"src="_s)))
            found.append(label);
    }
    return found;
}

// Hovers over `index` of `view` long enough for its tooltip, and returns the label showing it.
QLabel* toolTipOf(QAbstractItemView* view, const QModelIndex& index)
{
    QToolTip::hideText();
    const QPoint position = view->visualRect(index).center();
    QHelpEvent event(QEvent::ToolTip, position, view->viewport()->mapToGlobal(position));
    QApplication::sendEvent(view->viewport(), &event);
    if (!QToolTip::isVisible())
        return nullptr;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == u"qtooltip_label"_s && widget->isVisible())
            return qobject_cast<QLabel*>(widget);
    }
    return nullptr;
}

// What a notification server that takes the freedesktop body markup shows of `body`.
QString shownByNotificationServer(const QString& body)
{
    return QTextDocumentFragment::fromHtml(body).toPlainText();
}

} // namespace

class TestServerText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void serverTextIsShownLiterally();
    void changelogLoadsNoImages();

private:
    std::unique_ptr<DesktopFixture> m_fixture;
};

void TestServerText::init()
{
    m_fixture = std::make_unique<DesktopFixture>();
}

void TestServerText::cleanup()
{
    QToolTip::hideText();
    m_fixture.reset();
}

void TestServerText::serverTextIsShownLiterally()
{
    FaultServer server(m_fixture->repository().path());
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s, u"stable"_s, {server.url().toString()});
    m_fixture->publish(
        {.version = u"1.1.0"_s, .notes = u"Second."_s, .extra = {{u"share/new.dat"_s, QByteArray(50000, 'n')}}});
    auto session = m_fixture->shownSession();
    MainWindow* window = session->window();
    const QModelIndex row = session->controller()->applications()->indexOf(viewer);

    // A check the server answers with its reason phrase: the page and the list say that Upkeep
    // could not check; the engine's sentence that carries it is behind Details, as plain text.
    server.addFault(u"*"_s, FaultServer::Fault::status(503, kHostile.toUtf8()));
    QTest::mouseClick(window->updatePane()->checkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(row.data(ApplicationModel::StatusRole).value<ApplicationModel::Status>(),
        ApplicationModel::Status::CheckFailed);
    const QString problem = row.data(ApplicationModel::DetailsRole).toString();
    QVERIFY2(problem.contains(kHostile), qPrintable(problem)); // the engine's sentence carries it
    QVERIFY(labelsShowingIt(window).isEmpty());
    QTest::mouseClick(window->updatePane()->failureDetailsButton(), Qt::LeftButton);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox*>(u"checkFailure"_s)) != nullptr && box->isVisible());
    auto* detailed = box->findChild<QTextEdit*>();
    QVERIFY(detailed);
    QVERIFY2(detailed->toPlainText().contains(kHostile), qPrintable(detailed->toPlainText()));
    for (const QLabel* label : labelsShowingIt(box))
        QVERIFY2(rendered(label).contains(kHostile), qPrintable(label->accessibleName() + u": "_s + rendered(label)));
    box->close();
    auto* list = window->findChild<QListView*>();
    QVERIFY(list);
    QLabel* tip = toolTipOf(list, list->model()->index(row.row(), 0));
    QVERIFY(tip);
    QCOMPARE(rendered(tip), u"Could not check"_s);

    // The repository answers again; then the download of the update fails the same way.
    server.clearFaults();
    QTest::mouseClick(window->updatePane()->checkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(row.data(ApplicationModel::AvailableRole).toString(), u"1.1.0"_s);
    server.addFault(u"*"_s, FaultServer::Fault::status(503, kHostile.toUtf8()));
    QTest::mouseClick(window->updatePane()->updateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QCOMPARE(QFile::symLinkTarget(viewer + u"/current"_s), viewer + u"/versions/1.0.0"_s);

    // The notification, the pane, the history's row and its tooltip.
    const QString notified = session->tray()->notifiedMessage();
    QVERIFY2(shownByNotificationServer(notified).contains(kHostile), qPrintable(notified));
    for (const QLabel* label : labelsShowingIt(window))
        QVERIFY2(rendered(label).contains(kHostile), qPrintable(label->accessibleName() + u": "_s + rendered(label)));
    window->showHistory();
    QTreeView* history = window->historyView()->view();
    QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowCount() >= 2, kTimeout);
    const QModelIndex failed = history->model()->index(0, HistoryModel::DetailsColumn);
    QCOMPARE(failed.data(HistoryModel::OutcomeRole).toInt(), int(History::Outcome::Failed));
    QVERIFY2(failed.data().toString().contains(kHostile), qPrintable(failed.data().toString()));
    tip = toolTipOf(history, failed);
    QVERIFY(tip);
    QVERIFY2(rendered(tip).contains(kHostile), qPrintable(rendered(tip)));
}

void TestServerText::changelogLoadsNoImages()
{
    // Release notes that point at an image on a server and at one on this computer.
    FaultServer server(m_fixture->repository().path());
    const QString picture = m_fixture->path(u"picture.png"_s);
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    QVERIFY(image.save(picture));
    m_fixture->publish({.version = u"1.0.0"_s, .notes = u"First."_s});
    const QString viewer = m_fixture->install(u"viewer"_s, u"stable"_s, {server.url().toString()});
    const QString remote = server.url(u"tracker.png"_s);
    m_fixture->publish({.version = u"1.1.0"_s,
        .notes = u"## Pictures\n\n![remote](%1) ![local](%2) ![file](file://%2) <img src=\"%1?html\">\n"_s.arg(
            remote, picture)});
    auto session = m_fixture->shownSession();
    QTest::mouseClick(session->window()->updatePane()->checkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(idle(*session), kTimeout);
    QTextBrowser* changelog = session->window()->updatePane()->changelog();
    QVERIFY2(changelog->toPlainText().contains(u"Pictures"_s), qPrintable(changelog->toPlainText()));
    QVERIFY(!session->window()->grab().isNull()); // painted, so that whatever it would load is loaded
    QTest::qWait(200);

    for (const FaultServer::Request& request : server.requests())
        QVERIFY2(!request.path.startsWith(u"tracker"_s), qPrintable(request.path));
    QTextDocument* document = changelog->document();
    // What the layout draws for each (it reads the file itself when given nothing it can draw):
    // never the picture.
    for (const QUrl& url : {QUrl(remote), QUrl::fromLocalFile(picture), QUrl(picture)}) {
        const QVariant loaded = document->resource(QTextDocument::ImageResource, url);
        QImage drawn = loaded.value<QImage>();
        if (drawn.isNull())
            drawn = loaded.value<QPixmap>().toImage();
        if (drawn.isNull())
            drawn.loadFromData(loaded.toByteArray());
        QVERIFY2(drawn.isNull() || drawn.size() != image.size(), qPrintable(url.toString()));
    }
}

QTEST_MAIN(TestServerText)
#include "tst_servertext.moc"
