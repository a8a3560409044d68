// The publisher's semaphore of bytes: which reservations fit beside the running ones, a job larger
// than the limit running alone, `--memory` amounts read or refused; and the job pool that starts
// jobs side by side within it.

#include "publish/jobpool.h"
#include "publish/memorybudget.h"

#include <QFile>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;

class TestMemoryBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void admission_data();
    void admission();
    void parse_data();
    void parse();
    void defaultLimitIsHalfTheMachine();
    void poolKeepsTheLimit();
    void poolRunsALargeJobAlone();
    void poolStopsAtTheFirstFailure();
};

void TestMemoryBudget::admission_data()
{
    // Steps: "+N" reserves N if it fits now ("+N!" expects a refusal), "-N" releases N.
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<qint64>("reservedAfter");
    QTest::addColumn<qint64>("peak");

    QTest::newRow("side by side up to the limit")
        << qint64(100) << QStringList{u"+60"_s, u"+40"_s, u"+1!"_s} << qint64(100) << qint64(100);
    QTest::newRow("one byte too many waits")
        << qint64(100) << QStringList{u"+60"_s, u"+41!"_s} << qint64(60) << qint64(60);
    QTest::newRow("a release makes room")
        << qint64(100) << QStringList{u"+70"_s, u"+40!"_s, u"-70"_s, u"+40"_s} << qint64(40) << qint64(70);
    QTest::newRow("larger than the limit runs alone")
        << qint64(100) << QStringList{u"+150"_s, u"+1!"_s, u"-150"_s, u"+1"_s} << qint64(1) << qint64(150);
    QTest::newRow("larger than the limit waits for all to end")
        << qint64(100) << QStringList{u"+10"_s, u"+150!"_s, u"-10"_s, u"+150"_s} << qint64(150) << qint64(150);
    QTest::newRow("nothing costs nothing")
        << qint64(100) << QStringList{u"+100"_s, u"+0"_s, u"+0"_s} << qint64(100) << qint64(100);
}

void TestMemoryBudget::admission()
{
    QFETCH(qint64, limit);
    QFETCH(QStringList, steps);
    QFETCH(qint64, reservedAfter);
    QFETCH(qint64, peak);
    MemoryBudget budget(limit);
    for (QString step : steps) {
        const bool refused = step.endsWith(u'!');
        if (refused)
            step.chop(1);
        const qint64 bytes = step.mid(1).toLongLong();
        if (step.startsWith(u'-'))
            budget.release(bytes);
        else
            QVERIFY2(budget.tryAcquire(bytes) == !refused, qPrintable(step));
    }
    QCOMPARE(budget.reserved(), reservedAfter);
    QCOMPARE(budget.peak(), peak);
}

void TestMemoryBudget::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes"); // -1: refused

    const qint64 mib = qint64(1) << 20;
    QTest::newRow("megabytes") << u"512M"_s << 512 * mib;
    QTest::newRow("gigabytes") << u"2G"_s << 2048 * mib;
    QTest::newRow("lower case, with B") << u"160mb"_s << 160 * mib;
    QTest::newRow("MiB") << u"300MiB"_s << 300 * mib;
    QTest::newRow("a fraction") << u"1.5G"_s << 1536 * mib;
    QTest::newRow("kilobytes") << u"262144K"_s << 256 * mib;
    QTest::newRow("bytes") << u"200000000"_s << qint64(200000000);
    QTest::newRow("terabytes") << u"1T"_s << mib * mib;
    QTest::newRow("the least") << u"128M"_s << MemoryBudget::kMinimum;
    QTest::newRow("zero") << u"0"_s << qint64(-1);
    QTest::newRow("a word") << u"lots"_s << qint64(-1);
    QTest::newRow("below the least") << u"127M"_s << qint64(-1);
    QTest::newRow("negative") << u"-1G"_s << qint64(-1);
    QTest::newRow("unknown unit") << u"2X"_s << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("more than any machine") << u"2000000T"_s << qint64(-1);
}

void TestMemoryBudget::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    auto parsed = MemoryBudget::parse(text);
    if (bytes < 0) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, Error::Code::Usage);
        QVERIFY2(parsed.error().message.contains(u"--memory"_s), qPrintable(parsed.error().message));
        return;
    }
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(*parsed, bytes);
}

void TestMemoryBudget::defaultLimitIsHalfTheMachine()
{
    QFile meminfo(u"/proc/meminfo"_s);
    QVERIFY(meminfo.open(QIODevice::ReadOnly));
    const QByteArray first = meminfo.readLine().simplified(); // "MemTotal: N kB"
    QVERIFY(first.startsWith("MemTotal:"));
    const qint64 total = first.split(' ').at(1).toLongLong() * 1024;
    const qint64 limit = MemoryBudget::defaultLimit();
    QVERIFY2(qAbs(limit - std::max(MemoryBudget::kMinimum, total / 2)) <= 16 * 1024 * 1024,
        qPrintable(u"%1 of %2"_s.arg(limit).arg(total)));
}

void TestMemoryBudget::poolKeepsTheLimit()
{
    // Jobs of 30 to 70 bytes within 100: at most two run at once, and some do.
    MemoryBudget budget(100);
    std::atomic<qint64> running = 0;
    std::atomic<qint64> most = 0;
    std::atomic<int> together = 0;
    std::atomic<int> mostTogether = 0;
    std::vector<JobPool::Job> jobs;
    for (int i = 0; i < 16; ++i) {
        const qint64 memory = 30 + (i * 37) % 41;
        jobs.push_back({memory, [&, memory]() -> std::expected<void, Error> {
                            most = std::max(most.load(), running += memory);
                            mostTogether = std::max(mostTogether.load(), ++together);
                            std::this_thread::sleep_for(std::chrono::milliseconds(20));
                            running -= memory;
                            --together;
                            return {};
                        }});
    }
    QVERIFY(JobPool(budget, 4).run(jobs));
    QVERIFY2(most <= 100, qPrintable(QString::number(most)));
    QVERIFY(budget.peak() <= 100);
    QVERIFY2(mostTogether >= 2, "no two jobs ran side by side");
    QCOMPARE(budget.reserved(), 0);
}

void TestMemoryBudget::poolRunsALargeJobAlone()
{
    MemoryBudget budget(100);
    std::atomic<int> together = 0;
    std::atomic<int> besideTheLarge = 0;
    std::vector<JobPool::Job> jobs;
    for (int i = 0; i < 8; ++i) {
        const bool large = i == 3;
        jobs.push_back({large ? 250 : 20, [&, large]() -> std::expected<void, Error> {
                            const int now = ++together;
                            if (large)
                                besideTheLarge = now - 1;
                            std::this_thread::sleep_for(std::chrono::milliseconds(large ? 60 : 20));
                            if (large)
                                besideTheLarge = std::max(besideTheLarge.load(), together.load() - 1);
                            --together;
                            return {};
                        }});
    }
    QVERIFY(JobPool(budget, 4).run(jobs));
    QCOMPARE(besideTheLarge.load(), 0);
    QCOMPARE(budget.peak(), 250);
}

void TestMemoryBudget::poolStopsAtTheFirstFailure()
{
    MemoryBudget budget(1000);
    std::atomic<int> ran = 0;
    std::vector<JobPool::Job> jobs;
    for (int i = 0; i < 50; ++i) {
        jobs.push_back({10, [&, i]() -> std::expected<void, Error> {
                            ++ran;
                            if (i == 2)
                                return std::unexpected(Error{Error::Code::Io, u"job 2 failed"_s});
                            std::this_thread::sleep_for(std::chrono::milliseconds(5));
                            return {};
                        }});
    }
    auto run = JobPool(budget, 2).run(jobs);
    QVERIFY(!run);
    QCOMPARE(run.error().message, u"job 2 failed"_s);
    QVERIFY2(ran < 50, qPrintable(QString::number(ran)));
    QCOMPARE(budget.reserved(), 0);
}

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memorybudget.moc"
