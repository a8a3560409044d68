// upkeep-publish release within --memory: the real binary publishes two releases of four
// files (the second with patches from the first) under a limit that its jobs side by side would
// exceed, reports its peak memory, and keeps it under the limit and an allowance for the process
// itself; a client installs and updates from the result to exactly the files published. And
// --memory misused is refused with a sentence.

#include "install/installation.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/verify.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <random>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = qint64(1) << 20;
// Four files of this size: each job of them takes some 90 to 200 MB by its estimate (the tables of
// zstd's level 19 are as large for any file over 256 KiB), while level 19 takes a few seconds each.
constexpr qint64 kFileSize = 6 * kMiB;
// The limit: more than the largest job alone (a patch), less than a patch and an object side by side.
constexpr qint64 kLimit = 256 * kMiB;
// What the process holds beside its jobs: Qt, the libraries, the metadata and manifests.
constexpr qint64 kAllowance = 64 * kMiB;

// Bytes like a program's: records of 64 random bytes drawn from a pool of 4096 in a random order,
// a quarter of them with a byte changed; about ten to one at level 19, with no long runs.
QByteArray recordLike(quint64 seed, qint64 size)
{
    std::mt19937_64 random(seed);
    std::vector<QByteArray> records(4096);
    for (QByteArray& record : records) {
        record.resize(64);
        for (char& c : record)
            c = char(random());
    }
    QByteArray bytes;
    bytes.reserve(size + 64);
    while (bytes.size() < size) {
        QByteArray record = records[random() % records.size()];
        if (random() % 4 == 0)
            record[qsizetype(random() % 64)] = char(random());
        bytes.append(record);
    }
    bytes.truncate(size);
    return bytes;
}

// The next version of `bytes`: a few hundred places edited, some grown and some shrunk.
QByteArray edited(QByteArray bytes, quint64 seed)
{
    std::mt19937_64 random(seed);
    for (int i = 0; i < 300; ++i) {
        const qsizetype at = qsizetype(random() % quint64(bytes.size() - 64));
        const QByteArray insert = recordLike(random(), qint64(random() % 200));
        bytes.replace(at, qsizetype(random() % 64), insert);
    }
    return bytes;
}

std::map<QString, QByteArray> releaseFiles(int release)
{
    std::map<QString, QByteArray> files;
    for (int i = 0; i < 4; ++i) {
        QByteArray bytes = recordLike(quint64(100 + i), kFileSize);
        if (release == 2)
            bytes = edited(std::move(bytes), quint64(200 + i));
        files.emplace(u"data/part%1.txt"_s.arg(i), std::move(bytes));
    }
    files.emplace(u"bin/app"_s, "#!/bin/sh\necho app "_ba + QByteArray::number(release) + '\n');
    return files;
}

// A run of upkeep-publish through fork and wait4, for the kernel's account of its peak memory.
struct MeasuredRun {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 maxRss = 0; // bytes
};

MeasuredRun publishMeasured(const QStringList& arguments, const QString& scratch)
{
    const QByteArray program = QByteArray(UPKEEP_PUBLISH);
    std::vector<QByteArray> strings{program};
    for (const QString& argument : arguments)
        strings.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& s : strings)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    const QByteArray outFile = QFile::encodeName(scratch + u"/out"_s);
    const QByteArray errFile = QFile::encodeName(scratch + u"/err"_s);
    MeasuredRun run;
    const pid_t child = fork();
    if (child == 0) {
        const int in = open("/dev/null", O_RDONLY);
        const int out = open(outFile.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(errFile.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(127);
        execv(argv[0], argv.data());
        _exit(127);
    }
    if (child < 0)
        return run;
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) != child)
        return run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = QString::fromLocal8Bit(readTestFile(scratch + u"/out"_s));
    run.err = QString::fromLocal8Bit(readTestFile(scratch + u"/err"_s));
    run.maxRss = qint64(usage.ru_maxrss) * 1024;
    return run;
}

// "Took 12.3 s on 2 cores; peak memory 250 MB (limit 400 MB)."
const QRegularExpression kReport(
    u"\\nTook (\\d+\\.\\d) s on (\\d+) cores?; peak memory (\\d+) MB \\(limit (\\d+) MB\\)\\.\\n"_s);

bool sameFiles(const QString& folder, const std::map<QString, QByteArray>& files, QString& why)
{
    int found = 0;
    QDirIterator it(folder + u'/', QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next().mid(folder.size() + 1);
        const auto wanted = files.find(path);
        if (wanted == files.end()) {
            why = path + u" should not be there"_s;
            return false;
        }
        if (readTestFile(it.filePath()) != wanted->second) {
            why = path + u" differs"_s;
            return false;
        }
        ++found;
    }
    if (found != int(files.size())) {
        why = u"%1 of %2 files"_s.arg(found).arg(files.size());
        return false;
    }
    return true;
}

} // namespace

class TestPublishMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void releasesWithinTheLimit();
    void misuse_data();
    void misuse();

private:
    QTemporaryDir m_dir;
    QString m_repo;
    QString m_keys;
};

void TestPublishMemory::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_repo = m_dir.filePath(u"repo"_s);
    m_keys = m_dir.filePath(u"keys"_s);
    UPKEEP_EXPECT_EXIT(TestProgram(QString::fromUtf8(UPKEEP_PUBLISH))
                           .run({u"init"_s, m_repo, u"--keys"_s, m_keys, u"--unencrypted-keys"_s}),
        0);
}

void TestPublishMemory::releasesWithinTheLimit()
{
    const QString scratch = m_dir.filePath(u"scratch"_s);
    QVERIFY(QDir().mkpath(scratch));
    for (int release = 1; release <= 2; ++release) {
        const QString folder = m_dir.filePath(u"app-%1"_s.arg(release));
        writeTestFiles(folder, releaseFiles(release));
        const MeasuredRun run = publishMeasured(
            {u"release"_s, m_repo, u"--keys"_s, m_keys, u"--app"_s, u"app"_s, u"--version"_s, u"%1.0.0"_s.arg(release),
                u"--channel"_s, u"stable"_s, u"--from"_s, folder, u"--memory"_s, u"256M"_s},
            scratch);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.err, QString());
        const QRegularExpressionMatch report = kReport.match(run.out);
        QVERIFY2(report.hasMatch(), qPrintable(run.out));
        QCOMPARE(report.captured(4).toLongLong(), kLimit / kMiB);
        QVERIFY(report.captured(2).toInt() >= 1);
        const qint64 reported = report.captured(3).toLongLong() * kMiB;
        qInfo().noquote() << u"release %1: %2 MB reported, %3 MB by wait4, in %4 s"_s.arg(release)
                                 .arg(reported / kMiB)
                                 .arg(run.maxRss / kMiB)
                                 .arg(report.captured(1));
        QVERIFY2(reported <= kLimit + kAllowance, qPrintable(run.out));
        QVERIFY2(run.maxRss <= kLimit + kAllowance, qPrintable(QString::number(run.maxRss)));
        // The report is the process's own getrusage, which wait4 sees too, to the megabyte.
        QVERIFY2(qAbs(run.maxRss - reported) <= 2 * kMiB, qPrintable(QString::number(run.maxRss)));
        if (release == 2)
            QVERIFY2(run.out.contains(u"; 5 patches from earlier releases"_s), qPrintable(run.out));
    }

    // A client installs the first release and updates to the second, to exactly their files.
    const QString folder = m_dir.filePath(u"installed"_s);
    auto installation = Installation::create(folder, {QUrl::fromLocalFile(m_repo).toString()},
        readTestFile(m_repo + u"/metadata/root.json"_s), u"app"_s, u"stable"_s);
    UPKEEP_VERIFY_OK(installation);
    for (int release = 1; release <= 2; ++release) {
        UPKEEP_VERIFY_OK(installation->refresh());
        auto releases = installation->releases();
        UPKEEP_VERIFY_OK(releases);
        const auto wanted = std::find_if(releases->begin(), releases->end(),
            [&](const auto& r) { return r.version.toString() == u"%1.0.0"_s.arg(release); });
        QVERIFY(wanted != releases->end());
        auto installed = installation->install(*wanted);
        UPKEEP_VERIFY_OK(installed);
        QString why;
        QVERIFY2(sameFiles(folder + u"/current"_s, releaseFiles(release), why), qPrintable(why));
    }
}

void TestPublishMemory::misuse_data()
{
    QTest::addColumn<QString>("limit");
    QTest::newRow("zero") << u"0"_s;
    QTest::newRow("a word") << u"lots"_s;
    QTest::newRow("below the least") << u"64M"_s;
    QTest::newRow("no unit we know") << u"2Q"_s;
}

void TestPublishMemory::misuse()
{
    QFETCH(QString, limit);
    const QString folder = m_dir.filePath(u"small"_s);
    writeTestFiles(folder, {{u"bin/app"_s, "#!/bin/sh\n"_ba}});
    const QStringList before = filesUnder(m_repo);
    const ProgramRun run = TestProgram(QString::fromUtf8(UPKEEP_PUBLISH))
                               .run({u"release"_s, m_repo, u"--keys"_s, m_keys, u"--app"_s, u"app"_s, u"--version"_s,
                                   u"9.0.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s, folder, u"--memory"_s, limit});
    UPKEEP_EXPECT_EXIT(run, 2);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err,
        u"upkeep-publish release: --memory takes an amount of memory such as 512M or 2G (at least 128 MB), not \"%1\".\n"_s
            .arg(limit));
    QCOMPARE(filesUnder(m_repo), before);
}

QTEST_GUILESS_MAIN(TestPublishMemory)
#include "tst_publishmemory.moc"
