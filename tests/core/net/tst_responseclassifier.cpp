// ResponseClassifier: every kind of answer a web server gives to the GET of a repository file, and
// what follows it (take the body, start the part over, follow a redirect, ask again, ask the next
// mirror), with the sentence a user reads; and the sentences of a transfer that broke off.

#include "net/responseclassifier.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Action = ResponseClassifier::Action;
using Answer = ResponseClassifier::Answer;
using Request = ResponseClassifier::Request;

const QString kMirror = u"https://m.example/repo"_s;
const QString kFile = kMirror + u"/objects/a.bin"_s;
constexpr qint64 kLength = 1000;

// The exact length from byte `from` on, as the fetcher asks.
Request part(qint64 from = 0)
{
    return Request{kMirror, u"objects/a.bin"_s, from, kLength, true};
}

// At most kLength bytes of the whole file, as a metadata source asks.
Request atMost()
{
    return Request{kMirror, u"metadata/timestamp.json"_s, 0, kLength, false};
}

Answer answer(int status, const QString& reason = {}, std::optional<qint64> contentLength = std::nullopt,
    const QByteArray& contentRange = {})
{
    return Answer{QUrl(kFile), QUrl(kFile), 0, status, reason, {}, contentRange, contentLength};
}

Answer redirect(
    int status, const QByteArray& location, const QString& first = kFile, int redirects = 0, const QString& url = {})
{
    return Answer{QUrl(url.isEmpty() ? first : url), QUrl(first), redirects, status, {}, location, {}, std::nullopt};
}

} // namespace

Q_DECLARE_METATYPE(ResponseClassifier::Request)
Q_DECLARE_METATYPE(ResponseClassifier::Answer)
Q_DECLARE_METATYPE(ResponseClassifier::Action)

class TestResponseClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void broken_data();
    void broken();
    void stalled_data();
    void stalled();
    void redirectAllowed_data();
    void redirectAllowed();
};

void TestResponseClassifier::classify_data()
{
    QTest::addColumn<Request>("request");
    QTest::addColumn<Answer>("answer");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>("next");     // for Redirect
    QTest::addColumn<Error::Code>("code"); // for a refusal
    QTest::addColumn<QString>("message");  // empty when there is no refusal

    const auto none = Error::Code::Internal; // unused without a refusal
    const auto network = Error::Code::Network;
    const auto denied = Error::Code::AccessDenied;

    // What the fetcher takes.
    QTest::newRow("200 for the whole file")
        << part() << answer(200, u"OK"_s, kLength) << Action::Accept << QString() << none << QString();
    QTest::newRow("200 without a Content-Length")
        << part() << answer(200) << Action::Accept << QString() << none << QString();
    QTest::newRow("206 with the rest of the file")
        << part(400) << answer(206, u"Partial Content"_s, 600, "bytes 400-999/1000") << Action::Accept << QString()
        << none << QString();
    QTest::newRow("206 with the rest, total unknown") << part(400) << answer(206, {}, std::nullopt, "bytes 400-999/*")
                                                      << Action::Accept << QString() << none << QString();
    QTest::newRow("200 to a Range request: the whole file again")
        << part(400) << answer(200, u"OK"_s, kLength) << Action::Restart << QString() << none << QString();

    // Answers that are not the file the metadata signs: the next mirror.
    QTest::newRow("404") << part() << answer(404, u"Not Found"_s) << Action::NextMirror << QString()
                         << Error::Code::NotFound << u"https://m.example/repo has no file objects/a.bin."_s;
    QTest::newRow("410") << part(400) << answer(410, u"Gone"_s) << Action::NextMirror << QString()
                         << Error::Code::NotFound << u"https://m.example/repo has no file objects/a.bin."_s;
    // A private repository's refusal: asking again would be refused again (no retry storm).
    QTest::newRow("401") << part() << answer(401, u"Unauthorized"_s) << Action::NextMirror << QString() << denied
                         << u"https://m.example/repo refused the user name or password (HTTP 401)."_s;
    QTest::newRow("at most: 401") << atMost() << answer(401) << Action::NextMirror << QString() << denied
                                  << u"https://m.example/repo refused the user name or password (HTTP 401)."_s;
    QTest::newRow("403") << part() << answer(403, u"Forbidden"_s) << Action::NextMirror << QString() << denied
                         << u"https://m.example/repo refused access (HTTP 403): it asks for a user name and password "
                            "or a client certificate it accepts."_s;
    QTest::newRow("416 to a Range request: the mirror's copy is short")
        << part(400) << answer(416, u"Range Not Satisfiable"_s) << Action::NextMirror << QString()
        << Error::Code::Mismatch << kFile + u" has no byte 400: it is shorter than the signed metadata gives."_s;
    QTest::newRow("Content-Length above the length")
        << part() << answer(200, {}, kLength + 1) << Action::NextMirror << QString() << Error::Code::LimitExceeded
        << kFile + u" announces 1001 bytes where the signed metadata allows 1000 (endless data); refused."_s;
    QTest::newRow("Content-Length below the length")
        << part() << answer(200, {}, 999) << Action::NextMirror << QString() << Error::Code::Mismatch
        << kFile + u" announces 999 bytes where the signed metadata gives 1000; refused."_s;
    QTest::newRow("206 announcing more than the rest")
        << part(400) << answer(206, {}, 601, "bytes 400-999/1000") << Action::NextMirror << QString()
        << Error::Code::LimitExceeded
        << kFile + u" announces 601 bytes where the signed metadata allows 600 (endless data); refused."_s;
    QTest::newRow("200 to a Range request announcing another length")
        << part(400) << answer(200, {}, 600) << Action::NextMirror << QString() << Error::Code::Mismatch
        << kFile + u" announces 600 bytes where the signed metadata gives 1000; refused."_s;

    // Answers a server may do better on: this mirror again.
    QTest::newRow("206 to a request for all of it")
        << part() << answer(206, {}, 600, "bytes 400-999/1000") << Action::Retry << QString() << network
        << kFile + u" answered with part of the file to a request for all of it."_s;
    QTest::newRow("500") << part() << answer(500, u"Internal Server Error"_s) << Action::Retry << QString() << network
                         << kFile + u" answered HTTP 500 (Internal Server Error)."_s;
    QTest::newRow("503 without a reason phrase")
        << part() << answer(503, u"  "_s) << Action::Retry << QString() << network << kFile + u" answered HTTP 503."_s;
    QTest::newRow("204") << part() << answer(204, u"No Content"_s) << Action::Retry << QString() << network
                         << kFile + u" answered HTTP 204 (No Content)."_s;
    QTest::newRow("416 to a request for all of it")
        << part() << answer(416, u"Range Not Satisfiable"_s) << Action::Retry << QString() << network
        << kFile + u" answered HTTP 416 (Range Not Satisfiable)."_s;
    QTest::newRow("302 without a Location") << part() << answer(302, u"Found"_s) << Action::Retry << QString()
                                            << network << kFile + u" answered HTTP 302 (Found)."_s;
    QTest::newRow("304 is not a redirect") << part() << redirect(304, "/repo/b.bin") << Action::Retry << QString()
                                           << network << kFile + u" answered HTTP 304."_s;

    // Another part than the one asked for: the part starts over, from this mirror at once.
    const QString another = kFile
        + u" sent another part of the file than the one asked for (Content-Range: %1); starting again from the first byte."_s;
    QTest::newRow("206 from another byte")
        << part(400) << answer(206, {}, 700, "bytes 300-999/1000") << Action::RetryFromStart << QString() << network
        << another.arg(u"bytes 300-999/1000"_s);
    QTest::newRow("206 not to the end") << part(400) << answer(206, {}, 100, "bytes 400-499/1000")
                                        << Action::RetryFromStart << QString() << network
                                        << another.arg(u"bytes 400-499/1000"_s);
    QTest::newRow("206 of a file of another length")
        << part(400) << answer(206, {}, 600, "bytes 400-999/2000") << Action::RetryFromStart << QString() << network
        << another.arg(u"bytes 400-999/2000"_s);
    QTest::newRow("206 without a Content-Range")
        << part(400) << answer(206) << Action::RetryFromStart << QString() << network << another.arg(QString());
    QTest::newRow("206 with a Content-Range that is no range")
        << part(400) << answer(206, {}, 600, "items 400-999/1000") << Action::RetryFromStart << QString() << network
        << another.arg(u"items 400-999/1000"_s);

    // Redirects: to https anywhere or on the same server, at most five.
    QTest::newRow("302 on the same server") << part() << redirect(302, "/repo/moved/a.bin") << Action::Redirect
                                            << u"https://m.example/repo/moved/a.bin"_s << none << QString();
    QTest::newRow("301 relative to the file") << part() << redirect(301, "b.bin") << Action::Redirect
                                              << u"https://m.example/repo/objects/b.bin"_s << none << QString();
    QTest::newRow("307 to https elsewhere") << part() << redirect(307, "https://cdn.example/a.bin") << Action::Redirect
                                            << u"https://cdn.example/a.bin"_s << none << QString();
    QTest::newRow("308 from http to https on the same host")
        << part() << redirect(308, "https://m.example/a.bin", u"http://m.example/a.bin"_s) << Action::Redirect
        << u"https://m.example/a.bin"_s << none << QString();
    QTest::newRow("303 on the same http server, host in capitals")
        << part() << redirect(303, "http://m.example/b.bin", u"http://M.EXAMPLE/a.bin"_s) << Action::Redirect
        << u"http://m.example/b.bin"_s << none << QString();
    QTest::newRow("the fifth redirect") << part() << redirect(302, "/b.bin", kFile, 4) << Action::Redirect
                                        << u"https://m.example/b.bin"_s << none << QString();
    QTest::newRow("the sixth redirect") << part() << redirect(302, "/b.bin", kFile, 5, u"https://m.example/c.bin"_s)
                                        << Action::NextMirror << QString() << network
                                        << kFile + u" redirects more than 5 times."_s;
    QTest::newRow("to http on another server")
        << part() << redirect(302, "http://other.example/a.bin") << Action::NextMirror << QString() << network
        << kFile
            + u" redirects to http://other.example/a.bin, which is neither https nor on the same server; not followed."_s;
    QTest::newRow("from https down to http on the same host")
        << part() << redirect(302, "http://m.example/a.bin") << Action::NextMirror << QString() << network
        << kFile
            + u" redirects to http://m.example/a.bin, which is neither https nor on the same server; not followed."_s;
    QTest::newRow("to another port over http")
        << part() << redirect(302, "http://m.example:8080/a.bin", u"http://m.example/a.bin"_s) << Action::NextMirror
        << QString() << network
        << u"http://m.example/a.bin redirects to http://m.example:8080/a.bin, which is neither https nor on the same server; not followed."_s;
    QTest::newRow("judged against where the redirects began")
        << part()
        << redirect(302, "http://cdn.example/b.bin", u"http://m.example/a.bin"_s, 1, u"http://cdn.example/a.bin"_s)
        << Action::NextMirror << QString() << network
        << u"http://cdn.example/a.bin redirects to http://cdn.example/b.bin, which is neither https nor on the same server; not followed."_s;

    // What a metadata source takes: the whole file, up to a limit.
    QTest::newRow("at most: 200 within the limit")
        << atMost() << answer(200, u"OK"_s, 500) << Action::Accept << QString() << none << QString();
    QTest::newRow("at most: 200 exactly the limit")
        << atMost() << answer(200, u"OK"_s, kLength) << Action::Accept << QString() << none << QString();
    QTest::newRow("at most: 200 without a Content-Length")
        << atMost() << answer(200) << Action::Accept << QString() << none << QString();
    QTest::newRow("at most: announcing more than the limit")
        << atMost() << answer(200, u"OK"_s, kLength + 1) << Action::NextMirror << QString()
        << Error::Code::LimitExceeded
        << u"metadata/timestamp.json is longer than the 1000 bytes allowed for it (endless data): the server announces 1001 bytes."_s;
    QTest::newRow("at most: 404") << atMost() << answer(404) << Action::NextMirror << QString() << Error::Code::NotFound
                                  << u"https://m.example/repo has no file metadata/timestamp.json."_s;
    QTest::newRow("at most: 206") << atMost() << answer(206, u"Partial Content"_s, 10, "bytes 0-9/1000")
                                  << Action::Retry << QString() << network
                                  << kFile + u" answered HTTP 206 (Partial Content)."_s;
    QTest::newRow("at most: 500") << atMost() << answer(500, u"Internal Server Error"_s) << Action::Retry << QString()
                                  << network << kFile + u" answered HTTP 500 (Internal Server Error)."_s;
    QTest::newRow("at most: redirect") << atMost() << redirect(302, "/repo/b.json") << Action::Redirect
                                       << u"https://m.example/repo/b.json"_s << none << QString();

    // Messages never show a password.
    QTest::newRow("no password in messages")
        << part()
        << Answer{QUrl(u"https://user:secret@m.example/a.bin"_s), QUrl(u"https://user:secret@m.example/a.bin"_s), 0,
               500, {}, {}, {}, std::nullopt}
        << Action::Retry << QString() << network << u"https://user@m.example/a.bin answered HTTP 500."_s;
}

void TestResponseClassifier::classify()
{
    QFETCH(Request, request);
    QFETCH(Answer, answer);
    QFETCH(Action, action);
    QFETCH(QString, next);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const ResponseClassifier::Verdict verdict = ResponseClassifier::classify(request, answer);
    QCOMPARE(verdict.action, action);
    QCOMPARE(verdict.next, next.isEmpty() ? QUrl() : QUrl(next));
    if (message.isEmpty()) {
        QVERIFY2(!verdict.error, qPrintable(verdict.error->message));
        return;
    }
    QVERIFY(verdict.error);
    QCOMPARE(verdict.error->code, code);
    QCOMPARE(verdict.error->message, message);
    // A redirect is judged the same on its own, as the exchange asks before an answer comes.
    if (const auto redirect = ResponseClassifier::redirect(answer)) {
        QCOMPARE(redirect->action, action);
        QCOMPARE(redirect->error->message, message);
    }
}

void TestResponseClassifier::broken_data()
{
    QTest::addColumn<QStringList>("tlsProblems");
    QTest::addColumn<QString>("networkError");
    QTest::addColumn<Action>("action");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("connection refused") << QStringList{} << u"Connection refused"_s << Action::Retry
                                        << Error::Code::Network << u"Cannot fetch %1: Connection refused."_s.arg(kFile);
    QTest::newRow("closed by the server") << QStringList{} << u"Remote host closed the connection"_s << Action::Retry
                                          << Error::Code::Network
                                          << u"Cannot fetch %1: Remote host closed the connection."_s.arg(kFile);
    // TLS errors are never ignored, and a mirror that cannot prove who it is is not asked again.
    QTest::newRow("certificate not trusted")
        << QStringList{u"The issuer certificate of a locally looked up certificate could not be found"_s,
               u"The certificate is self-signed, and untrusted"_s}
        << u"SSL handshake failed"_s << Action::NextMirror << Error::Code::Untrusted
        << u"Cannot fetch %1: the server's TLS certificate is not trusted (The issuer certificate of a locally looked up certificate could not be found; The certificate is self-signed, and untrusted)."_s
               .arg(kFile);
}

void TestResponseClassifier::broken()
{
    QFETCH(QStringList, tlsProblems);
    QFETCH(QString, networkError);
    QFETCH(Action, action);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const ResponseClassifier::Verdict verdict = ResponseClassifier::broken(QUrl(kFile), tlsProblems, networkError);
    QCOMPARE(verdict.action, action);
    QVERIFY(verdict.error);
    QCOMPARE(verdict.error->code, code);
    QCOMPARE(verdict.error->message, message);
}

void TestResponseClassifier::stalled_data()
{
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("message");
    QTest::newRow("default") << 30000 << kFile + u" stalled: no data arrived for 30 seconds."_s;
    QTest::newRow("half a second") << 500 << kFile + u" stalled: no data arrived for 0.5 seconds."_s;
}

void TestResponseClassifier::stalled()
{
    QFETCH(int, timeoutMs);
    QFETCH(QString, message);
    const Error error = ResponseClassifier::stalled(QUrl(kFile), std::chrono::milliseconds(timeoutMs));
    QCOMPARE(error.code, Error::Code::Network);
    QCOMPARE(error.message, message);
}

void TestResponseClassifier::redirectAllowed_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("same server, other path") << u"http://a.example/x"_s << u"http://a.example/y"_s << true;
    QTest::newRow("https anywhere") << u"http://a.example/x"_s << u"https://b.example/y"_s << true;
    QTest::newRow("explicit default port") << u"http://a.example/x"_s << u"http://a.example:80/y"_s << true;
    QTest::newRow("https, explicit default port") << u"https://a.example/x"_s << u"https://a.example:443/y"_s << true;
    QTest::newRow("http to another host") << u"http://a.example/x"_s << u"http://b.example/y"_s << false;
    QTest::newRow("http to another port") << u"http://a.example:8080/x"_s << u"http://a.example:8081/y"_s << false;
    QTest::newRow("https down to http") << u"https://a.example/x"_s << u"http://a.example/y"_s << false;
    QTest::newRow("to ftp") << u"http://a.example/x"_s << u"ftp://a.example/y"_s << false;
    QTest::newRow("to a file") << u"http://a.example/x"_s << u"file:///etc/passwd"_s << false;
}

void TestResponseClassifier::redirectAllowed()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    QCOMPARE(ResponseClassifier::redirectAllowed(QUrl(from), QUrl(to)), allowed);
}

QTEST_GUILESS_MAIN(TestResponseClassifier)
#include "tst_responseclassifier.moc"
