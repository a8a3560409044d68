#pragma once

#include "error.h"
#include "net/responseclassifier.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>
#include <vector>

class HttpRequestPolicy;
class QNetworkAccessManager;
class QNetworkReply;

// One GET from a web server and the redirects it takes, the way every HTTP transfer of Upkeep
// goes: the request as HttpRequestPolicy makes it, each redirect judged by ResponseClassifier and
// followed here, TLS errors gathered (never ignored), an optional stall limit, and a failure told
// in one sentence. answered() comes with the final answer's head, readyRead() as its body arrives
// and finished() once at the end; the caller judges the answer and reads the body from the
// exchange. Lives on the thread of its network access manager.
class HttpExchange : public QObject
{
    Q_OBJECT

public:
    struct Options {
        qint64 from = 0;      // when above 0, asks for the bytes from here on (Range)
        qint64 readAhead = 0; // how far Qt may read ahead of the caller; 0 for no bound
        // Gives up when nothing arrives for this long (Qt's transfer timeout); 0 when the caller
        // watches for stalls itself.
        std::chrono::milliseconds stallTimeout{0};
        // When set, asks for the file only if its ETag is no longer this one (304 otherwise).
        QByteArray ifNoneMatch{};
        // Lets the server send the body gzip-compressed, which Qt decodes: for TUF metadata, whose
        // length bounds apply to the decoded bytes (read() gives those, the caller stops past its
        // bound, so an endless or bomb-like body costs no more than an uncompressed one). Never
        // with a Range, which counts the file's own bytes.
        bool compressed = false;
    };

    // `policy` and `network` must outlive the exchange.
    HttpExchange(QNetworkAccessManager& network, HttpRequestPolicy& policy, const QUrl& url, Options options);
    ~HttpExchange() override;
    Q_DISABLE_COPY(HttpExchange)

    // Sends the request; fails only when it cannot be made (an unusable certificate authority file).
    [[nodiscard]] std::expected<void, Error> start();
    // Ends the transfer; no signal follows. May be called from the exchange's own signals.
    void abandon();

    // Where the exchange asks now, after the redirects so far.
    [[nodiscard]] const QUrl& url() const { return m_url; }
    // The head of the answer at hand: the final one once answered().
    [[nodiscard]] ResponseClassifier::Answer answer() const;
    // The answer's ETag, to ask with as ifNoneMatch whether the file changed; empty for none.
    [[nodiscard]] QByteArray etag() const;
    // Why the exchange ended without a whole answer: a redirect not followed, a certificate not
    // trusted, a stall, the network. Nothing while it runs, nor when the answer came whole,
    // whatever its status said.
    [[nodiscard]] const std::optional<ResponseClassifier::Verdict>& failure() const { return m_failure; }
    [[nodiscard]] bool isFinished() const { return m_finished; }

    [[nodiscard]] qint64 bytesAvailable() const;
    [[nodiscard]] QByteArray read(qint64 most);
    void setReadAhead(qint64 bytes);

Q_SIGNALS:
    void answered();
    void readyRead();
    void finished();

private:
    std::expected<void, Error> send(const QUrl& url);
    void onHeaders();
    void onFinished();
    void fail(ResponseClassifier::Verdict verdict);
    // Lets go of the reply: deleted later, since this may run in one of its signals, and deleting
    // it stops its transfer. (Not abort(): Qt gives an HTTP error status its error only when the
    // reply finishes, and complains when an abort came first.)
    void drop();

    QNetworkAccessManager& m_network;
    HttpRequestPolicy& m_policy;
    Options m_options;
    QUrl m_first;
    QUrl m_url;
    int m_redirects = 0;
    QPointer<QNetworkReply> m_reply;
    std::vector<QPointer<QNetworkReply>> m_dropped; // not yet deleted
    QStringList m_tlsProblems;
    std::optional<ResponseClassifier::Verdict> m_failure;
    bool m_answered = false;
    bool m_finished = false;
};
