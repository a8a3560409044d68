// The progress line of a running update: sizes, rate and time left in words a person reads,
// for every phase, paused or not.

#include "progresspanel.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestProgressPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describe_data();
    void describe();
    void timeLeft_data();
    void timeLeft();
};

void TestProgressPanel::describe_data()
{
    QTest::addColumn<int>("phase");
    QTest::addColumn<qint64>("done");
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<qint64>("left");
    QTest::addColumn<bool>("paused");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("total");
    const int download = int(InstallProgress::Phase::Download);
    QTest::newRow("downloading") << download << qint64(1200000) << qint64(850000) << qint64(13) << false
                                 << u"1.2 MB of 12.4 MB · 850 kB/s · 13 seconds left"_s << qint64(12400000);
    QTest::newRow("rate not known yet") << download << qint64(0) << qint64(0) << qint64(-1) << false
                                        << u"0 bytes of 12.4 MB"_s << qint64(12400000);
    QTest::newRow("paused") << download << qint64(1200000) << qint64(850000) << qint64(13) << true
                            << u"1.2 MB of 12.4 MB"_s << qint64(12400000);
    QTest::newRow("verifying") << int(InstallProgress::Phase::Verify) << qint64(12400000) << qint64(0) << qint64(-1)
                               << false << u"12.4 MB downloaded"_s << qint64(12400000);
    QTest::newRow("health check") << int(InstallProgress::Phase::HealthCheck) << qint64(12400000) << qint64(0)
                                  << qint64(-1) << false << u"12.4 MB downloaded"_s << qint64(12400000);
    // Update now after a background download: nothing left to fetch, in any phase.
    QTest::newRow("already downloaded") << download << qint64(0) << qint64(0) << qint64(-1) << false
                                        << u"Already downloaded"_s << qint64(0);
    QTest::newRow("verifying, already downloaded") << int(InstallProgress::Phase::Verify) << qint64(0) << qint64(0)
                                                   << qint64(-1) << false << u"Already downloaded"_s << qint64(0);
}

void TestProgressPanel::describe()
{
    QFETCH(int, phase);
    QFETCH(qint64, done);
    QFETCH(qint64, rate);
    QFETCH(qint64, left);
    QFETCH(bool, paused);
    QFETCH(QString, text);
    QFETCH(qint64, total);
    InstallProgress progress;
    progress.phase = InstallProgress::Phase(phase);
    progress.done = done;
    progress.total = total;
    progress.bytesPerSecond = rate;
    progress.secondsLeft = left;
    QCOMPARE(ProgressPanel::describe(progress, paused), text);
    ProgressPanel panel;
    panel.setProgress(progress, paused);
    QCOMPARE(panel.detailText(), text);
}

void TestProgressPanel::timeLeft_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << u"1 second left"_s;
    QTest::newRow("one") << qint64(1) << u"1 second left"_s;
    QTest::newRow("seconds") << qint64(42) << u"42 seconds left"_s;
    QTest::newRow("a minute") << qint64(75) << u"about 1 minute left"_s;
    QTest::newRow("minutes") << qint64(7 * 60 + 40) << u"about 8 minutes left"_s;
    QTest::newRow("an hour") << qint64(3600 + 600) << u"about 1 hour left"_s;
    QTest::newRow("hours") << qint64(5 * 3600) << u"about 5 hours left"_s;
}

void TestProgressPanel::timeLeft()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(ProgressPanel::timeLeft(seconds), text);
}

QTEST_MAIN(TestProgressPanel)
#include "tst_progresspanel.moc"
