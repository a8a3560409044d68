// The page of upkeep-publish stats --html as a user sees it: opened offline in Debian's Chromium, headless,
// whose screenshot must show the charts (their colours filling the adoption and outcome areas and the pies),
// not an empty page or a broken image.

#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

class TestStatsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chartsShow_data();
    void chartsShow();

private:
    QTemporaryDir m_dir;
    QImage m_screenshot;
};

void TestStatsPage::initTestCase()
{
    const QString chromium = QStandardPaths::findExecutable(u"chromium"_s);
    QVERIFY2(!chromium.isEmpty(), "chromium is installed by scripts/setup");

    // 30 installations of 1.0.0 on the first day, then 3 a day update to 1.1.0, one in ten rolled back.
    QByteArray log;
    for (int i = 0; i < 30; ++i) {
        log += u"2026-06-01T10:00:00+00:00 204 app=editor&kind=install&from=&to=1.0.0&channel=stable"
               "&outcome=installed&os=%1&arch=x86_64&upkeep=0.1.0&id=%2\n"_s
                   .arg(i % 3 ? u"debian-12"_s : u"fedora-40"_s)
                   .arg(i)
                   .toUtf8();
        log += u"2026-06-%1T10:00:00+00:00 204 app=editor&kind=update&from=1.0.0&to=1.1.0&channel=stable"
               "&outcome=%2&os=debian-12&arch=x86_64&upkeep=0.1.0&id=%3\n"_s.arg(2 + i / 3, 2, 10, QChar(u'0'))
                   .arg(i % 10 == 0 ? u"rolled-back-automatically"_s : u"installed"_s)
                   .arg(i)
                   .toUtf8();
    }
    const QString logFile = m_dir.filePath(u"upkeep-statistics.log"_s);
    writeTestFile(logFile, log);
    const QString page = m_dir.filePath(u"report.html"_s);
    UPKEEP_EXPECT_EXIT(TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run({u"stats"_s, logFile, u"--html"_s, page}), 0);

    // A profile of its own, no sandbox (tests may run as root), no network: the page must need none.
    const QString screenshot = m_dir.filePath(u"report.png"_s);
    const ProgramRun browser
        = TestProgram(chromium, {.environment = {u"HOME="_s + m_dir.path()}})
              .run({u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s,
                  u"--user-data-dir="_s + m_dir.filePath(u"profile"_s), u"--proxy-server=127.0.0.1:9"_s,
                  u"--hide-scrollbars"_s, u"--window-size=1100,2600"_s, u"--screenshot="_s + screenshot,
                  QUrl::fromLocalFile(page).toString()});
    UPKEEP_EXPECT_EXIT(browser, 0);
    QVERIFY2(m_screenshot.load(screenshot), qPrintable(browser.describe()));
    QCOMPARE(m_screenshot.size(), QSize(1100, 2600));
    if (const QString look = qEnvironmentVariable("UPKEEP_LOOK"); !look.isEmpty())
        m_screenshot.save(look + u"/statistics-report.png"_s);
}

void TestStatsPage::chartsShow_data()
{
    QTest::addColumn<QColor>("colour");
    QTest::addColumn<int>("pixels");

    // The colours StatisticsCharts gives them; an area or slice covers thousands of pixels.
    QTest::newRow("adoption: 1.0.0") << QColor(0x15, 0x65, 0xc0) << 20000;
    QTest::newRow("adoption: 1.1.0, and the second slice of a pie") << QColor(0x00, 0x83, 0x8f) << 20000;
    QTest::newRow("outcomes: installed") << QColor(0x2e, 0x7d, 0x32) << 10000;
    QTest::newRow("outcomes: rolled back automatically") << QColor(0xef, 0x6c, 0x00) << 1000;
}

void TestStatsPage::chartsShow()
{
    QFETCH(QColor, colour);
    QFETCH(int, pixels);

    const QImage image = m_screenshot.convertToFormat(QImage::Format_RGB32);
    int found = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = row[x];
            if (qAbs(qRed(pixel) - colour.red()) <= 6 && qAbs(qGreen(pixel) - colour.green()) <= 6
                && qAbs(qBlue(pixel) - colour.blue()) <= 6)
                ++found;
        }
    }
    QVERIFY2(found >= pixels, qPrintable(u"%1 pixels of %2"_s.arg(found).arg(colour.name())));
}

QTEST_GUILESS_MAIN(TestStatsPage)
#include "tst_statspage.moc"
