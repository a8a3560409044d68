// The releases an update brings: only those after the installed version up to the offer,
// newest first; notes come with the list (never from a previous list) or one row at a time;
// the combined changelog reads newest first with one heading per version.

#include "releasemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ReleaseSelector::Release release(const QString& version, const QString& channel = u"stable"_s, bool critical = false)
{
    ReleaseSelector::Release r;
    r.version = *Version::parse(version);
    r.channel = channel;
    r.critical = critical;
    r.released = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    return r;
}

std::vector<ReleaseSelector::Release> all()
{
    return {release(u"2.0.0"_s), release(u"1.2.0"_s, u"stable"_s, true), release(u"1.1.0"_s), release(u"1.0.0"_s),
        release(u"0.9.0"_s)};
}

QStringList versions(const ReleaseModel& model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row).data(ReleaseModel::VersionRole).toString());
    return result;
}

std::optional<Version> v(const QString& text)
{
    return text.isEmpty() ? std::nullopt : std::optional<Version>(*Version::parse(text));
}

} // namespace

class TestReleaseModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void between_data();
    void between();
    void changelogIsNarrow();
    void changelogDoesNotCarryOver();
    void markdownNewestFirst();
};

void TestReleaseModel::between_data()
{
    QTest::addColumn<QString>("installed");
    QTest::addColumn<QString>("offered");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("one step") << u"1.1.0"_s << u"1.2.0"_s << QStringList{u"1.2.0"_s};
    QTest::newRow("several, newest first")
        << u"1.0.0"_s << u"2.0.0"_s << QStringList{u"2.0.0"_s, u"1.2.0"_s, u"1.1.0"_s};
    QTest::newRow("offer below the newest (skipped)")
        << u"1.0.0"_s << u"1.2.0"_s << QStringList{u"1.2.0"_s, u"1.1.0"_s};
    QTest::newRow("nothing offered") << u"1.0.0"_s << QString() << QStringList{};
    QTest::newRow("fresh install") << QString() << u"1.1.0"_s << QStringList{u"1.1.0"_s, u"1.0.0"_s, u"0.9.0"_s};
}

void TestReleaseModel::between()
{
    QFETCH(QString, installed);
    QFETCH(QString, offered);
    QFETCH(QStringList, expected);
    ReleaseModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setReleases(all(), v(installed), v(offered));
    QCOMPARE(versions(model), expected);
    QCOMPARE(reset.size(), expected.isEmpty() ? 0 : 1);
    // The same list again changes nothing.
    model.setReleases(all(), v(installed), v(offered));
    QCOMPARE(reset.size(), expected.isEmpty() ? 0 : 1);
}

void TestReleaseModel::changelogIsNarrow()
{
    ReleaseModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReleases(all(), v(u"1.0.0"_s), v(u"2.0.0"_s));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setChangelog(*Version::parse(u"1.2.0"), u"Fixes a crash."_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(1));
    QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{ReleaseModel::ChangelogRole});
    QCOMPARE(model.index(1).data(ReleaseModel::ChangelogRole).toString(), u"Fixes a crash."_s);
    model.setChangelog(*Version::parse(u"1.2.0"), u"Fixes a crash."_s);
    model.setChangelog(*Version::parse(u"9.9.9"), u"Not here."_s);
    QCOMPARE(changed.size(), 1);
}

void TestReleaseModel::changelogDoesNotCarryOver()
{
    ReleaseModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The notes passed in are shown, on their own rows, in one reset.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setReleases(all(), v(u"1.0.0"_s), v(u"2.0.0"_s),
        {{u"1.1.0"_s, u"Faster start."_s}, {u"2.0.0"_s, u"New look."_s}, {u"0.9.0"_s, u"Not listed."_s}});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(model.index(0).data(ReleaseModel::ChangelogRole).toString(), u"New look."_s);
    QCOMPARE(model.index(1).data(ReleaseModel::ChangelogRole).toString(), QString());
    QCOMPARE(model.index(2).data(ReleaseModel::ChangelogRole).toString(), u"Faster start."_s);
    // Another list (say another application's, not yet checked) with the same versions: the
    // notes above belong to the first list and do not carry over.
    model.setReleases(all(), v(u"1.0.0"_s), v(u"1.2.0"_s));
    QCOMPARE(versions(model), (QStringList{u"1.2.0"_s, u"1.1.0"_s}));
    QCOMPARE(model.index(1).data(ReleaseModel::ChangelogRole).toString(), QString());
    QVERIFY2(!model.markdown().contains(u"Faster start."_s), qPrintable(model.markdown()));
    // Notes set one at a time do not carry over either.
    model.setChangelog(*Version::parse(u"1.2.0"), u"Fixes a crash."_s);
    model.setReleases(all(), v(u"1.1.0"_s), v(u"1.2.0"_s));
    QCOMPARE(model.index(0).data(ReleaseModel::ChangelogRole).toString(), QString());
}

void TestReleaseModel::markdownNewestFirst()
{
    ReleaseModel model;
    model.setReleases(all(), v(u"1.0.0"_s), v(u"1.2.0"_s));
    model.setChangelog(*Version::parse(u"1.2.0"), u"# Viewer 1.2.0\n\n## Fixed\n\n- A crash on start.\n"_s);
    const QString text = model.markdown();
    const qsizetype newer = text.indexOf(u"### Version 1.2.0"_s);
    const qsizetype older = text.indexOf(u"### Version 1.1.0"_s);
    QVERIFY2(newer >= 0 && older > newer, qPrintable(text));
    QVERIFY2(text.contains(u"critical update"_s), qPrintable(text));
    // The release's own title is dropped and its sections sit below our heading.
    QVERIFY2(!text.contains(u"# Viewer 1.2.0"_s), qPrintable(text));
    QVERIFY2(text.contains(u"\n#### Fixed\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"*No release notes.*"_s), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestReleaseModel)
#include "tst_releasemodel.moc"
