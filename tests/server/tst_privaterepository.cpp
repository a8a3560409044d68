// Private repositories for real: Debian's nginx with server/nginx/upkeep-private-*.conf behind TLS
// (a throw-away server CA and client CA made here), asked by Upkeep's own HTTP layer. The right
// password and certificate open it; a wrong password is one refused request with a sentence, not
// a retry storm; credentials never follow a redirect to another origin, whose nginx logs what
// it was sent.

#include "net/fetcher.h"
#include "net/httpsource.h"
#include "support/localnginx.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/throwawaytls.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kServerDir = QStringLiteral(UPKEEP_SERVER_DIR);
const QByteArray kFile = "{\"signed\":\"timestamp\"}\n";

} // namespace

class TestPrivateRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void password_data();
    void password();
    void wrongPasswordIsAskedOnce();
    void clientCertificate_data();
    void clientCertificate();
    void readableKeyIsRefused();
    void nothingCrossesToAnotherOrigin();

private:
    QString snippet(const QString& name);
    std::expected<QByteArray, Error> fetch(
        const QString& base, const QString& path, const HttpCredentials& credentials);
    HttpCredentials passwordFor(const QString& base, const QString& password) const;
    HttpCredentials certificateFor(const QString& base, const QString& prefix) const;
    QStringList logLines(const QString& log) const;

    QTemporaryDir m_dir;
    QString m_site;
    // The password server, the certificate server, and another origin the first redirects to.
    LocalNginx m_passwordServer{m_dir.filePath(u"password"_s)};
    LocalNginx m_certificateServer{m_dir.filePath(u"certificate"_s)};
    LocalNginx m_otherServer{m_dir.filePath(u"other"_s)};
    QString m_passwordUrl;
    QString m_certificateUrl;
    QString m_otherUrl;
};

QString TestPrivateRepository::snippet(const QString& name)
{
    // As shipped, but with the test's files where a server keeps its own.
    QByteArray text = readTestFile(kServerDir + u"/nginx/"_s + name);
    text.replace("/etc/nginx/", m_dir.path().toUtf8() + '/');
    writeTestFile(m_dir.filePath(name), text);
    return m_dir.filePath(name);
}

void TestPrivateRepository::initTestCase()
{
    QVERIFY2(!LocalNginx::program().isEmpty() && ThrowawayTls::available(),
        "nginx and openssl are installed by scripts/setup");
    for (const QString& folder : {u"password"_s, u"certificate"_s, u"other"_s})
        QVERIFY(QDir(m_dir.path()).mkpath(folder));
    m_site = m_dir.filePath(u"site"_s);
    writeTestFile(m_site + u"/metadata/timestamp.json"_s, kFile);

    // A server CA and a certificate for 127.0.0.1; a client CA and two clients, one it signed
    // and one signed by itself.
    ThrowawayTls certificates(m_dir.path());
    QVERIFY(certificates.selfSigned(u"ca"_s));
    QVERIFY(certificates.selfSigned(u"client-ca"_s));
    QVERIFY(certificates.server(u"server"_s, u"ca"_s));
    QVERIFY(certificates.client(u"client"_s, u"client-ca"_s));
    QVERIFY(certificates.selfSigned(u"stranger"_s));
    writeTestFile(m_dir.filePath(u"upkeep-users"_s), certificates.passwordLine(u"alice"_s, u"right password"_s));

    // Each server logs what it was sent of credentials, to see where they went.
    const QString tls = uR"(ssl_certificate %1/server.pem; ssl_certificate_key %1/server.key;
    ssl_client_certificate %1/client-ca.pem; ssl_verify_client optional_no_ca;)"_s.arg(m_dir.path());
    const QString common = uR"(  include %1/nginx/upkeep-http.conf;
  log_format credentials '$request_uri $status "$http_authorization" "$ssl_client_s_dn"';
  access_log %2/access.log credentials;
)"_s;
    m_passwordUrl = u"https://127.0.0.1:%1"_s.arg(m_passwordServer.port());
    m_certificateUrl = u"https://127.0.0.1:%1"_s.arg(m_certificateServer.port());
    m_otherUrl = u"https://127.0.0.1:%1"_s.arg(m_otherServer.port());
    const QString passwordSnippet = snippet(u"upkeep-private-password.conf"_s);
    const QString certificateSnippet = snippet(u"upkeep-private-certificate.conf"_s);

    QVERIFY2(m_passwordServer.start(common.arg(kServerDir, m_dir.filePath(u"password"_s)) + uR"(  server {
    listen 127.0.0.1:%1 ssl;
    %2
    root %3;
    include %4;
    location /moved/ { return 302 %5/metadata/timestamp.json; }
    location /inside/ { return 302 /metadata/timestamp.json; }
  }
)"_s.arg(QString::number(m_passwordServer.port()), tls, m_site, passwordSnippet, m_otherUrl)),
        m_passwordServer.errorLog().constData());
    QVERIFY2(m_certificateServer.start(common.arg(kServerDir, m_dir.filePath(u"certificate"_s)) + uR"(  server {
    listen 127.0.0.1:%1 ssl;
    ssl_certificate %2/server.pem; ssl_certificate_key %2/server.key;
    ssl_client_certificate %2/client-ca.pem; ssl_verify_client optional_no_ca;
    root %3;
    include %4;
  }
)"_s.arg(QString::number(m_certificateServer.port()), m_dir.path(), m_site, certificateSnippet)),
        m_certificateServer.errorLog().constData());
    QVERIFY2(m_otherServer.start(common.arg(kServerDir, m_dir.filePath(u"other"_s)) + uR"(  server {
    listen 127.0.0.1:%1 ssl;
    %2
    root %3;
  }
)"_s.arg(QString::number(m_otherServer.port()), tls, m_site)),
        m_otherServer.errorLog().constData());
}

HttpCredentials TestPrivateRepository::passwordFor(const QString& base, const QString& password) const
{
    return HttpCredentials{HttpCredentials::originOf(QUrl(base)), u"alice"_s, password, {}, {}};
}

HttpCredentials TestPrivateRepository::certificateFor(const QString& base, const QString& prefix) const
{
    if (prefix.isEmpty())
        return {};
    return HttpCredentials{HttpCredentials::originOf(QUrl(base)), {}, {}, m_dir.filePath(prefix + u".pem"_s),
        m_dir.filePath(prefix + u".key"_s)};
}

std::expected<QByteArray, Error> TestPrivateRepository::fetch(
    const QString& base, const QString& path, const HttpCredentials& credentials)
{
    HttpSource source(base, {.caFile = m_dir.filePath(u"ca.pem"_s), .credentials = credentials});
    return source.fetch(path, 4096);
}

QStringList TestPrivateRepository::logLines(const QString& log) const
{
    return QString::fromUtf8(readTestFile(m_dir.filePath(log + u"/access.log"_s))).split(u'\n', Qt::SkipEmptyParts);
}

void TestPrivateRepository::password_data()
{
    QTest::addColumn<QString>("password"); // empty: no credentials at all
    QTest::addColumn<QString>("refusal");  // empty: the file comes

    QTest::newRow("right") << u"right password"_s << QString();
    QTest::newRow("wrong") << u"wrong password"_s << u"refused the user name or password"_s;
    QTest::newRow("none") << QString() << u"refused the user name or password"_s;
}

void TestPrivateRepository::password()
{
    QFETCH(QString, password);
    QFETCH(QString, refusal);

    const auto fetched = fetch(m_passwordUrl, u"metadata/timestamp.json"_s,
        password.isEmpty() ? HttpCredentials{} : passwordFor(m_passwordUrl, password));
    if (refusal.isEmpty()) {
        QVERIFY2(fetched, fetched ? "" : qPrintable(fetched.error().message));
        QCOMPARE(*fetched, kFile);
        return;
    }
    QVERIFY(!fetched);
    QCOMPARE(fetched.error().code, Error::Code::AccessDenied);
    QVERIFY2(fetched.error().message.contains(refusal) && fetched.error().message.contains(m_passwordUrl),
        qPrintable(fetched.error().message));
    QVERIFY2(password.isEmpty() || !fetched.error().message.contains(password), qPrintable(fetched.error().message));
}

void TestPrivateRepository::wrongPasswordIsAskedOnce()
{
    // The fetcher retries a failing mirror; a refused password is not worth asking again.
    const QString file = m_dir.filePath(u"timestamp.json"_s);
    Fetcher::Options options;
    options.caFile = m_dir.filePath(u"ca.pem"_s);
    options.credentials = passwordFor(m_passwordUrl, u"wrong password"_s);
    options.attemptsPerMirror = 4;
    options.firstBackoff = std::chrono::milliseconds(10);
    Fetcher fetcher({m_passwordUrl}, options);
    const qsizetype before = logLines(u"password"_s).size();
    const QByteArray sha256 = QCryptographicHash::hash(kFile, QCryptographicHash::Sha256).toHex();
    const auto fetched
        = fetcher.fetch({{u"metadata/timestamp.json"_s, kFile.size(), QString::fromLatin1(sha256), file, {}}});
    QVERIFY(!fetched);
    QVERIFY2(
        fetched.error().message.contains(u"refused the user name or password"_s), qPrintable(fetched.error().message));
    QTest::qWait(200); // nginx logs after answering
    const QStringList lines = logLines(u"password"_s).mid(before);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().contains(u" 401 "_s), qPrintable(lines.first()));
}

void TestPrivateRepository::clientCertificate_data()
{
    QTest::addColumn<QString>("certificate"); // the files' name; empty for none
    QTest::addColumn<bool>("opens");

    QTest::newRow("signed by the client CA") << u"client"_s << true;
    QTest::newRow("none") << QString() << false;
    QTest::newRow("signed by itself") << u"stranger"_s << false;
}

void TestPrivateRepository::clientCertificate()
{
    QFETCH(QString, certificate);
    QFETCH(bool, opens);

    const auto fetched
        = fetch(m_certificateUrl, u"metadata/timestamp.json"_s, certificateFor(m_certificateUrl, certificate));
    if (opens) {
        QVERIFY2(fetched, fetched ? "" : qPrintable(fetched.error().message));
        QCOMPARE(*fetched, kFile);
    } else {
        QVERIFY(!fetched);
        QVERIFY2(fetched.error().message.contains(u"%1 refused access (HTTP 403)"_s.arg(m_certificateUrl)),
            qPrintable(fetched.error().message));
    }
}

void TestPrivateRepository::readableKeyIsRefused()
{
    const QString key = m_dir.filePath(u"shared.key"_s);
    QVERIFY(QFile::copy(m_dir.filePath(u"client.key"_s), key));
    QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    HttpCredentials credentials = certificateFor(m_certificateUrl, u"client"_s);
    credentials.clientKey = key;
    const auto fetched = fetch(m_certificateUrl, u"metadata/timestamp.json"_s, credentials);
    QVERIFY(!fetched);
    QVERIFY2(fetched.error().message.contains(u"may be read by other users"_s), qPrintable(fetched.error().message));
}

void TestPrivateRepository::nothingCrossesToAnotherOrigin()
{
    // Both the password and a client certificate, given for the password server.
    HttpCredentials credentials = passwordFor(m_passwordUrl, u"right password"_s);
    credentials.clientCert = m_dir.filePath(u"client.pem"_s);
    credentials.clientKey = m_dir.filePath(u"client.key"_s);

    // A redirect on the same server keeps them; one to another origin (https, so followed) does not.
    const auto inside = fetch(m_passwordUrl, u"inside/x"_s, credentials);
    QVERIFY2(inside, inside ? "" : qPrintable(inside.error().message));
    const auto moved = fetch(m_passwordUrl, u"moved/x"_s, credentials);
    QVERIFY2(moved, moved ? "" : qPrintable(moved.error().message));
    QCOMPARE(*moved, kFile);

    QTest::qWait(200);
    const QStringList own = logLines(u"password"_s);
    QVERIFY2(own.last().startsWith(u"/moved/x 302 \"Basic "_s) && own.last().contains(u"CN=client"_s),
        qPrintable(own.join(u'\n')));
    const QStringList other = logLines(u"other"_s);
    QCOMPARE(other.size(), 1);
    QCOMPARE(other.first(), u"/metadata/timestamp.json 200 \"-\" \"-\""_s);
}

QTEST_GUILESS_MAIN(TestPrivateRepository)
#include "tst_privaterepository.moc"
