// The channel list: most stable first, a sentence for each channel (known or not), and moving
// the current channel touches only the two rows concerned.

#include "channelmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestChannelModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows();
    void currentMovesNarrowly();
    void newListResets();
    void descriptions_data();
    void descriptions();
};

void TestChannelModel::rows()
{
    ChannelModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannels({u"stable"_s, u"beta"_s, u"nightly"_s}, u"beta"_s);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data().toString(), u"Stable"_s);
    QCOMPARE(model.index(1).data(ChannelModel::NameRole).toString(), u"beta"_s);
    QCOMPARE(model.index(2).data(ChannelModel::StabilityRole).toInt(), 2);
    QVERIFY(model.index(1).data(ChannelModel::CurrentRole).toBool());
    QVERIFY(!model.index(0).data(ChannelModel::CurrentRole).toBool());
    QCOMPARE(model.rowOf(u"nightly"_s), 2);
    QCOMPARE(model.rowOf(u"edge"_s), -1);
    QCOMPARE(int(ChannelModel::NameRole), Qt::UserRole + 1);
}

void TestChannelModel::currentMovesNarrowly()
{
    ChannelModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannels({u"stable"_s, u"beta"_s, u"nightly"_s}, u"stable"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setChannels({u"stable"_s, u"beta"_s, u"nightly"_s}, u"nightly"_s);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(changed.at(1).at(2).value<QList<int>>(), QList<int>{ChannelModel::CurrentRole});
    QCOMPARE(model.current(), u"nightly"_s);
    model.setChannels({u"stable"_s, u"beta"_s, u"nightly"_s}, u"nightly"_s);
    QCOMPARE(changed.size(), 2);
}

void TestChannelModel::newListResets()
{
    ChannelModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChannels({u"stable"_s}, u"stable"_s);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setChannels({u"stable"_s, u"beta"_s}, u"stable"_s);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 2);
}

void TestChannelModel::descriptions_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("startsWith");
    QTest::newRow("stable") << u"stable"_s << u"Releases that have been tested widely."_s;
    QTest::newRow("beta") << u"beta"_s << u"Upcoming releases a few weeks early."_s;
    QTest::newRow("nightly") << u"nightly"_s << u"Built every night"_s;
    QTest::newRow("a channel of the publisher's") << u"canary"_s << u"Less tested than nightly"_s;
}

void TestChannelModel::descriptions()
{
    QFETCH(QString, channel);
    QFETCH(QString, startsWith);
    const QStringList names{u"stable"_s, u"beta"_s, u"nightly"_s, u"canary"_s};
    const QString text = ChannelModel::describe(channel, names);
    QVERIFY2(text.startsWith(startsWith), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestChannelModel)
#include "tst_channelmodel.moc"
