// HttpRequestPolicy: what every request Upkeep sends says (its User-Agent, the file's own bytes,
// HTTP/1.1, no cache, redirects left to the exchange), the certificate authority file for https,
// and file addresses under a mirror's base.

#include "net/httprequestpolicy.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestHttpRequestPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void request_data();
    void request();
    void certificateAuthorityFile();
    void passwordGoesToItsOriginOnly_data();
    void passwordGoesToItsOriginOnly();
    void fileUrl_data();
    void fileUrl();
    void display();
};

void TestHttpRequestPolicy::request_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("http") << u"http://mirror.example/repo/objects/a.zst"_s;
    QTest::newRow("https") << u"https://updates.example.org/metadata/timestamp.json"_s;
}

void TestHttpRequestPolicy::request()
{
    QFETCH(QString, url);
    HttpRequestPolicy policy({});
    const auto request = policy.request(QUrl(url));
    UPKEEP_VERIFY_OK(request);
    QCOMPARE(request->url(), QUrl(url));
    QVERIFY(request->header(QNetworkRequest::UserAgentHeader).toString().startsWith(u"Upkeep/"_s));
    // The file's own bytes, so that Range and Content-Length count them and not a compressed form.
    QCOMPARE(request->rawHeader("Accept-Encoding"), "identity"_ba);
    // HTTP/1.1, whose read buffer holds the server back while a transfer is paused or limited.
    QCOMPARE(request->attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
    // Each redirect is judged before it is followed.
    QCOMPARE(request->attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
        int(QNetworkRequest::ManualRedirectPolicy));
    QCOMPARE(
        request->attribute(QNetworkRequest::CacheLoadControlAttribute).toInt(), int(QNetworkRequest::AlwaysNetwork));
}

void TestHttpRequestPolicy::certificateAuthorityFile()
{
    QTemporaryDir folder;
    const QString notPem = folder.filePath(u"not-a-ca.pem"_s);
    writeTestFile(notPem, "not a certificate\n");

    HttpRequestPolicy missing(folder.filePath(u"no-such-ca.pem"_s));
    const auto unreadable = missing.request(QUrl(u"https://updates.example.org/x"_s));
    UPKEEP_VERIFY_ERROR(unreadable, Error::Code::Io);
    QVERIFY2(unreadable.error().message.startsWith(
                 u"Cannot read the certificate authority file %1: "_s.arg(folder.filePath(u"no-such-ca.pem"_s))),
        qPrintable(unreadable.error().message));
    // Plain http needs no certificate authority.
    UPKEEP_VERIFY_OK(missing.request(QUrl(u"http://mirror.example/x"_s)));

    HttpRequestPolicy empty(notPem);
    const auto refused = empty.request(QUrl(u"https://updates.example.org/x"_s));
    UPKEEP_VERIFY_ERROR(refused, Error::Code::InvalidInput);
    QCOMPARE(refused.error().message, u"The certificate authority file %1 holds no PEM certificate."_s.arg(notPem));
}

void TestHttpRequestPolicy::passwordGoesToItsOriginOnly_data()
{
    QTest::addColumn<QString>("mirror"); // the credentials were given for it
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("sent");

    const QString mirror = u"https://updates.example.org/private"_s;
    QTest::newRow("the mirror's file") << mirror << u"https://updates.example.org/private/metadata/1.root.json"_s
                                       << true;
    QTest::newRow("elsewhere on its server") << mirror << u"https://updates.example.org/other/x"_s << true;
    QTest::newRow("its default port named") << mirror << u"https://updates.example.org:443/private/x"_s << true;
    QTest::newRow("another port") << mirror << u"https://updates.example.org:8443/private/x"_s << false;
    QTest::newRow("plain http") << mirror << u"http://updates.example.org/private/x"_s << false;
    QTest::newRow("another host") << mirror << u"https://cdn.example.net/private/x"_s << false;
    QTest::newRow("a subdomain") << mirror << u"https://evil.updates.example.org/private/x"_s << false;
    QTest::newRow("a host that starts alike") << mirror << u"https://updates.example.org.evil.net/private/x"_s << false;
    QTest::newRow("a port of its own") << u"https://127.0.0.1:8443"_s << u"https://127.0.0.1:8443/x"_s << true;
    QTest::newRow("a port of its own, asked without")
        << u"https://127.0.0.1:8443"_s << u"https://127.0.0.1/x"_s << false;
}

void TestHttpRequestPolicy::passwordGoesToItsOriginOnly()
{
    QFETCH(QString, mirror);
    QFETCH(QString, url);
    QFETCH(bool, sent);

    HttpCredentials credentials{HttpCredentials::originOf(QUrl(mirror)), u"alice"_s, u"s3cret"_s, {}, {}};
    HttpRequestPolicy policy({}, credentials);
    const auto request = policy.request(QUrl(url));
    UPKEEP_VERIFY_OK(request);
    QCOMPARE(request->rawHeader("Authorization"), sent ? "Basic " + "alice:s3cret"_ba.toBase64() : QByteArray());
    QCOMPARE(request->url(), QUrl(url)); // never in the address, where logs and messages would show it
}

void TestHttpRequestPolicy::fileUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("url");

    QTest::newRow("base without a path") << u"https://a.example"_s << u"metadata/1.root.json"_s
                                         << u"https://a.example/metadata/1.root.json"_s;
    QTest::newRow("base with a path") << u"https://a.example/repo"_s << u"objects/ab.zst"_s
                                      << u"https://a.example/repo/objects/ab.zst"_s;
    QTest::newRow("trailing slashes") << u"https://a.example/repo//"_s << u"objects/ab.zst"_s
                                      << u"https://a.example/repo/objects/ab.zst"_s;
    QTest::newRow("a port") << u"http://127.0.0.1:8080/"_s << u"a.bin"_s << u"http://127.0.0.1:8080/a.bin"_s;
    QTest::newRow("a name that needs encoding")
        << u"https://a.example/repo"_s << u"odd name #1?.txt"_s << u"https://a.example/repo/odd%20name%20%231%3F.txt"_s;
    QTest::newRow("an encoded base stays encoded")
        << u"https://a.example/my%20repo"_s << u"a/b.json"_s << u"https://a.example/my%20repo/a/b.json"_s;
}

void TestHttpRequestPolicy::fileUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, path);
    QFETCH(QString, url);
    QCOMPARE(HttpRequestPolicy::fileUrl(QUrl(base), path).toString(QUrl::FullyEncoded), url);
}

void TestHttpRequestPolicy::display()
{
    QCOMPARE(
        HttpRequestPolicy::display(QUrl(u"https://user:secret@a.example/repo"_s)), u"https://user@a.example/repo"_s);
    QCOMPARE(HttpRequestPolicy::display(QUrl(u"http://a.example:8080/x"_s)), u"http://a.example:8080/x"_s);
}

QTEST_GUILESS_MAIN(TestHttpRequestPolicy)
#include "tst_httprequestpolicy.moc"
