// RateSampler: the rate a user sees (the average over about the last three seconds) and the time
// left at it, from samples at made-up times.

#include "net/ratesampler.h"

#include <QTest>

using namespace std::chrono_literals;

namespace {

using Samples = QList<std::pair<int, qint64>>; // milliseconds since the start, bytes received by then

} // namespace

class TestRateSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytesPerSecond_data();
    void bytesPerSecond();
    void secondsLeft_data();
    void secondsLeft();
};

void TestRateSampler::bytesPerSecond_data()
{
    QTest::addColumn<Samples>("samples");
    QTest::addColumn<qint64>("rate");

    QTest::newRow("no sample") << Samples{} << qint64(0);
    QTest::newRow("one sample") << Samples{{0, 0}} << qint64(0);
    QTest::newRow("less than 200 ms: unknown yet") << Samples{{0, 0}, {199, 100000}} << qint64(0);
    QTest::newRow("200 ms") << Samples{{0, 0}, {200, 100000}} << qint64(500000);
    QTest::newRow("a steady second") << Samples{{0, 0}, {500, 5000}, {1000, 10000}} << qint64(10000);
    QTest::newRow("the average, not the last step") << Samples{{0, 0}, {900, 0}, {1000, 10000}} << qint64(10000);
    QTest::newRow("nothing arrives") << Samples{{0, 5000}, {1000, 5000}, {2000, 5000}} << qint64(0);
    // Samples older than the window go: a fast start no longer lifts the rate.
    QTest::newRow("a fast start, then slow") << Samples{{0, 0}, {1000, 1000000}, {2000, 1001000}, {3000, 1002000},
        {4000, 1003000}, {5000, 1004000}} << qint64(1000);
    // A sample goes only once the next one is the window old, so that the average spans it all.
    QTest::newRow("a sample goes once the next is three seconds old")
        << Samples{{0, 0}, {1000, 1000}, {2000, 2000}, {3000, 3000}, {3500, 6000}} << qint64(6000 * 1000 / 3500);
    QTest::newRow("after four seconds, from the second sample on")
        << Samples{{0, 0}, {1000, 1000}, {2000, 2000}, {3000, 3000}, {4000, 7000}} << qint64((7000 - 1000) / 3);
    QTest::newRow("samples ten times a second") << [] {
        Samples samples;
        for (int i = 0; i <= 100; ++i)
            samples.append({i * 100, qint64(i) * 2000});
        return samples;
    }() << qint64(20000);
}

void TestRateSampler::bytesPerSecond()
{
    QFETCH(Samples, samples);
    QFETCH(qint64, rate);

    const RateSampler::Clock::time_point start{};
    RateSampler sampler;
    for (const auto& [ms, received] : samples)
        sampler.add(start + std::chrono::milliseconds(ms), received);
    QCOMPARE(sampler.bytesPerSecond(), rate);
}

void TestRateSampler::secondsLeft_data()
{
    QTest::addColumn<qint64>("left");
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("nothing left") << qint64(0) << qint64(1000) << qint64(0);
    QTest::newRow("nothing left, rate unknown") << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("more than done (a refused copy)") << qint64(-5) << qint64(0) << qint64(0);
    QTest::newRow("rate unknown") << qint64(1000) << qint64(0) << qint64(-1);
    QTest::newRow("exactly ten seconds") << qint64(10000) << qint64(1000) << qint64(10);
    QTest::newRow("a byte more: rounded up") << qint64(10001) << qint64(1000) << qint64(11);
    QTest::newRow("less than a second: one") << qint64(1) << qint64(1000000) << qint64(1);
}

void TestRateSampler::secondsLeft()
{
    QFETCH(qint64, left);
    QFETCH(qint64, rate);
    QFETCH(qint64, seconds);
    QCOMPARE(RateSampler::secondsLeft(left, rate), seconds);
}

QTEST_GUILESS_MAIN(TestRateSampler)
#include "tst_ratesampler.moc"
