// An installation from a real HTTPS server: nginx, started by the test on 127.0.0.1 with a
// certificate from a throw-away CA made here. Trusting that CA, upkeep installs and updates;
// trusting only the system's CAs, it refuses the server and installs nothing.

#include "support/localnginx.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testrepository.h"
#include "support/throwawaytls.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHttps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void installAndUpdateOverHttps();
    void untrustedServerIsRefused();

private:
    int upkeep(const QStringList& arguments, QString* output);
    void release(const QString& version);

    QTemporaryDir m_dir;
    std::unique_ptr<TestRepository> m_repository;
    LocalNginx m_nginx{m_dir.path()};
    QString m_url;
};

void TestHttps::release(const QString& version)
{
    const QString source = m_dir.filePath(u"source-"_s + version);
    writeTestFile(source + u"/bin/app"_s, "#!/bin/sh\necho "_ba + version.toUtf8() + "\n", true);
    writeTestFile(source + u"/share/data"_s, QByteArray(50000, 'd'));
    ReleasePublisher::Options options;
    options.app = u"secure"_s;
    options.version = version;
    options.channel = u"stable"_s;
    options.source = source;
    m_repository->publishRelease(options);
}

void TestHttps::initTestCase()
{
    QVERIFY2(!LocalNginx::program().isEmpty() && ThrowawayTls::available(),
        "nginx and openssl are installed by scripts/setup");
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    release(u"1.0.0"_s);

    // A throw-away CA and a certificate for 127.0.0.1 signed by it.
    ThrowawayTls tls(m_dir.path());
    QVERIFY(tls.selfSigned(u"ca"_s));
    QVERIFY(tls.server(u"server"_s, u"ca"_s));

    m_url = u"https://127.0.0.1:%1"_s.arg(m_nginx.port());
    const QString http = uR"(  access_log off;
  server {
    listen 127.0.0.1:%1 ssl;
    ssl_certificate %2/server.pem;
    ssl_certificate_key %2/server.key;
    root %3;
  }
)"_s.arg(QString::number(m_nginx.port()), m_dir.path(), m_repository->path());
    QVERIFY2(m_nginx.start(http), m_nginx.errorLog().constData());
    writeTestFile(m_dir.filePath(u"root.json"_s), m_repository->initialRoot());
}

int TestHttps::upkeep(const QStringList& arguments, QString* output)
{
    // No system CA may vouch for the throw-away one.
    const ProgramRun run = TestProgram(QStringLiteral(UPKEEP_BINARY),
        {.configHome = m_dir.filePath(u"config"_s),
            .environment = {u"SSL_CERT_FILE="_s + m_dir.filePath(u"no-such-bundle.pem"_s)}})
                               .run(arguments);
    *output = run.out + run.err;
    return run.exitCode;
}

void TestHttps::installAndUpdateOverHttps()
{
    const QString install = m_dir.filePath(u"trusting"_s);
    QString output;
    QCOMPARE(upkeep({u"add"_s, u"--repo"_s, m_url, u"--ca"_s, m_dir.filePath(u"ca.pem"_s), u"--trust"_s,
                        m_dir.filePath(u"root.json"_s), u"--app"_s, u"secure"_s, u"--channel"_s, u"stable"_s,
                        u"--dir"_s, install},
                 &output),
        0);
    QVERIFY2(output.contains(u"secure 1.0.0 is installed"_s), qPrintable(output));
    release(u"1.1.0"_s);
    QCOMPARE(upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, install}, &output), 0);
    QVERIFY2(output.contains(u"secure 1.1.0 is installed"_s), qPrintable(output));
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, install}, &output), 0);
}

void TestHttps::untrustedServerIsRefused()
{
    const QString install = m_dir.filePath(u"untrusting"_s);
    QString output;
    QCOMPARE(upkeep({u"add"_s, u"--repo"_s, m_url, u"--trust"_s, m_dir.filePath(u"root.json"_s), u"--app"_s,
                        u"secure"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, install},
                 &output),
        1);
    QVERIFY2(output.contains(u"Cannot fetch %1/metadata/"_s.arg(m_url))
            && output.contains(u"certificate"_s, Qt::CaseInsensitive)
            && output.contains(u"give that authority's certificate with --ca FILE."_s),
        qPrintable(output));
    // Nothing half-made is left: the same add works once the CA is given.
    QVERIFY(!QFileInfo::exists(install));
    QCOMPARE(upkeep({u"add"_s, u"--repo"_s, m_url, u"--ca"_s, m_dir.filePath(u"ca.pem"_s), u"--trust"_s,
                        m_dir.filePath(u"root.json"_s), u"--app"_s, u"secure"_s, u"--channel"_s, u"stable"_s,
                        u"--dir"_s, install},
                 &output),
        0);
}

QTEST_GUILESS_MAIN(TestHttps)
#include "tst_https.moc"
