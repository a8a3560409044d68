// ReleaseAudit on small repositories published here by ReleasePublisher: a good release passes
// every check; each way a repository can lose or spoil a file the release needs fails the check
// that covers it, with a sentence naming the file and what is wrong.

#include "releaseaudit.h"

#include "release/repositorypaths.h"
#include "support/repositoryfiles.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kApp = u"tool"_s;

QString version(int n)
{
    return u"1.%1.0"_s.arg(n);
}

QString sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// The files of release `n`: a program, a health check, a library that changes a little in each release (so that
// each later release has a patch from it), data that never changes.
std::map<QString, QByteArray> files(int n)
{
    static const QByteArray library = randomBytes(200 * 1024, 7);
    QByteArray changed = library;
    for (int i = 1; i <= n; ++i) {
        for (qsizetype at = 613 * i; at < changed.size(); at += 20000)
            changed[at] = char(changed[at] ^ (0x11 * i));
    }
    return {
        {u"bin/tool"_s, "#!/bin/sh\necho tool "_ba + version(n).toUtf8() + '\n'},
        {u"bin/check"_s, "#!/bin/sh\nexit 0\n"_ba},
        {u"lib/libtool.so"_s, changed},
        {u"share/data.txt"_s, QByteArray("the same in every release\n").repeated(500)},
    };
}

// What is done to the repository after releases 1.1.0, 1.2.0 and 1.3.0 are published.
enum class Damage {
    None,
    MissingPatch,         // the library's patch from 1.2.0 is gone
    TruncatedObject,      // the library's object of 1.3.0 lost its end
    ObjectWithOtherBytes, // the same, with one byte flipped
    MissingBundle,
    FlippedBundle,
    MissingManifestPatch,     // the patch that makes 1.3.0's manifest from 1.2.0's
    FlippedPatch,             // the library's patch from 1.1.0 makes other content
    FlippedManifest,          // 1.3.0's manifest file has a byte its signed hashes do not
    ManifestOfAnotherVersion, // 1.3.0's manifest target is signed with 1.2.0's manifest
    HealthProgramNotExecutable,
    HealthProgramNotInRelease,
};

class Published
{
public:
    explicit Published(Damage damage)
        : m_repository(QDateTime::currentDateTimeUtc())
    {
        for (int n = 1; n <= 3; ++n) {
            const QString source = m_dir.filePath(u"source-"_s + version(n));
            for (const auto& [path, bytes] : files(n)) {
                const bool executable = path.startsWith(u"bin/"_s)
                    && !(damage == Damage::HealthProgramNotExecutable && path == u"bin/check"_s);
                writeTestFile(source + u'/' + path, bytes, executable);
            }
            ReleasePublisher::Options options;
            options.app = kApp;
            options.version = version(n);
            options.channel = u"stable"_s;
            options.source = source;
            options.healthCheck = u"bin/check --quick"_s;
            m_repository.publishRelease(options);
        }
    }

    [[nodiscard]] QString path() const { return m_repository.path(); }
    [[nodiscard]] TestRepository& repository() { return m_repository; }

    [[nodiscard]] QString manifestFile(int n) const
    {
        return currentTargetFile(path(), u"stable"_s, RepositoryPaths::manifest(kApp, *Version::parse(version(n))));
    }
    [[nodiscard]] QString libraryPatch(int from, int to) const
    {
        return path() + u'/'
            + RepositoryPaths::patch(
                sha256(files(from).at(u"lib/libtool.so"_s)), sha256(files(to).at(u"lib/libtool.so"_s)));
    }
    [[nodiscard]] QString libraryObject(int n) const
    {
        return path() + u'/' + RepositoryPaths::object(sha256(files(n).at(u"lib/libtool.so"_s)));
    }
    [[nodiscard]] QString bundle(int n) const
    {
        return path() + u'/' + RepositoryPaths::bundle(kApp, *Version::parse(version(n)));
    }

private:
    QTemporaryDir m_dir;
    TestRepository m_repository;
};

void damage(Published& published, Damage how)
{
    switch (how) {
    case Damage::None:
    case Damage::HealthProgramNotExecutable: return;
    case Damage::MissingPatch: QVERIFY(QFile::remove(published.libraryPatch(2, 3))); return;
    case Damage::TruncatedObject: {
        const QByteArray bytes = readTestFile(published.libraryObject(3));
        writeTestFile(published.libraryObject(3), bytes.left(bytes.size() - 100));
        return;
    }
    case Damage::ObjectWithOtherBytes: flipTestFileByte(published.libraryObject(3)); return;
    case Damage::FlippedPatch: flipTestFileByte(published.libraryPatch(1, 3)); return;
    case Damage::FlippedManifest: flipTestFileByte(published.manifestFile(3)); return;
    case Damage::ManifestOfAnotherVersion: {
        const QByteArray bytes = readTestFile(published.manifestFile(2));
        published.repository().publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
            UPKEEP_VERIFY_OK(writer.replaceTarget(RepositoryPaths::manifest(kApp, *Version::parse(version(3))), bytes));
        });
        return;
    }
    case Damage::MissingBundle: QVERIFY(QFile::remove(published.bundle(3))); return;
    case Damage::FlippedBundle: flipTestFileByte(published.bundle(3)); return;
    case Damage::MissingManifestPatch: {
        const QString patch = published.path() + u'/'
            + RepositoryPaths::patch(
                sha256(readTestFile(published.manifestFile(2))), sha256(readTestFile(published.manifestFile(3))));
        QVERIFY2(QFile::remove(patch), qPrintable(patch));
        return;
    }
    case Damage::HealthProgramNotInRelease: {
        // A manifest no publisher of Upkeep's signs: its health check runs a program the release does not have.
        auto manifest = Manifest::parse(readTestFile(published.manifestFile(3)));
        UPKEEP_VERIFY_OK(manifest);
        manifest->healthCheck->command = {u"bin/missing"_s};
        const QByteArray bytes = manifest->toBytes();
        published.repository().publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
            UPKEEP_VERIFY_OK(writer.replaceTarget(RepositoryPaths::manifest(kApp, manifest->version), bytes));
        });
        return;
    }
    }
}

ReleaseAudit audit(const QString& repository, const QString& version, const QString& channel = u"stable"_s,
    const QByteArray& root = {})
{
    return ReleaseAudit(
        {.repository = repository, .app = kApp, .version = version, .channel = channel, .trustedRoot = root});
}

QStringList checksOf(const std::vector<TrialResult>& results)
{
    QStringList checks;
    for (const TrialResult& result : results)
        checks.append(result.fault);
    return checks;
}

const QStringList kAllChecks{u"manifest"_s, u"objects"_s, u"patches from 1.2.0"_s, u"patches from 1.1.0"_s,
    u"packs from 1.2.0"_s, u"packs from 1.1.0"_s, u"bundle"_s, u"health-check program"_s};

} // namespace

class TestReleaseAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goodReleasePassesEveryCheck()
    {
        Published published(Damage::None);
        auto results = audit(published.path(), version(3)).run();
        UPKEEP_VERIFY_OK(results);
        QCOMPARE(checksOf(*results), kAllChecks);
        for (const TrialResult& result : *results) {
            QVERIFY2(result.passed, qPrintable(result.fault + u": "_s + result.failure));
            QCOMPARE(result.kind, TrialResult::Kind::Audit);
            QCOMPARE(result.to, version(3));
            QVERIFY(result.from.isEmpty());
            QCOMPARE(result.path(), u"repository"_s);
            QVERIFY(result.failure.isEmpty());
        }
        // Every patch and manifest patch was applied, not merely found.
        QVERIFY2(results->front().output.contains(u"2 of 2 manifest patches applied"_s),
            qPrintable(results->front().output));
        for (const TrialResult& result : *results)
            QVERIFY2(!result.output.contains(u"not applied"_s), qPrintable(result.output));
    }

    void firstReleaseHasNoPatches()
    {
        Published published(Damage::None);
        auto results = audit(published.path(), version(1)).run();
        UPKEEP_VERIFY_OK(results);
        QCOMPARE(checksOf(*results),
            (QStringList{u"manifest"_s, u"objects"_s, u"patches"_s, u"bundle"_s, u"health-check program"_s}));
        for (const TrialResult& result : *results)
            QVERIFY2(result.passed, qPrintable(result.fault + u": "_s + result.failure));
        QVERIFY(results->at(2).output.contains(u"offers no patches"_s));
    }

    void brokenRepository_data()
    {
        QTest::addColumn<Damage>("damage");
        QTest::addColumn<QStringList>("failing");
        QTest::addColumn<QStringList>("sentences"); // each in the failure of the first failing check

        QTest::newRow("a missing patch") << Damage::MissingPatch << QStringList{u"patches from 1.2.0"_s}
                                         << QStringList{u"(the patch to lib/libtool.so) is missing."_s};
        QTest::newRow("a truncated object") << Damage::TruncatedObject << QStringList{u"objects"_s}
                                            << QStringList{u"(an object) is "_s, u"bytes where the signed size is"_s};
        QTest::newRow("an object with other bytes") << Damage::ObjectWithOtherBytes << QStringList{u"objects"_s}
                                                    << QStringList{u"decodes to the wrong content"_s};
        QTest::newRow("a patch that makes other content")
            << Damage::FlippedPatch << QStringList{u"patches from 1.1.0"_s}
            << QStringList{
                   u"(the patch to lib/libtool.so), applied to its old content, does not make lib/libtool.so"_s};
        QTest::newRow("a manifest with a flipped byte")
            << Damage::FlippedManifest
            << QStringList{u"manifest"_s, u"objects"_s, u"patches"_s, u"bundle"_s, u"health-check program"_s}
            << QStringList{u"(tool/1.3.0/manifest.json) has other bytes than its signed hashes say"_s};
        QTest::newRow("the manifest of another version")
            << Damage::ManifestOfAnotherVersion
            << QStringList{u"manifest"_s, u"objects"_s, u"patches"_s, u"bundle"_s, u"health-check program"_s}
            << QStringList{u"tool/1.3.0/manifest.json is the manifest of tool 1.2.0, not of tool 1.3.0."_s};
        QTest::newRow("a missing bundle") << Damage::MissingBundle << QStringList{u"bundle"_s}
                                          << QStringList{u"bundles/tool-1.3.0.tar.zst (the bundle) is missing."_s};
        QTest::newRow("a bundle with a flipped byte")
            << Damage::FlippedBundle << QStringList{u"bundle"_s}
            << QStringList{u"bundles/tool-1.3.0.tar.zst (the bundle) has the sha256"_s};
        QTest::newRow("a manifest patch missing") << Damage::MissingManifestPatch << QStringList{u"manifest"_s}
                                                  << QStringList{u"(the manifest patch from 1.2.0) is missing."_s};
        QTest::newRow("a health-check program that is not executable")
            << Damage::HealthProgramNotExecutable << QStringList{u"health-check program"_s}
            << QStringList{u"\"bin/check\", whose mode 0644 does not let it run"_s};
        // Such a manifest does not parse either, so every check that needs it says it was not made.
        QTest::newRow("a health-check program that is not in the release")
            << Damage::HealthProgramNotInRelease
            << QStringList{u"health-check program"_s, u"manifest"_s, u"objects"_s, u"patches"_s, u"bundle"_s}
            << QStringList{u"\"bin/missing\", which is not in the release"_s};
    }

    void brokenRepository()
    {
        QFETCH(Damage, damage);
        QFETCH(QStringList, failing);
        QFETCH(QStringList, sentences);
        Published published(damage);
        ::damage(published, damage);
        auto results = audit(published.path(), version(3)).run();
        UPKEEP_VERIFY_OK(results);
        QStringList failed;
        for (const TrialResult& result : *results) {
            if (!result.passed) {
                failed.append(result.fault);
                QVERIFY2(!result.failure.isEmpty(), qPrintable(result.fault));
            } else {
                QVERIFY2(result.failure.isEmpty(), qPrintable(result.failure));
            }
        }
        failed.sort();
        QStringList expected = failing;
        expected.sort();
        QCOMPARE(failed, expected);
        const auto first = std::ranges::find(*results, failing.front(), &TrialResult::fault);
        QVERIFY(first != results->end());
        for (const QString& sentence : sentences)
            QVERIFY2(first->failure.contains(sentence), qPrintable(first->failure));
    }

    void versionNotOnTheChannel()
    {
        Published published(Damage::None);
        auto missing = audit(published.path(), u"2.0.0"_s).run();
        UPKEEP_VERIFY_ERROR(missing, Error::Code::NotFound);
        QVERIFY2(missing.error().message.contains(u"tool 2.0.0 is not on the stable channel"_s),
            qPrintable(missing.error().message));
        auto channel = audit(published.path(), version(3), u"weekly"_s).run();
        UPKEEP_VERIFY_ERROR(channel, Error::Code::Usage);
    }

    void untrustedMetadataIsRefused()
    {
        Published published(Damage::None);
        TestRepository other(QDateTime::currentDateTimeUtc());
        auto results = audit(published.path(), version(3), u"stable"_s, other.initialRoot()).run();
        QVERIFY(!results.has_value());
    }
};

QTEST_GUILESS_MAIN(TestReleaseAudit)
#include "tst_releaseaudit.moc"
