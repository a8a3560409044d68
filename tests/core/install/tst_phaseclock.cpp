// PhaseClock: says nothing unless upkeep.timing is turned on, and then one line a lap, "PHASE:
// N ms", each lap measured from the one before.

#include "install/phaseclock.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

namespace {

QStringList g_logged;

void capture(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    if (QLatin1StringView(context.category) == "upkeep.timing"_L1)
        g_logged.append(message);
}

} // namespace

class TestPhaseClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        g_logged.clear();
        qInstallMessageHandler(capture);
    }
    void cleanup()
    {
        qInstallMessageHandler(nullptr);
        QLoggingCategory::setFilterRules({});
    }

    void quietByDefault()
    {
        PhaseClock clock;
        clock.lap(u"fetch");
        QVERIFY(g_logged.isEmpty());
    }

    void logsEachLap()
    {
        QLoggingCategory::setFilterRules(u"upkeep.timing.debug=true"_s);
        PhaseClock clock;
        QThread::msleep(100);
        clock.lap(u"stage");
        clock.lap(u"health check");
        QCOMPARE(g_logged.size(), 2);
        const QRegularExpression line(uR"(^(.+): (\d+\.\d) ms$)"_s);
        const auto first = line.match(g_logged[0]);
        const auto second = line.match(g_logged[1]);
        QVERIFY2(first.hasMatch(), qPrintable(g_logged[0]));
        QVERIFY2(second.hasMatch(), qPrintable(g_logged[1]));
        QCOMPARE(first.captured(1), u"stage"_s);
        QCOMPARE(second.captured(1), u"health check"_s);
        QVERIFY(first.captured(2).toDouble() >= 100.0);
        QVERIFY(second.captured(2).toDouble() < first.captured(2).toDouble()); // from the lap before
    }
};

QTEST_GUILESS_MAIN(TestPhaseClock)
#include "tst_phaseclock.moc"
