// An update of many small files, end to end through the real binaries: releases published with
// upkeep-publish, served over HTTP by a FaultServer that counts requests, installed and updated by
// upkeep. However many files change, the update takes a handful of requests beyond the TUF
// metadata (issue 17: at most about two dozen), and ends with exactly the new release.

#include "faultserver.h"
#include "json/jsonparser.h"
#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A time zone database in miniature: `count` small text files, each changing a line or two from
// one version to the next, and a program.
std::map<QString, QByteArray> releaseFiles(int version, int count)
{
    std::map<QString, QByteArray> files{
        {u"bin/zones"_s, "#!/bin/sh\necho zones "_ba + QByteArray::number(version) + '\n'}};
    for (int zone = 0; zone < count; ++zone) {
        QByteArray text;
        for (int line = 0; line < 25; ++line) {
            text += "Rule Z" + QByteArray::number(zone) + ' ' + QByteArray::number(1980 + line) + " Mar lastSun "
                + QByteArray::number((zone + line * 5 + (line % 6 == zone % 6 ? version : 0)) % 24) + ":00u\n";
        }
        files.emplace(u"share/zoneinfo/Area%1/City%2"_s.arg(zone % 7).arg(zone), text);
    }
    return files;
}

} // namespace

class TestPackedUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manyChangedFilesFewRequests();

private:
    ProgramRun publish(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_PUBLISH), {.configHome = m_config}).run(arguments);
    }
    ProgramRun upkeep(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_config}).run(arguments);
    }

    QTemporaryDir m_dir;
    QString m_config = m_dir.filePath(u"config"_s);
};

void TestPackedUpdate::manyChangedFilesFewRequests()
{
    constexpr int kFiles = 400;
    const QString repository = m_dir.filePath(u"repo"_s);
    const QString keys = m_dir.filePath(u"keys"_s);
    const QString install = m_dir.filePath(u"install"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, repository, u"--keys"_s, keys, u"--unencrypted-keys"_s}), 0);
    auto release = [&](int version) {
        const QString source = m_dir.filePath(u"source-%1"_s.arg(version));
        writeTestFiles(source, releaseFiles(version, kFiles));
        UPKEEP_EXPECT_EXIT(publish({u"release"_s, repository, u"--keys"_s, keys, u"--app"_s, u"zones"_s, u"--version"_s,
                               u"1.%1.0"_s.arg(version), u"--channel"_s, u"stable"_s, u"--from"_s, source}),
            0);
    };
    release(0);
    FaultServer server(repository);
    UPKEEP_EXPECT_EXIT(
        upkeep({u"add"_s, u"--repo"_s, server.url().toString(), u"--trust"_s, repository + u"/metadata/1.root.json"_s,
            u"--app"_s, u"zones"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, install}),
        0);
    release(1);

    const size_t mark = server.requests().size();
    const ProgramRun updated = upkeep({u"update"_s, u"--yes"_s, u"--json"_s, u"--dir"_s, install});
    UPKEEP_EXPECT_EXIT(updated, 0);
    QStringList content; // every request but the TUF metadata's
    qint64 bytes = 0;
    const auto requests = server.requests();
    for (size_t i = mark; i < requests.size(); ++i) {
        bytes += requests[i].bodyBytesSent;
        if (!requests[i].path.startsWith(u"metadata/"_s))
            content.append(requests[i].path);
    }
    // The manifest (or its patch) and one pack: 401 changed files in a few requests.
    QVERIFY2(content.size() <= 24, qPrintable(content.join(u'\n')));
    QVERIFY2(content.filter(u"packs/"_s).size() == 1, qPrintable(content.join(u'\n')));
    QVERIFY2(content.filter(u"objects/"_s).isEmpty(), qPrintable(content.join(u'\n')));
    // The size it announced is what it downloaded, the pack fetched with the manifest included.
    const auto results = JsonParser().parse(updated.out.toUtf8());
    QVERIFY2(results && results->isArray() && results->toArray().size() == 1, qPrintable(updated.out));
    const JsonValue& result = results->toArray().front();
    const qint64 recorded = result.find("result")->find("bytes")->toInteger();
    QVERIFY(recorded > 0);
    QCOMPARE(result.find("download_bytes")->toInteger(), recorded);

    // Exactly the new release, file for file.
    const std::map<QString, QByteArray> expected = releaseFiles(1, kFiles);
    QStringList files = filesUnder(install + u"/current"_s);
    QCOMPARE(files.size(), qsizetype(expected.size()));
    for (const auto& [path, want] : expected)
        QCOMPARE(readTestFile(install + u"/current/"_s + path), want);
    UPKEEP_EXPECT_EXIT(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, install}), 0);
}

QTEST_GUILESS_MAIN(TestPackedUpdate)
#include "tst_packedupdate.moc"
