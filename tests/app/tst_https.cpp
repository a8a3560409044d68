// An installation from a real HTTPS server: nginx, started by the test on 127.0.0.1 with a
// certificate from a throw-away CA made here. Trusting that CA, upkeep installs and updates;
// trusting only the system's CAs, it refuses the server and installs nothing.

#include "publish/releasepublisher.h"
#include "support/testfiles.h"
#include "support/testrepository.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;

class TestHttps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void installAndUpdateOverHttps();
    void untrustedServerIsRefused();

private:
    bool run(const QString& program, const QStringList& arguments);
    int upkeep(const QStringList& arguments, QString* output);
    void release(const QString& version);

    QTemporaryDir m_dir;
    std::unique_ptr<TestRepository> m_repository;
    QProcess m_nginx;
    QString m_url;
};

bool TestHttps::run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(program, arguments);
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

void TestHttps::release(const QString& version)
{
    const QString source = m_dir.filePath(u"source-"_s + version);
    writeTestFile(source + u"/bin/app"_s, "#!/bin/sh\necho "_ba + version.toUtf8() + "\n", true);
    writeTestFile(source + u"/share/data"_s, QByteArray(50000, 'd'));
    m_repository->publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
        ReleasePublisher::Options options;
        options.app = u"secure"_s;
        options.version = version;
        options.channel = u"stable"_s;
        options.source = source;
        QVERIFY(ReleasePublisher(m_repository->path(), writer).publish(options));
    });
}

void TestHttps::initTestCase()
{
    const QString nginx = QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s, u"/usr/bin"_s});
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    QVERIFY2(!nginx.isEmpty() && !openssl.isEmpty(), "nginx and openssl are installed by scripts/setup");
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    release(u"1.0.0"_s);

    // A throw-away CA and a certificate for 127.0.0.1 signed by it.
    writeTestFile(m_dir.filePath(u"server.ext"_s),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "extendedKeyUsage=serverAuth\n"_ba);
    QVERIFY(run(openssl,
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s, u"-nodes"_s,
            u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
            u"/CN=Upkeep test CA"_s}));
    QVERIFY(run(openssl,
        {u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s,
            u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s, u"/CN=127.0.0.1"_s}));
    QVERIFY(run(openssl,
        {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s, u"ca.key"_s,
            u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s, u"-extfile"_s, u"server.ext"_s}));

    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    m_url = u"https://127.0.0.1:%1"_s.arg(port);
    const QString prefix = m_dir.path();
    QByteArray config = "worker_processes 1;\nerror_log " + prefix.toUtf8() + "/nginx-error.log;\npid "
        + prefix.toUtf8() + "/nginx.pid;\n";
    if (::geteuid() == 0)
        config += "user root root;\n"; // the test's folders are private to their owner
    config += "events { worker_connections 64; }\nhttp {\n  access_log off;\n"
              "  client_body_temp_path "
        + prefix.toUtf8() + "/body; proxy_temp_path " + prefix.toUtf8()
        + "/proxy;\n"
          "  fastcgi_temp_path "
        + prefix.toUtf8() + "/fastcgi; uwsgi_temp_path " + prefix.toUtf8()
        + "/uwsgi;\n"
          "  scgi_temp_path "
        + prefix.toUtf8()
        + "/scgi;\n"
          "  server {\n    listen 127.0.0.1:"
        + QByteArray::number(port)
        + " ssl;\n"
          "    ssl_certificate "
        + prefix.toUtf8() + "/server.pem;\n    ssl_certificate_key " + prefix.toUtf8()
        + "/server.key;\n"
          "    root "
        + m_repository->path().toUtf8() + ";\n  }\n}\n";
    writeTestFile(m_dir.filePath(u"nginx.conf"_s), config);
    m_nginx.setProcessChannelMode(QProcess::ForwardedChannels);
    m_nginx.start(nginx, {u"-p"_s, prefix, u"-c"_s, m_dir.filePath(u"nginx.conf"_s), u"-g"_s, u"daemon off;"_s});
    QVERIFY(m_nginx.waitForStarted());
    bool listening = false;
    for (int i = 0; i < 100 && !listening; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        listening = socket.waitForConnected(100);
        if (!listening)
            QTest::qWait(50);
    }
    QVERIFY2(listening, qPrintable(QString::fromUtf8(readTestFile(m_dir.filePath(u"nginx-error.log"_s)))));
    writeTestFile(m_dir.filePath(u"root.json"_s), m_repository->initialRoot());
}

void TestHttps::cleanupTestCase()
{
    if (m_nginx.state() != QProcess::NotRunning) {
        m_nginx.terminate();
        if (!m_nginx.waitForFinished(5000))
            m_nginx.kill();
    }
}

int TestHttps::upkeep(const QStringList& arguments, QString* output)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    // No system CA may vouch for the throw-away one.
    environment.insert(u"SSL_CERT_FILE"_s, m_dir.filePath(u"no-such-bundle.pem"_s));
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral(UPKEEP_BINARY), arguments);
    process.waitForFinished(60000);
    *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    return process.exitCode();
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
            && output.contains(u"certificate"_s, Qt::CaseInsensitive),
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
