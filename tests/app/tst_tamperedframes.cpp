// A repository whose object or patch was swapped for a zstd frame that still makes exactly the
// signed content, but asks the decoder for more memory than the file justifies: published with the
// real upkeep-publish, tampered on the repository's folder, and refused by the real
// `upkeep update`: a tampered object with a clear message while the installed version stays as it
// was, a tampered patch by falling back to the whole object. Objects and patches are checked by
// what they make, so only the decoder can catch such a frame.

#include "release/objectdecoder.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/verify.h"
#include "support/zstdframes.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The files of the viewer at `version`: a program, notes that change in one line between
// versions (an update patches them) and random data that changes whole (an update takes its
// object).
std::map<QString, QByteArray> releaseFiles(const QString& version)
{
    QByteArray notes;
    for (int line = 0; line < 400; ++line)
        notes += "Line " + QByteArray::number(line) + " of the viewer's notes, the same in every version.\n";
    notes.replace("Line 200 of", "Line 200 (" + version.toUtf8() + ") of");
    return {
        {u"bin/viewer"_s, "#!/bin/sh\necho viewer "_ba + version.toUtf8() + '\n'},
        {u"share/notes.txt"_s, notes},
        {u"share/data.bin"_s, randomBytes(5000, quint32(qHash(version)))},
    };
}

} // namespace

class TestTamperedFrames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refused_data();
    void refused();

private:
    ProgramRun publish(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_PUBLISH), {.configHome = m_config}).run(arguments);
    }
    ProgramRun upkeep(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_config}).run(arguments);
    }
    void release(const QString& version);

    QTemporaryDir m_dir;
    QString m_config;
    QString m_repository;
    QString m_keys;
    QString m_firstRelease;  // a copy of the repository with 1.0.0 alone
    QString m_secondRelease; // and with 1.1.0 as well
    QJsonObject m_manifest;  // of 1.1.0
};

void TestTamperedFrames::release(const QString& version)
{
    const QString source = m_dir.filePath(u"source-"_s + version);
    writeTestFiles(source, releaseFiles(version));
    const ProgramRun released = publish({u"release"_s, m_repository, u"--keys"_s, m_keys, u"--app"_s, u"viewer"_s,
        u"--version"_s, version, u"--channel"_s, u"stable"_s, u"--from"_s, source});
    UPKEEP_EXPECT_EXIT(released, 0);
}

void TestTamperedFrames::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = m_dir.filePath(u"config"_s);
    m_repository = m_dir.filePath(u"publishing/repo"_s);
    m_keys = m_dir.filePath(u"publishing/keys"_s);
    m_firstRelease = m_dir.filePath(u"first"_s);
    m_secondRelease = m_dir.filePath(u"second"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, m_repository, u"--keys"_s, m_keys, u"--unencrypted-keys"_s}), 0);
    release(u"1.0.0"_s);
    copyTestTree(m_repository, m_firstRelease);
    release(u"1.1.0"_s);
    copyTestTree(m_repository, m_secondRelease);

    const QStringList manifests
        = QDir(m_repository + u"/targets/viewer/1.1.0"_s).entryList({u"*.manifest.json"_s}, QDir::Files);
    QCOMPARE(manifests.size(), 1);
    m_manifest = QJsonDocument::fromJson(readTestFile(m_repository + u"/targets/viewer/1.1.0/"_s + manifests.front()))
                     .object();
    QVERIFY(!m_manifest.isEmpty());
    // Format 2: the objects and patches tables are in the tables file the manifest names, an object.
    const QJsonObject tables = m_manifest.value(u"tables"_s).toObject();
    const QString made = m_dir.filePath(u"tables.json"_s);
    UPKEEP_VERIFY_OK(decodeObject(m_repository + u"/objects/"_s + tables.value(u"sha256"_s).toString() + u".zst"_s,
        made, tables.value(u"size"_s).toInteger(), tables.value(u"sha256"_s).toString(), 0600));
    const QJsonObject content = QJsonDocument::fromJson(readTestFile(made)).object();
    for (auto it = content.begin(); it != content.end(); ++it)
        m_manifest.insert(it.key(), it.value());
}

void TestTamperedFrames::refused_data()
{
    QTest::addColumn<QString>("path");    // the file of 1.1.0 whose download is tampered with
    QTest::addColumn<bool>("patched");    // its patch, else its object
    QTest::addColumn<QString>("tamper");  // what its frame declares
    QTest::addColumn<QString>("message"); // what the decoder says, on upkeep's stderr; empty when the
                                          // update goes through another way (a patch's object)

    QTest::newRow("an object asking for a 2 GiB window")
        << u"share/data.bin"_s << false << u"2 GiB window"_s << u"asks for a zstd window of 2147483648 bytes"_s;
    QTest::newRow("an object that does not say its size")
        << u"share/data.bin"_s << false << u"no content size"_s << u"does not say how many bytes it unpacks to"_s;
    QTest::newRow("a patch asking for a 2 GiB window without saying its size")
        << u"share/notes.txt"_s << true << u"2 GiB window, no content size"_s << QString();
}

void TestTamperedFrames::refused()
{
    QFETCH(QString, path);
    QFETCH(bool, patched);
    QFETCH(QString, tamper);
    QFETCH(QString, message);

    // Installed from the repository with 1.0.0 alone, which then gets 1.1.0.
    const QString repository = m_dir.filePath(u"mirror"_s);
    const QString install = m_dir.filePath(u"install"_s);
    QDir(install).removeRecursively();
    QDir(m_config).removeRecursively();
    copyTestTree(m_firstRelease, repository);
    ProgramRun ran = upkeep(
        {u"add"_s, u"--repo"_s, u"file://"_s + repository, u"--trust"_s, repository + u"/metadata/1.root.json"_s,
            u"--app"_s, u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, install});
    UPKEEP_EXPECT_EXIT(ran, 0);
    copyTestTree(m_secondRelease, repository);
    // This mirror lost the packs 1.1.0 lists: the update falls back to the per-file objects and
    // patches, whose frames this test tampers with (a pack is refused by its signed sha256 first).
    QVERIFY(QDir(repository + u"/packs"_s).removeRecursively());

    // What the update downloads for `path`, as 1.1.0's manifest lists it.
    QString content;
    qint64 size = -1;
    for (const QJsonValue& file : m_manifest.value(u"files"_s).toArray()) {
        if (file.toObject().value(u"path"_s).toString() == path) {
            content = file.toObject().value(u"sha256"_s).toString();
            size = file.toObject().value(u"size"_s).toInteger();
        }
    }
    QVERIFY2(size > 0, qPrintable(path));
    QString download = repository + u"/objects/"_s + content + u".zst"_s;
    const QJsonArray patches = m_manifest.value(u"patches"_s).toObject().value(content).toArray();
    QCOMPARE(patches.isEmpty(), !patched);
    if (patched) {
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().toObject().value(u"format"_s).toString(), u"zstd"_s);
        download
            = repository + u"/patches/"_s + patches.first().toObject().value(u"from"_s).toString() + u'-' + content;
    }

    // The same blocks under another header, padded to the signed length, so that only the decoder
    // can tell.
    const QByteArray original = readTestFile(download);
    QByteArray blocks = ZstdFrames::blocksOf(original);
    if (ZstdFrames::hasChecksum(original))
        blocks.chop(4);
    ZstdFrames::Header header;
    if (tamper == u"2 GiB window"_s) {
        header = {quint64(1) << 31, quint64(size), false};
    } else if (tamper == u"no content size"_s) {
        header = {quint64(1) << 13, std::nullopt, false}; // the 8 KiB a 5000-byte file once allowed
    } else {
        header = {quint64(1) << 31, std::nullopt, false};
    }
    const QByteArray tampered = ZstdFrames::frame(header, blocks, original.size());
    QCOMPARE(tampered.size(), original.size());
    writeTestFile(download, tampered);

    const QStringList before = QDir(install + u"/versions"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    ran = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, install});
    if (message.isEmpty()) {
        // The refused patch is not the only way to the content: its whole object makes it.
        UPKEEP_EXPECT_EXIT(ran, 0);
        QCOMPARE(QFile::symLinkTarget(install + u"/current"_s), install + u"/versions/1.1.0"_s);
        for (const auto& [file, bytes] : releaseFiles(u"1.1.0"_s))
            QCOMPARE(readTestFile(install + u"/current/"_s + file), bytes);
        UPKEEP_EXPECT_EXIT(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, install}), 0);
        return;
    }
    UPKEEP_EXPECT_EXIT(ran, 1);
    QVERIFY2(ran.err.contains(message), qPrintable(ran.describe()));
    const QString relative = QDir(repository).relativeFilePath(download);
    QVERIFY2(ran.err.contains(u"The copy of %1 from %2 does not match the signed metadata; it was discarded."_s.arg(
                 relative, repository)),
        qPrintable(ran.describe()));

    // Nothing installed changed.
    QCOMPARE(QFile::symLinkTarget(install + u"/current"_s), install + u"/versions/1.0.0"_s);
    QCOMPARE(QDir(install + u"/versions"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot), before);
    for (const auto& [file, bytes] : releaseFiles(u"1.0.0"_s))
        QCOMPARE(readTestFile(install + u"/current/"_s + file), bytes);
    UPKEEP_EXPECT_EXIT(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, install}), 0);
}

QTEST_GUILESS_MAIN(TestTamperedFrames)
#include "tst_tamperedframes.moc"
