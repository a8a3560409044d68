// The write-ahead journal: what a crash leaves behind is read back as the steps that finished,
// a line torn by the crash counts as not begun, and a finished change leaves nothing to recover.

#include "install/journal.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/verify.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

Journal::Entry entry(Journal::Step step, const QString& note = {})
{
    return Journal::Entry{step, QDateTime::currentDateTimeUtc(), u"1.0.0"_s, u"1.1.0"_s, note};
}

QList<Journal::Step> steps(const std::vector<Journal::Entry>& entries)
{
    QList<Journal::Step> result;
    for (const auto& e : entries)
        result.append(e.step);
    return result;
}

// Run as a child process: journal every step, and die (as in a power cut) right after `crashAt`.
int runChild(const QString& path, const QString& crashAt)
{
    Journal journal(path);
    for (auto step : {Journal::Step::Begin, Journal::Step::Staged, Journal::Step::Switched, Journal::Step::Checked,
             Journal::Step::Done}) {
        if (!journal.append(entry(step)))
            return 3;
        if (Journal::toString(step) == crashAt)
            ::kill(::getpid(), SIGKILL);
    }
    return 0;
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingSteps_data();
    void pendingSteps();
    void tornLastLineIsIgnored();
    void tornLineInTheMiddleIsSkipped();
    void notesStayOnOneLine();
    void crashAtEachStep_data();
    void crashAtEachStep();
};

void TestJournal::pendingSteps_data()
{
    using S = Journal::Step;
    QTest::addColumn<QList<Journal::Step>>("written");
    QTest::addColumn<QList<Journal::Step>>("pending");

    QTest::newRow("nothing written") << QList<S>{} << QList<S>{};
    QTest::newRow("begun") << QList<S>{S::Begin} << QList<S>{S::Begin};
    QTest::newRow("switched") << QList<S>{S::Begin, S::Staged, S::Switched}
                              << QList<S>{S::Begin, S::Staged, S::Switched};
    QTest::newRow("done") << QList<S>{S::Begin, S::Staged, S::Switched, S::Checked, S::Done} << QList<S>{};
    QTest::newRow("reverted, not done") << QList<S>{S::Begin, S::Staged, S::Switched, S::Reverted}
                                        << QList<S>{S::Begin, S::Staged, S::Switched, S::Reverted};
    QTest::newRow("a second change after a finished one")
        << QList<S>{S::Begin, S::Done, S::Begin, S::Staged} << QList<S>{S::Begin, S::Staged};
}

void TestJournal::pendingSteps()
{
    QFETCH(QList<Journal::Step>, written);
    QFETCH(QList<Journal::Step>, pending);

    QTemporaryDir dir;
    Journal journal(dir.filePath(u"journal"_s));
    for (Journal::Step step : written)
        UPKEEP_VERIFY_OK(journal.append(entry(step)));
    auto read = journal.pending();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(steps(*read), pending);
    if (!read->empty()) {
        QCOMPARE(read->front().from, u"1.0.0"_s);
        QCOMPARE(read->front().to, u"1.1.0"_s);
    }
    UPKEEP_VERIFY_OK(journal.clear());
    QVERIFY(journal.pending()->empty());
}

void TestJournal::tornLastLineIsIgnored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"journal"_s);
    Journal journal(path);
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Begin)));
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Staged)));
    appendTestFile(path, R"({"from":"1.0.0","step":"swi)");
    auto read = journal.pending();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(steps(*read), (QList<Journal::Step>{Journal::Step::Begin, Journal::Step::Staged}));
}

void TestJournal::tornLineInTheMiddleIsSkipped()
{
    // A crash tore the third line; the recovery that followed appended after it.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"journal"_s);
    Journal journal(path);
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Begin)));
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Staged)));
    appendTestFile(path, R"({"from":"1.0.0","st)");
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Reverted)));
    QTest::ignoreMessage(QtWarningMsg, qPrintable(u"The journal %1 has a torn line 3; it is skipped."_s.arg(path)));
    auto read = journal.pending();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(
        steps(*read), (QList<Journal::Step>{Journal::Step::Begin, Journal::Step::Staged, Journal::Step::Reverted}));
}

void TestJournal::notesStayOnOneLine()
{
    QTemporaryDir dir;
    Journal journal(dir.filePath(u"journal"_s));
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Begin)));
    UPKEEP_VERIFY_OK(journal.append(entry(Journal::Step::Reverted, u"health check failed:\nexit code 3"_s)));
    auto read = journal.pending();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->size(), size_t(2));
    QCOMPARE(read->back().note, u"health check failed: exit code 3"_s);
}

void TestJournal::crashAtEachStep_data()
{
    using S = Journal::Step;
    QTest::addColumn<QString>("crashAt");
    QTest::addColumn<QList<Journal::Step>>("pending");

    QTest::newRow("begin") << u"begin"_s << QList<S>{S::Begin};
    QTest::newRow("staged") << u"staged"_s << QList<S>{S::Begin, S::Staged};
    QTest::newRow("switched") << u"switched"_s << QList<S>{S::Begin, S::Staged, S::Switched};
    QTest::newRow("checked") << u"checked"_s << QList<S>{S::Begin, S::Staged, S::Switched, S::Checked};
    QTest::newRow("done: nothing pending") << u"done"_s << QList<S>{};
}

void TestJournal::crashAtEachStep()
{
    QFETCH(QString, crashAt);
    QFETCH(QList<Journal::Step>, pending);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"journal"_s);
    const ProgramRun child = TestProgram(QCoreApplication::applicationFilePath(),
        {.environment = {u"TST_JOURNAL_CRASH_AT="_s + crashAt, u"TST_JOURNAL_CHILD="_s + path}})
                                 .run({});
    QVERIFY2(child.crashed, qPrintable(child.describe())); // SIGKILL, right after the step was written
    auto read = Journal(path).pending();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(steps(*read), pending);
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("TST_JOURNAL_CHILD"))
        return runChild(qEnvironmentVariable("TST_JOURNAL_CHILD"), qEnvironmentVariable("TST_JOURNAL_CRASH_AT"));
    TestJournal test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journal.moc"
