// The history table: newest first, a row per record with its outcome in words, new records
// inserted at the top rather than resetting, and "roll back" offered only for kept, older,
// successfully installed versions.

#include "historymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

History::Record record(const QString& from, const QString& to, History::Outcome outcome, int minute)
{
    History::Record r;
    r.time = QDateTime(QDate(2026, 3, 1), QTime(12, minute), Qt::UTC);
    r.kind = from.isEmpty()                             ? History::Kind::Install
        : outcome == History::Outcome::RolledBackByUser ? History::Kind::Rollback
                                                        : History::Kind::Update;
    r.from = from;
    r.to = to;
    r.outcome = outcome;
    r.channel = u"stable"_s;
    r.reason
        = outcome == History::Outcome::RolledBackAutomatically ? u"The health check exited with code 2."_s : QString();
    r.bytes = 1500000;
    return r;
}

std::vector<Version> versions(const QStringList& list)
{
    std::vector<Version> result;
    for (const QString& text : list)
        result.push_back(*Version::parse(text));
    return result;
}

} // namespace

class TestHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestFirst();
    void appendedRecordsAreInsertedAtTheTop();
    void rewrittenHistoryResets();
    void canRollBack_data();
    void canRollBack();
    void outcomes_data();
    void outcomes();
};

void TestHistoryModel::newestFirst()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory({record({}, u"1.0.0"_s, History::Outcome::Installed, 0),
                         record(u"1.0.0"_s, u"1.1.0"_s, History::Outcome::RolledBackAutomatically, 5)},
        versions({u"1.0.0"_s, u"1.1.0"_s}), *Version::parse(u"1.0.0"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
    QCOMPARE(model.index(0, HistoryModel::ChangeColumn).data().toString(), u"1.0.0 → 1.1.0"_s);
    QCOMPARE(model.index(0, HistoryModel::OutcomeColumn).data().toString(), u"Rolled back automatically"_s);
    QCOMPARE(model.index(0, HistoryModel::DetailsColumn).data().toString(), u"The health check exited with code 2."_s);
    QCOMPARE(model.index(1, HistoryModel::ChangeColumn).data().toString(), u"1.0.0 (first install)"_s);
    QCOMPARE(model.index(1, HistoryModel::DetailsColumn).data().toString(), u"1.5 MB downloaded"_s);
    QCOMPARE(model.headerData(HistoryModel::OutcomeColumn, Qt::Horizontal, Qt::DisplayRole).toString(), u"Outcome"_s);
    QCOMPARE(int(HistoryModel::TimeRole), Qt::UserRole + 1);
}

void TestHistoryModel::appendedRecordsAreInsertedAtTheTop()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<History::Record> records{record({}, u"1.0.0"_s, History::Outcome::Installed, 0)};
    model.setHistory(records, versions({u"1.0.0"_s}), *Version::parse(u"1.0.0"));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    records.push_back(record(u"1.0.0"_s, u"1.1.0"_s, History::Outcome::Installed, 1));
    model.setHistory(records, versions({u"1.0.0"_s, u"1.1.0"_s}), *Version::parse(u"1.1.0"));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(model.index(0, 0).data(HistoryModel::ToRole).toString(), u"1.1.0"_s);
    // The running version moved, so whether a row can be rolled back to may have too.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{HistoryModel::CanRollBackRole});
    QVERIFY(model.index(1, 0).data(HistoryModel::CanRollBackRole).toBool());
    // The same history again: no signal at all.
    model.setHistory(records, versions({u"1.0.0"_s, u"1.1.0"_s}), *Version::parse(u"1.1.0"));
    QCOMPARE(inserted.size() + reset.size() + changed.size(), 2);
}

void TestHistoryModel::rewrittenHistoryResets()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory({record({}, u"1.0.0"_s, History::Outcome::Installed, 0)}, {}, std::nullopt);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // Another installation's history.
    model.setHistory({record({}, u"3.0.0"_s, History::Outcome::Installed, 0)}, {}, std::nullopt);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.index(0, 0).data(HistoryModel::ToRole).toString(), u"3.0.0"_s);
}

void TestHistoryModel::canRollBack_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QStringList>("kept");
    QTest::addColumn<QString>("running");
    QTest::addColumn<bool>("expected");
    const int installed = int(History::Outcome::Installed);
    QTest::newRow("kept and older") << u"1.0.0"_s << installed << QStringList{u"1.0.0"_s, u"1.1.0"_s} << u"1.1.0"_s
                                    << true;
    QTest::newRow("the running one") << u"1.1.0"_s << installed << QStringList{u"1.0.0"_s, u"1.1.0"_s} << u"1.1.0"_s
                                     << false;
    QTest::newRow("no longer kept") << u"0.9.0"_s << installed << QStringList{u"1.0.0"_s, u"1.1.0"_s} << u"1.1.0"_s
                                    << false;
    QTest::newRow("newer than running") << u"1.1.0"_s << installed << QStringList{u"1.0.0"_s, u"1.1.0"_s} << u"1.0.0"_s
                                        << false;
    QTest::newRow("failed install") << u"1.0.0"_s << int(History::Outcome::Failed)
                                    << QStringList{u"1.0.0"_s, u"1.1.0"_s} << u"1.1.0"_s << false;
    QTest::newRow("user rollback target") << u"1.0.0"_s << int(History::Outcome::RolledBackByUser)
                                          << QStringList{u"1.0.0"_s, u"1.2.0"_s} << u"1.2.0"_s << true;
}

void TestHistoryModel::canRollBack()
{
    QFETCH(QString, to);
    QFETCH(int, outcome);
    QFETCH(QStringList, kept);
    QFETCH(QString, running);
    QFETCH(bool, expected);
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory({record(u"0.1.0"_s, to, History::Outcome(outcome), 0)}, versions(kept), *Version::parse(running));
    QCOMPARE(model.index(0, 0).data(HistoryModel::CanRollBackRole).toBool(), expected);
}

void TestHistoryModel::outcomes_data()
{
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("text");
    QTest::newRow("installed") << int(History::Outcome::Installed) << u"Installed"_s;
    QTest::newRow("automatic") << int(History::Outcome::RolledBackAutomatically) << u"Rolled back automatically"_s;
    QTest::newRow("user") << int(History::Outcome::RolledBackByUser) << u"Rolled back by you"_s;
    QTest::newRow("failed") << int(History::Outcome::Failed) << u"Failed"_s;
    QTest::newRow("interrupted") << int(History::Outcome::Interrupted) << u"Interrupted"_s;
}

void TestHistoryModel::outcomes()
{
    QFETCH(int, outcome);
    QFETCH(QString, text);
    QCOMPARE(HistoryModel::outcomeText(History::Outcome(outcome)), text);
}

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
