// RetryPolicy: what follows each kind of failed try, the back-off and its default timings, and
// how far a try must get not to count.

#include "net/fetcher.h"
#include "net/retrypolicy.h"

#include <QTest>

using namespace std::chrono_literals;

namespace {

using Next = RetryPolicy::Next;
using Milliseconds = std::chrono::milliseconds;

} // namespace

Q_DECLARE_METATYPE(RetryPolicy::Next)

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void backoff_data();
    void backoff();
    void after_data();
    void after();
    void triesOfOneMirror();
    void isProgress_data();
    void isProgress();
};

void TestRetryPolicy::defaults()
{
    // Three tries a mirror, half a second after the first failure: what users get unless a
    // test or a caller says otherwise.
    const Fetcher::Options options;
    QCOMPARE(options.attemptsPerMirror, 3);
    QCOMPARE(options.firstBackoff, 500ms);
    QCOMPARE(RetryPolicy::kDefaultAttemptsPerMirror, 3);
    QCOMPARE(RetryPolicy::kDefaultFirstBackoff, 500ms);
    QCOMPARE(RetryPolicy::kMaxBackoff, Milliseconds(5min));

    const RetryPolicy policy;
    QCOMPARE(policy.backoff(1), 500ms);
    QCOMPARE(policy.backoff(2), 1000ms);
    QVERIFY(!policy.after(Next::Retry, 0, false).nextMirror);
    QVERIFY(!policy.after(Next::Retry, 1, false).nextMirror);
    QVERIFY(policy.after(Next::Retry, 2, false).nextMirror);
}

void TestRetryPolicy::backoff_data()
{
    QTest::addColumn<int>("firstMs");
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("expectedMs");

    QTest::newRow("after the first failure") << 500 << 1 << 500;
    QTest::newRow("after the second: twice as long") << 500 << 2 << 1000;
    QTest::newRow("after the third") << 500 << 3 << 2000;
    QTest::newRow("after the tenth") << 500 << 10 << 256000;
    QTest::newRow("after the eleventh: five minutes at most") << 500 << 11 << 300000;
    QTest::newRow("after the hundredth: still five minutes") << 500 << 100 << 300000;
    QTest::newRow("a first back-off above the most") << 600000 << 1 << 300000;
    QTest::newRow("a test's quick back-off") << 10 << 3 << 40;
    QTest::newRow("no back-off") << 0 << 5 << 0;
}

void TestRetryPolicy::backoff()
{
    QFETCH(int, firstMs);
    QFETCH(int, failures);
    QFETCH(int, expectedMs);
    QCOMPARE(RetryPolicy(3, Milliseconds(firstMs)).backoff(failures), Milliseconds(expectedMs));
}

void TestRetryPolicy::after_data()
{
    QTest::addColumn<Next>("next");
    QTest::addColumn<int>("failures"); // before this one
    QTest::addColumn<bool>("furthered");
    QTest::addColumn<bool>("nextMirror");
    QTest::addColumn<int>("failuresAfter");
    QTest::addColumn<int>("waitMs");

    // With three tries a mirror and 500 ms after the first failure.
    QTest::newRow("first failure: the back-off") << Next::Retry << 0 << false << false << 1 << 500;
    QTest::newRow("second failure: twice the back-off") << Next::Retry << 1 << false << false << 2 << 1000;
    QTest::newRow("third failure: the next mirror") << Next::Retry << 2 << false << true << 0 << 0;
    QTest::newRow("a try that got further: at once, all tries left") << Next::Retry << 2 << true << false << 0 << 0;
    QTest::newRow("retry now: at once, not counted") << Next::RetryNow << 2 << false << false << 2 << 0;
    QTest::newRow("retry now after progress: still counted as before")
        << Next::RetryNow << 1 << true << false << 1 << 0;
    QTest::newRow("the mirror has no such file") << Next::NextMirror << 0 << false << true << 0 << 0;
    QTest::newRow("no such file, even after progress") << Next::NextMirror << 1 << true << true << 0 << 0;
}

void TestRetryPolicy::after()
{
    QFETCH(Next, next);
    QFETCH(int, failures);
    QFETCH(bool, furthered);
    QFETCH(bool, nextMirror);
    QFETCH(int, failuresAfter);
    QFETCH(int, waitMs);

    const RetryPolicy::Decision decision = RetryPolicy(3, 500ms).after(next, failures, furthered);
    QCOMPARE(decision.nextMirror, nextMirror);
    QCOMPARE(decision.failures, failuresAfter);
    QCOMPARE(decision.wait, Milliseconds(waitMs));
}

void TestRetryPolicy::triesOfOneMirror()
{
    // A mirror that fails every time is asked attemptsPerMirror times, waiting the back-off in between.
    for (int attempts = 1; attempts <= 5; ++attempts) {
        const RetryPolicy policy(attempts, 100ms);
        int failures = 0;
        int tries = 1;
        std::vector<Milliseconds> waits;
        for (;;) {
            const RetryPolicy::Decision decision = policy.after(Next::Retry, failures, false);
            if (decision.nextMirror)
                break;
            waits.push_back(decision.wait);
            failures = decision.failures;
            ++tries;
        }
        QCOMPARE(tries, attempts);
        for (size_t i = 0; i < waits.size(); ++i)
            QCOMPARE(waits[i], Milliseconds(100 << i));
    }
}

void TestRetryPolicy::isProgress_data()
{
    QTest::addColumn<qint64>("reached");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<bool>("progress");

    // A file of 2 MiB or more: 64 KiB past the furthest before.
    QTest::newRow("big file, 64 KiB further") << qint64(100000) << qint64(100000 + 65536) << qint64(100 << 20) << true;
    QTest::newRow("big file, a byte short of 64 KiB")
        << qint64(100000) << qint64(100000 + 65535) << qint64(100 << 20) << false;
    QTest::newRow("2 MiB file, a byte short of 64 KiB") << qint64(0) << qint64(65535) << qint64(2 << 20) << false;
    QTest::newRow("big file, from nothing") << qint64(0) << qint64(65536) << qint64(100 << 20) << true;
    // A smaller one: a thirty-second of it.
    QTest::newRow("320 KiB file, 10 KiB further") << qint64(0) << qint64(10240) << qint64(320 * 1024) << true;
    QTest::newRow("320 KiB file, 5000 bytes further") << qint64(0) << qint64(5000) << qint64(320 * 1024) << false;
    QTest::newRow("tiny file, one byte further") << qint64(3) << qint64(4) << qint64(10) << true;
    QTest::newRow("no further than before") << qint64(5000) << qint64(5000) << qint64(10) << false;
    QTest::newRow("less than before (restarted)") << qint64(5000) << qint64(100) << qint64(300 * 1024) << false;
}

void TestRetryPolicy::isProgress()
{
    QFETCH(qint64, reached);
    QFETCH(qint64, now);
    QFETCH(qint64, length);
    QFETCH(bool, progress);
    QCOMPARE(RetryPolicy::isProgress(reached, now, length), progress);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
