// Who published an update, as an installation checks it: where the repository names a publisher,
// a release's manifest must be signed by an unrevoked code-signing certificate of the publisher's
// CA, checked against the CA's current revocation list, before anything else of the release is
// fetched. A refusal names publisher and reason and changes nothing installed; a repository
// without an identity works as before; the revocation list accepted last is the floor.

#include "release/repositorypaths.h"
#include "support/testfiles.h"
#include "support/testidentity.h"
#include "support/updatescenario.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The bytes of the target `path` as the repository holds it (named by hash).
QByteArray targetBytes(TestRepository& repository, const QString& path)
{
    QByteArray bytes;
    repository.publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
        for (const RepositoryWriter::Target& target : writer.targets()) {
            if (target.path == path) {
                bytes = readTestFile(repository.path() + u"/targets/"_s
                    + RepositoryClient::targetFileName(target.path, target.info, true));
            }
        }
    });
    return bytes;
}

} // namespace

class TestPublisherVerification : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signedReleaseInstalls();
    void repositoryWithoutIdentity();
    void refused_data();
    void refused();
    void checkedAgainAtInstall_data();
    void checkedAgainAtInstall();
    void noRevocationList();
    void olderRevocationListRefused();
    void pinnedCaMustMatch_data();
    void pinnedCaMustMatch();

private:
    // Gives the repository `identity` with `crl` as its revocation list (nothing when null).
    void setIdentity(const TestIdentity& identity, const std::optional<RevocationList>& crl);
    void setRevocationList(const RevocationList& crl);
    // Signs release `n`'s manifest with `signer` (from `identity`) now.
    void sign(int n, const TestIdentity& identity, const TestIdentity::Signer& signer);
    [[nodiscard]] QString folder() const { return m_dir->filePath(u"install"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<UpdateScenario> m_scenario;
    std::unique_ptr<TestIdentity> m_identity;
    std::optional<TestIdentity::Signer> m_signer;
};

void TestPublisherVerification::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_scenario = std::make_unique<UpdateScenario>();
    m_identity = std::make_unique<TestIdentity>();
    m_signer = m_identity->signer();
}

void TestPublisherVerification::cleanup()
{
    m_signer.reset();
    m_identity.reset();
    m_scenario.reset();
    m_dir.reset();
}

void TestPublisherVerification::setIdentity(const TestIdentity& identity, const std::optional<RevocationList>& crl)
{
    m_scenario->repository().publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
        writer.setPublisher(identity.anchor());
        if (crl)
            UPKEEP_VERIFY_OK(writer.addTarget(u"targets"_s, RepositoryPaths::revocationList(), crl->der(), {}));
    });
}

void TestPublisherVerification::setRevocationList(const RevocationList& crl)
{
    m_scenario->repository().publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.replaceTarget(RepositoryPaths::revocationList(), crl.der()));
    });
}

void TestPublisherVerification::sign(int n, const TestIdentity& identity, const TestIdentity::Signer& signer)
{
    const Version version = *Version::parse(UpdateScenario::version(n));
    const QString manifest = RepositoryPaths::manifest(u"tool"_s, version);
    const QByteArray bytes = targetBytes(m_scenario->repository(), manifest);
    QVERIFY(!bytes.isEmpty());
    const QByteArray signature = identity.sign(bytes, signer, QDateTime::currentDateTimeUtc());
    m_scenario->repository().publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(
            writer.addTarget(u"stable"_s, RepositoryPaths::manifestSignature(u"tool"_s, version), signature, {}));
    });
}

void TestPublisherVerification::signedReleaseInstalls()
{
    m_scenario->publish(1);
    const RevocationList crl = m_identity->revocationList();
    setIdentity(*m_identity, crl);
    sign(1, *m_identity, *m_signer);

    auto installation = m_scenario->create(folder());
    UPKEEP_VERIFY_OK(installation);
    const auto record = UpdateScenario::install(*installation, 1);
    UPKEEP_VERIFY_OK(record);
    QVERIFY(m_scenario->runs(folder(), 1));

    // The history says who signed what was installed, and the window and check --json are told.
    QVERIFY(record->signer.has_value());
    QCOMPARE(record->signer->publisher, u"Example GmbH"_s);
    QCOMPARE(record->signer->serial, m_signer->certificate.serial());
    QCOMPARE(record->signer->subject, m_signer->certificate.subject());
    QCOMPARE(record->signer->fingerprint, m_signer->certificate.fingerprint());
    QCOMPARE(record->signer->crlUpdated, crl.thisUpdate());
    auto history = installation->history();
    UPKEEP_VERIFY_OK(history);
    QCOMPARE(history->back().signer, record->signer);
    auto publisher = installation->publisher();
    UPKEEP_VERIFY_OK(publisher);
    QCOMPARE(*publisher, std::optional<QString>(u"Example GmbH"_s));

    // The revocation list it accepted is kept, the floor for the next one.
    QCOMPARE(readTestFile(installation->layout().publisherCrl()), crl.der());
}

void TestPublisherVerification::repositoryWithoutIdentity()
{
    m_scenario->publish(1);
    auto installation = m_scenario->create(folder());
    UPKEEP_VERIFY_OK(installation);
    const auto record = UpdateScenario::install(*installation, 1);
    UPKEEP_VERIFY_OK(record);
    QVERIFY(!record->signer.has_value());
    auto publisher = installation->publisher();
    UPKEEP_VERIFY_OK(publisher);
    QVERIFY(!publisher->has_value());
    QVERIFY(!QFileInfo::exists(installation->layout().publisherCrl()));
}

void TestPublisherVerification::refused_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("phrase"); // in the refusal, besides the publisher's name

    QTest::newRow("no signature") << u"no signature"_s << int(Error::Code::BadSignature)
                                  << u"lists no signature tool/1.2.0/manifest.json.p7s"_s;
    QTest::newRow("signer revoked") << u"revoked"_s << int(Error::Code::BadSignature) << u"revoked"_s;
    QTest::newRow("signer of another CA") << u"other CA"_s << int(Error::Code::BadSignature) << u""_s;
    QTest::newRow("revocation list expired") << u"expired CRL"_s << int(Error::Code::Expired) << u""_s;
    QTest::newRow("signature over another manifest") << u"other manifest"_s << int(Error::Code::Mismatch) << u""_s;
}

void TestPublisherVerification::refused()
{
    QFETCH(QString, fault);
    QFETCH(int, code);
    QFETCH(QString, phrase);

    // Release 1 is installed, signed and checked; release 2 comes with the fault.
    m_scenario->publish(1);
    setIdentity(*m_identity, m_identity->revocationList());
    sign(1, *m_identity, *m_signer);
    auto installation = m_scenario->create(folder());
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 1));
    auto before = installation->history();
    UPKEEP_VERIFY_OK(before);

    m_scenario->publish(2);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (fault == u"revoked"_s) {
        sign(2, *m_identity, *m_signer);
        setRevocationList(m_identity->revoking(*m_signer, RevocationList::Reason::KeyCompromise, 2, now.addSecs(-5)));
    } else if (fault == u"other CA"_s) {
        const TestIdentity other(u"Example GmbH"_s);
        sign(2, other, other.signer());
    } else if (fault == u"expired CRL"_s) {
        sign(2, *m_identity, *m_signer);
        setRevocationList(m_identity->revocationList({}, 2, now.addDays(-40), 30));
    } else if (fault == u"other manifest"_s) {
        // A valid signature of release 1's manifest, put beside release 2's.
        const QByteArray manifest1 = targetBytes(m_scenario->repository(), u"tool/1.1.0/manifest.json"_s);
        const QByteArray signature = m_identity->sign(manifest1, *m_signer, QDateTime::currentDateTimeUtc());
        m_scenario->repository().publish(now, [&](RepositoryWriter& writer) {
            UPKEEP_VERIFY_OK(writer.addTarget(u"stable"_s, u"tool/1.2.0/manifest.json.p7s"_s, signature, {}));
        });
    }

    const auto record = UpdateScenario::install(*installation, 2);
    QVERIFY(!record);
    QCOMPARE(int(record.error().code), code);
    QVERIFY2(record.error().message.contains(u"Example GmbH"_s), qPrintable(record.error().message));
    QVERIFY2(record.error().message.contains(phrase), qPrintable(record.error().message));
    // Nothing installed changed, and nothing of release 2 was fetched.
    QVERIFY(m_scenario->runs(folder(), 1));
    auto after = installation->history();
    UPKEEP_VERIFY_OK(after);
    QCOMPARE(after->size(), before->size());
    QVERIFY(filesUnder(installation->layout().cacheFolder()).isEmpty());
}

void TestPublisherVerification::checkedAgainAtInstall_data()
{
    QTest::addColumn<QString>("meanwhile"); // what happens between the check and the install
    QTest::addColumn<int>("code");
    QTest::newRow("the signer is revoked") << u"revoked"_s << int(Error::Code::BadSignature);
    QTest::newRow("the signature is swapped") << u"swapped"_s << int(Error::Code::BadSignature);
}

void TestPublisherVerification::checkedAgainAtInstall()
{
    // The window checks, and installs later with the same Installation: what was verified at the
    // check is verified again, against what the repository says then.
    QFETCH(QString, meanwhile);
    QFETCH(int, code);
    m_scenario->publish(1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    setIdentity(*m_identity, m_identity->revocationList());
    sign(1, *m_identity, *m_signer);
    auto installation = m_scenario->create(folder());
    UPKEEP_VERIFY_OK(installation);
    auto offer = installation->offer();
    UPKEEP_VERIFY_OK(offer);
    QVERIFY(offer->has_value());
    UPKEEP_VERIFY_OK(installation->manifest(**offer));
    QVERIFY(installation->signer(**offer).has_value());

    if (meanwhile == u"revoked"_s) {
        setRevocationList(m_identity->revoking(*m_signer, RevocationList::Reason::KeyCompromise, 2, now));
    } else {
        const TestIdentity other(u"Example GmbH"_s);
        const QByteArray manifest = targetBytes(m_scenario->repository(), u"tool/1.1.0/manifest.json"_s);
        const QByteArray signature = other.sign(manifest, other.signer(), QDateTime::currentDateTimeUtc());
        m_scenario->repository().publish(now, [&](RepositoryWriter& writer) {
            UPKEEP_VERIFY_OK(writer.replaceTarget(u"tool/1.1.0/manifest.json.p7s"_s, signature));
        });
    }
    UPKEEP_VERIFY_OK(installation->refresh());
    const auto record = installation->install(**offer);
    QVERIFY(!record);
    QCOMPARE(int(record.error().code), code);
    QVERIFY(!installation->running());
}

void TestPublisherVerification::noRevocationList()
{
    // A publisher that names itself but lists no revocation list cannot show that its signer stands.
    m_scenario->publish(1);
    setIdentity(*m_identity, std::nullopt);
    sign(1, *m_identity, *m_signer);
    auto installation = m_scenario->create(folder());
    UPKEEP_VERIFY_OK(installation);
    const auto record = UpdateScenario::install(*installation, 1);
    QVERIFY(!record);
    QCOMPARE(record.error().code, Error::Code::NotFound);
    QCOMPARE(record.error().message,
        u"The repository names Example GmbH as its publisher but lists no revocation list (publisher/ca.crl), so no "
        "signature of theirs can be trusted."_s);
    QVERIFY(!installation->running());
}

void TestPublisherVerification::olderRevocationListRefused()
{
    // A mirror, or someone holding the targets key, cannot bring back a list from before a revocation.
    m_scenario->publish(1);
    setIdentity(*m_identity, m_identity->revocationList({}, 5));
    sign(1, *m_identity, *m_signer);
    auto installation = m_scenario->create(folder());
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 1));

    m_scenario->publish(2);
    sign(2, *m_identity, *m_signer);
    setRevocationList(m_identity->revocationList({}, 4));
    const auto record = UpdateScenario::install(*installation, 2);
    QVERIFY(!record);
    QCOMPARE(record.error().code, Error::Code::Rollback);
    QVERIFY(m_scenario->runs(folder(), 1));
    QCOMPARE(RevocationList::fromDer(readTestFile(installation->layout().publisherCrl()))->number(),
        std::optional<quint64>(5));
}

void TestPublisherVerification::pinnedCaMustMatch_data()
{
    QTest::addColumn<bool>("same"); // the pinned CA is the repository's own
    QTest::newRow("the publisher's CA pinned") << true;
    QTest::newRow("another CA pinned") << false;
}

void TestPublisherVerification::pinnedCaMustMatch()
{
    QFETCH(bool, same);
    m_scenario->publish(1);
    setIdentity(*m_identity, m_identity->revocationList());
    sign(1, *m_identity, *m_signer);

    const TestIdentity other(u"Example GmbH"_s);
    const QString pin = m_dir->filePath(u"pinned.pem"_s);
    writeTestFile(pin, (same ? m_identity->caCertificate() : other.caCertificate()).pem());
    auto installation = Installation::create(
        folder(), m_scenario->mirrorUrls(), m_scenario->repository().initialRoot(), u"tool"_s, u"stable"_s, {}, pin);
    UPKEEP_VERIFY_OK(installation);
    const auto record = UpdateScenario::install(*installation, 1);
    QCOMPARE(record.has_value(), same);
    if (same) {
        QCOMPARE(record->signer->serial, m_signer->certificate.serial());
    } else {
        QCOMPARE(record.error().code, Error::Code::BadSignature);
        QVERIFY(!installation->running());
    }
}

QTEST_GUILESS_MAIN(TestPublisherVerification)
#include "tst_publisherverification.moc"
