// The installation's history: every kind and outcome reads back as written, in order; free text
// survives whole; a crash's torn last line is ignored and a damaged line costs only itself.

#include "install/history.h"
#include "support/examplesigner.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

History::Record record(History::Kind kind = History::Kind::Update,
    History::Outcome outcome = History::Outcome::Installed, const QString& to = u"1.1.0"_s)
{
    History::Record r;
    r.time = QDateTime::currentDateTimeUtc();
    r.kind = kind;
    r.from = u"1.0.0"_s;
    r.to = to;
    r.channel = u"stable"_s;
    r.outcome = outcome;
    r.bytes = 123456789012;
    r.durationMs = 4321;
    r.reason = u"because"_s;
    r.healthOutput = u"ok\n"_s;
    return r;
}

QStringList versions(const std::vector<History::Record>& records)
{
    QStringList result;
    for (const auto& r : records)
        result.append(r.to);
    return result;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void signer_data();
    void signer();
    void transfer_data();
    void transfer();
    void namesAreRefusedWhenUnknown();
    void orderIsKept();
    void freeTextSurvives();
    void tornLastLineIsIgnored();
    void appendAfterATornLineKeepsTheRecord();
    void damagedMiddleLineIsSkipped_data();
    void damagedMiddleLineIsSkipped();
    void healthOutputKeepsItsLast16KiB();
    void missingFileReadsAsEmpty();
    void unwritableFileIsAnError();
};

void TestHistory::roundTrip_data()
{
    QTest::addColumn<History::Kind>("kind");
    QTest::addColumn<History::Outcome>("outcome");
    QTest::addColumn<QString>("kindName");
    QTest::addColumn<QString>("outcomeName");

    using K = History::Kind;
    using O = History::Outcome;
    const std::pair<K, const char*> kinds[]
        = {{K::Install, "install"}, {K::Update, "update"}, {K::Rollback, "rollback"}, {K::Failure, "failure"}};
    const std::pair<O, const char*> outcomes[]
        = {{O::Installed, "installed"}, {O::RolledBackAutomatically, "rolled-back-automatically"},
            {O::RolledBackByUser, "rolled-back-by-user"}, {O::Failed, "failed"}, {O::Interrupted, "interrupted"}};
    for (const auto& [kind, kindName] : kinds) {
        for (const auto& [outcome, outcomeName] : outcomes) {
            QTest::addRow("%s, %s", kindName, outcomeName)
                << kind << outcome << QString::fromLatin1(kindName) << QString::fromLatin1(outcomeName);
        }
    }
}

void TestHistory::roundTrip()
{
    QFETCH(History::Kind, kind);
    QFETCH(History::Outcome, outcome);
    QFETCH(QString, kindName);
    QFETCH(QString, outcomeName);

    QCOMPARE(History::toString(kind), kindName);
    QCOMPARE(History::toString(outcome), outcomeName);
    QCOMPARE(History::kindFromString(kindName), kind);
    QCOMPARE(History::outcomeFromString(outcomeName), outcome);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    History history(path);
    History::Record written = record(kind, outcome);
    if (kind == History::Kind::Install)
        written.from.clear(); // a fresh install comes from nothing
    UPKEEP_VERIFY_OK(history.append(written));
    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->size(), size_t(1));
    QCOMPARE(read->front(), written);
    QCOMPARE(read->front().time.timeSpec(), Qt::UTC);

    QVERIFY(QFileInfo(path).isReadable());
    const QByteArray line = readTestFile(path);
    QVERIFY(line.contains("\"kind\":\"" + kindName.toLatin1() + '"'));
    QVERIFY(line.contains("\"outcome\":\"" + outcomeName.toLatin1() + '"'));
}

void TestHistory::transfer_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<History::Transfer>("transfer");

    // Lines as an earlier Upkeep wrote them, without "transfer", still read; so does a kind a
    // later Upkeep may write.
    const QByteArray start
        = R"({"kind":"update","outcome":"installed","time":"2024-05-01T10:00:00.000Z","from":"1.0.0","to":"1.1.0",)"
          R"("channel":"stable","bytes":10,"duration_ms":5,"reason":"","health_output":"")";
    QTest::newRow("written before it") << start + "}" << History::Transfer::Unknown;
    QTest::newRow("patch") << start + R"(,"transfer":"patch"})" << History::Transfer::Patch;
    QTest::newRow("full") << start + R"(,"transfer":"full"})" << History::Transfer::Full;
    QTest::newRow("a kind not known yet") << start + R"(,"transfer":"delta-of-deltas"})" << History::Transfer::Unknown;
}

void TestHistory::transfer()
{
    QFETCH(QByteArray, line);
    QFETCH(History::Transfer, transfer);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    writeTestFile(path, line + '\n');
    auto read = History(path).records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->size(), size_t(1));
    QCOMPARE(read->front().transfer, transfer);
    QCOMPARE(read->front().bytes, 10);

    // Written back, it reads the same; Unknown is left out of the line.
    History::Record again = read->front();
    const QString copy = dir.filePath(u"copy.jsonl"_s);
    UPKEEP_VERIFY_OK(History(copy).append(again));
    auto reread = History(copy).records();
    UPKEEP_VERIFY_OK(reread);
    QCOMPARE(reread->front(), again);
    QCOMPARE(readTestFile(copy).contains("\"transfer\""), transfer != History::Transfer::Unknown);
}

void TestHistory::signer_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("hasSigner");

    // Lines as an earlier Upkeep wrote them, without "signer", still read.
    QTest::newRow("written before signers") << QByteArray(
        R"({"kind":"update","outcome":"installed","time":"2024-05-01T10:00:00.000Z","from":"1.0.0","to":"1.1.0",)"
        R"("channel":"stable","bytes":10,"duration_ms":5,"reason":"","health_output":""})")
                                            << false;
    QTest::newRow("with a signer") << QByteArray(
        R"({"kind":"update","outcome":"installed","time":"2024-05-01T10:00:00.000Z","to":"1.1.0","signer":)"
        R"({"publisher":"Example GmbH","subject":"CN=build server,O=Example GmbH",)"
        R"("issuer":"CN=Example GmbH Release CA,O=Example GmbH","serial":"3F9A0C21D4E85B7760A1F2C3B4D5E6F7",)"
        R"("not_before":"2026-03-01T09:00:00Z","not_after":"2027-03-01T09:00:00Z","fingerprint":"5A:1F:0B:9C:44:E2:7D:38:C1:06:AF:52:93:DE:68:0B:7E:21:F4:5C:8A:33:B9:D0:16:E7:4F:82:2C:A5:90:6D",)"
        R"("signed_at":"2026-05-12T14:30:15Z","crl_updated":"2026-05-20T08:00:00Z",)"
        R"("crl_next_update":"2026-06-19T08:00:00Z"}})")
                                   << true;
}

void TestHistory::signer()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, hasSigner);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    writeTestFile(path, line + '\n');
    History history(path);
    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->size(), size_t(1));
    QCOMPARE(read->front().to, u"1.1.0"_s);
    QCOMPARE(read->front().signer.has_value(), hasSigner);
    if (hasSigner)
        QVERIFY(*read->front().signer == exampleSigner());

    // What is appended reads back with its signer, or without one.
    History::Record written = record();
    if (hasSigner)
        written.signer = exampleSigner();
    UPKEEP_VERIFY_OK(history.append(written));
    read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->back(), written);
    QCOMPARE(readTestFile(path).split('\n').at(1).contains("\"signer\""), hasSigner);
}

void TestHistory::namesAreRefusedWhenUnknown()
{
    QCOMPARE(History::kindFromString(u"upgrade"_s), std::nullopt);
    QCOMPARE(History::kindFromString(u"Update"_s), std::nullopt);
    QCOMPARE(History::kindFromString(QString()), std::nullopt);
    QCOMPARE(History::outcomeFromString(u"rolled back"_s), std::nullopt);
    QCOMPARE(History::outcomeFromString(QString()), std::nullopt);
}

void TestHistory::orderIsKept()
{
    QTemporaryDir dir;
    History history(dir.filePath(u"history.jsonl"_s));
    const QStringList written{u"1.0.0"_s, u"1.1.0"_s, u"1.0.9"_s, u"2.0.0"_s, u"1.2.0"_s};
    for (const QString& version : written)
        UPKEEP_VERIFY_OK(history.append(record(History::Kind::Update, History::Outcome::Installed, version)));
    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(versions(*read), written);
}

void TestHistory::freeTextSurvives()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    History history(path);
    History::Record written = record(History::Kind::Rollback, History::Outcome::RolledBackAutomatically);
    written.reason
        = u"The health check exited with code 3.\nIt said \"database locked\"\r\n\tat C:\\path\x01 — ünïcødé 😀"_s;
    written.healthOutput = u"line 1\nline \"2\"\n\\\n"_s;
    written.channel = u"beta \"quoted\""_s;
    UPKEEP_VERIFY_OK(history.append(written));
    UPKEEP_VERIFY_OK(history.append(record()));

    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->size(), size_t(2));
    QCOMPARE(read->front(), written);

    QVERIFY(QFileInfo(path).isReadable());
    QCOMPARE(readTestFile(path).count('\n'), 2); // one line per record, whatever the text held
}

void TestHistory::tornLastLineIsIgnored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    History history(path);
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Install, History::Outcome::Installed, u"1.0.0"_s)));
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Update, History::Outcome::Installed, u"1.1.0"_s)));
    appendTestFile(path, R"({"bytes":12,"channel":"stable","duration_ms":4,"from":"1.1.0","kind":"upd)");

    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(versions(*read), (QStringList{u"1.0.0"_s, u"1.1.0"_s}));
}

void TestHistory::appendAfterATornLineKeepsTheRecord()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    History history(path);
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Update, History::Outcome::Installed, u"1.1.0"_s)));
    appendTestFile(path, R"({"bytes":12,"chan)");
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Update, History::Outcome::Installed, u"1.2.0"_s)));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"damaged at line 2"_s));
    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(versions(*read), (QStringList{u"1.1.0"_s, u"1.2.0"_s}));
}

void TestHistory::damagedMiddleLineIsSkipped_data()
{
    QTest::addColumn<QByteArray>("damaged");

    QTest::newRow("not JSON") << QByteArray("not json");
    QTest::newRow("not an object") << QByteArray(R"(["update"])");
    QTest::newRow("unknown kind") << QByteArray(
        R"({"kind":"upgrade","outcome":"installed","time":"2024-05-01T10:00:00.000Z","to":"9.9.9"})");
    QTest::newRow("unknown outcome") << QByteArray(
        R"({"kind":"update","outcome":"maybe","time":"2024-05-01T10:00:00.000Z","to":"9.9.9"})");
    QTest::newRow("no time") << QByteArray(R"({"kind":"update","outcome":"installed","to":"9.9.9"})");
    QTest::newRow("signer without serial") << QByteArray(
        R"({"kind":"update","outcome":"installed","time":"2024-05-01T10:00:00.000Z","to":"9.9.9","signer":{"publisher":"X"}})");
    QTest::newRow("signer not an object") << QByteArray(
        R"({"kind":"update","outcome":"installed","time":"2024-05-01T10:00:00.000Z","to":"9.9.9","signer":"Example GmbH"})");
    QTest::newRow("binary junk") << QByteArray::fromHex("00fffe") + "{\"kind\"";
}

void TestHistory::damagedMiddleLineIsSkipped()
{
    QFETCH(QByteArray, damaged);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.jsonl"_s);
    History history(path);
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Install, History::Outcome::Installed, u"1.0.0"_s)));
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Update, History::Outcome::Installed, u"1.1.0"_s)));
    appendTestFile(path, damaged + '\n');
    UPKEEP_VERIFY_OK(history.append(record(History::Kind::Update, History::Outcome::Failed, u"1.2.0"_s)));

    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(u"The history .*history\\.jsonl is damaged at line 3; skipping that line\\."_s));
    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(versions(*read), (QStringList{u"1.0.0"_s, u"1.1.0"_s, u"1.2.0"_s}));
    QCOMPARE(read->back().outcome, History::Outcome::Failed);
}

void TestHistory::healthOutputKeepsItsLast16KiB()
{
    QTemporaryDir dir;
    History history(dir.filePath(u"history.jsonl"_s));
    History::Record written = record(History::Kind::Update, History::Outcome::RolledBackAutomatically);
    QString output;
    for (int i = 0; output.size() < 40 * 1024; ++i)
        output += u"line %1: ü\n"_s.arg(i); // two-byte characters, so a cut may fall inside one
    output += u"FAILED: the end"_s;
    written.healthOutput = output;
    UPKEEP_VERIFY_OK(history.append(written));

    auto read = history.records();
    UPKEEP_VERIFY_OK(read);
    const QString kept = read->front().healthOutput;
    QVERIFY(kept.toUtf8().size() <= History::kMaxHealthOutputBytes);
    QVERIFY(kept.toUtf8().size() > History::kMaxHealthOutputBytes - 4);
    QVERIFY(output.endsWith(kept));
    QVERIFY(!kept.contains(QChar::ReplacementCharacter));
    QVERIFY(kept.endsWith(u"FAILED: the end"_s));
}

void TestHistory::missingFileReadsAsEmpty()
{
    QTemporaryDir dir;
    auto read = History(dir.filePath(u"history.jsonl"_s)).records();
    UPKEEP_VERIFY_OK(read);
    QVERIFY(read->empty());
}

void TestHistory::unwritableFileIsAnError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"no-such-folder/history.jsonl"_s);
    auto written = History(path).append(record());
    UPKEEP_VERIFY_ERROR(written, Error::Code::Io);
    QVERIFY(written.error().message.startsWith(u"Cannot write the history %1: "_s.arg(path)));
}

QTEST_GUILESS_MAIN(TestHistory)

#include "tst_history.moc"
