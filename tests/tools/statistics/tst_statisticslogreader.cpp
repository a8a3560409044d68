// The statistics log as nginx writes it and logrotate keeps it: plain or gzip-compressed, with lines
// that are no ping among them, and what is damaged refused with the file's name.

#include "statisticslogreader.h"
#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kInstall = "2026-06-01T10:00:00+00:00 204 app=editor&kind=install&from=&to=1.0.0&channel=stable"
                            "&outcome=installed&os=debian-12&arch=x86_64&upkeep=0.1.0&id=49d33861ca758f1f";
const QByteArray kRollback = "2026-06-02T23:30:00+02:00 204 app=editor&kind=rollback&from=1.1.0&to=1.0.0"
                             "&channel=stable&outcome=rolled-back-by-user&os=debian-12&arch=x86_64&upkeep=0.1.0"
                             "&id=49d33861ca758f1f";

} // namespace

class TestStatisticsLogReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEvents_data();
    void readsEvents();
    void eventFields();
    void refusesDamage_data();
    void refusesDamage();

private:
    QString gzip(const QString& path);
    QTemporaryDir m_dir;
};

QString TestStatisticsLogReader::gzip(const QString& path)
{
    const ProgramRun run = TestProgram(QStandardPaths::findExecutable(u"gzip"_s)).run({u"-f"_s, path});
    return run.exitCode == 0 ? path + u".gz"_s : QString();
}

void TestStatisticsLogReader::readsEvents_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("compressed");
    QTest::addColumn<QStringList>("outcomes");
    QTest::addColumn<qint64>("skipped");

    const QByteArray both = kInstall + '\n' + kRollback + '\n';
    QTest::newRow("plain") << both << false << QStringList{u"installed"_s, u"rolled-back-by-user"_s} << qint64(0);
    QTest::newRow("rotated .gz") << both << true << QStringList{u"installed"_s, u"rolled-back-by-user"_s} << qint64(0);
    QTest::newRow("empty") << QByteArray() << false << QStringList() << qint64(0);
    QTest::newRow("empty .gz") << QByteArray() << true << QStringList() << qint64(0);
    QTest::newRow("last line cut off") << kInstall + '\n' + kRollback << false
                                       << QStringList{u"installed"_s, u"rolled-back-by-user"_s} << qint64(0);
    QTest::newRow("blank lines") << "\n\n" + kInstall + "\n\n" << false << QStringList{u"installed"_s} << qint64(0);
    QByteArray notFound = kInstall;
    notFound.replace(" 204 ", " 404 ");
    QByteArray noOutcome = kInstall;
    noOutcome.replace("&outcome=installed", "");
    QByteArray badTime = kInstall;
    badTime.replace("2026-06-01T10", "yesterday");
    QTest::newRow("not answered, no outcome, bad time, garbage")
        << notFound + '\n' + noOutcome + '\n' + badTime + "\nGET / HTTP/1.1\n" + kRollback + '\n'
        << false << QStringList{u"rolled-back-by-user"_s} << qint64(4);
    QByteArray many;
    for (int i = 0; i < 5000; ++i)
        many += kInstall + '\n';
    QTest::newRow("more than a block, compressed") << many << true << QStringList(5000, u"installed"_s) << qint64(0);
}

void TestStatisticsLogReader::readsEvents()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, compressed);
    QFETCH(QStringList, outcomes);
    QFETCH(qint64, skipped);

    QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    writeTestFile(path, content);
    if (compressed) {
        path = gzip(path);
        QVERIFY2(!path.isEmpty(), "gzip compresses the log as logrotate does");
    }
    QStringList read;
    StatisticsLogReader reader([&read](const StatisticsEvent& event) { read.append(event.outcome); });
    auto result = reader.read(path);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(read, outcomes);
    QCOMPARE(reader.skipped(), skipped);
}

void TestStatisticsLogReader::eventFields()
{
    auto install = StatisticsEvent::parse(kInstall);
    QVERIFY(install);
    QCOMPARE(install->time, QDateTime(QDate(2026, 6, 1), QTime(10, 0), Qt::UTC));
    QCOMPARE(install->app, u"editor"_s);
    QCOMPARE(install->kind, u"install"_s);
    QCOMPARE(install->from, QString());
    QCOMPARE(install->version(), u"1.0.0"_s);
    QCOMPARE(install->channel, u"stable"_s);
    QCOMPARE(install->os, u"debian-12"_s);
    QCOMPARE(install->arch, u"x86_64"_s);
    QCOMPARE(install->upkeep, u"0.1.0"_s);
    QCOMPARE(install->id, u"49d33861ca758f1f"_s);

    // The time in UTC, whatever zone nginx's server runs in; a user's rollback is about the version left.
    auto rollback = StatisticsEvent::parse(kRollback);
    QVERIFY(rollback);
    QCOMPARE(rollback->time, QDateTime(QDate(2026, 6, 2), QTime(21, 30), Qt::UTC));
    QCOMPARE(rollback->version(), u"1.1.0"_s);

    // What the client percent-encodes comes back as it was.
    auto encoded = StatisticsEvent::parse("2026-06-01T10:00:00+00:00 204 app=my%20app&to=1.0.0%2Bbuild&outcome=failed");
    QVERIFY(encoded);
    QCOMPARE(encoded->app, u"my app"_s);
    QCOMPARE(encoded->to, u"1.0.0+build"_s);
}

void TestStatisticsLogReader::refusesDamage_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("says");

    QTest::newRow("missing") << u"nowhere.log"_s << u"cannot read it"_s;
    QTest::newRow("truncated .gz") << u"truncated.log.gz"_s << u"damaged"_s;
}

void TestStatisticsLogReader::refusesDamage()
{
    QFETCH(QString, name);
    QFETCH(QString, says);

    QByteArray many;
    for (int i = 0; i < 2000; ++i)
        many += kInstall + '\n';
    writeTestFile(m_dir.filePath(u"whole.log"_s), many);
    const QString whole = gzip(m_dir.filePath(u"whole.log"_s));
    QVERIFY(!whole.isEmpty());
    const QByteArray compressed = readTestFile(whole);
    writeTestFile(m_dir.filePath(u"truncated.log.gz"_s), compressed.left(compressed.size() / 2));

    const QString path = m_dir.filePath(name);
    StatisticsLogReader reader([](const StatisticsEvent&) {});
    auto result = reader.read(path);
    QVERIFY(!result);
    QVERIFY2(result.error().message.startsWith(path + u": "_s + says), qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestStatisticsLogReader)
#include "tst_statisticslogreader.moc"
