#include "httpexchange.h"

#include "logging.h"
#include "net/httprequestpolicy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

using Action = ResponseClassifier::Action;
using Verdict = ResponseClassifier::Verdict;

HttpExchange::HttpExchange(QNetworkAccessManager& network, HttpRequestPolicy& policy, const QUrl& url, Options options)
    : m_network(network)
    , m_policy(policy)
    , m_options(options)
    , m_first(url)
    , m_url(url)
{ }

HttpExchange::~HttpExchange()
{
    drop();
    for (const QPointer<QNetworkReply>& reply : m_dropped)
        delete reply.data(); // not in its signals now
}

std::expected<void, Error> HttpExchange::start()
{
    return send(m_first);
}

void HttpExchange::abandon()
{
    m_finished = true;
    drop();
}

std::expected<void, Error> HttpExchange::send(const QUrl& url)
{
    auto request = m_policy.request(url);
    if (!request)
        return std::unexpected(request.error());
    if (m_options.from > 0)
        request->setRawHeader("Range", "bytes=" + QByteArray::number(m_options.from) + '-');
    if (!m_options.ifNoneMatch.isEmpty())
        request->setRawHeader("If-None-Match", m_options.ifNoneMatch);
    if (m_options.compressed && m_options.from == 0)
        request->setRawHeader("Accept-Encoding", QByteArray()); // a null value removes it: Qt asks for gzip and decodes
    if (m_options.stallTimeout.count() > 0)
        request->setTransferTimeout(int(m_options.stallTimeout.count()));
    qCDebug(lcNet) << "GET" << HttpRequestPolicy::display(url) << "from byte" << m_options.from;

    m_url = url;
    m_tlsProblems.clear();
    m_reply = m_network.get(*request);
    if (m_options.readAhead > 0)
        m_reply->setReadBufferSize(m_options.readAhead);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpExchange::onHeaders);
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        if (m_answered)
            Q_EMIT readyRead();
    });
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            m_tlsProblems.append(error.errorString());
    });
    return {};
}

void HttpExchange::onHeaders()
{
    if (m_answered || !m_reply)
        return;
    const std::optional<Verdict> redirect = ResponseClassifier::redirect(answer());
    if (!redirect) {
        m_answered = true;
        Q_EMIT answered();
        return;
    }
    if (redirect->action != Action::Redirect) {
        fail(*redirect);
        return;
    }
    qCDebug(lcNet) << HttpRequestPolicy::display(m_url) << "redirects to" << HttpRequestPolicy::display(redirect->next);
    drop();
    ++m_redirects;
    if (auto sent = send(redirect->next); !sent)
        fail(Verdict{Action::Stop, {}, sent.error()});
}

void HttpExchange::onFinished()
{
    if (!m_reply)
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Qt makes an error of an HTTP error status too; that one is the answer's, for the caller to judge.
    const bool statusOnly = m_answered && status >= 400 && m_tlsProblems.isEmpty()
        && error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownServerError;
    if (!m_tlsProblems.isEmpty() || (error != QNetworkReply::NoError && !statusOnly)) {
        const bool timedOut = m_options.stallTimeout.count() > 0 && m_tlsProblems.isEmpty()
            && (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError);
        m_failure = timedOut ? Verdict{Action::Retry, {}, ResponseClassifier::stalled(m_url, m_options.stallTimeout)}
                             : ResponseClassifier::broken(m_url, m_tlsProblems, m_reply->errorString());
    }
    m_finished = true;
    Q_EMIT finished();
}

void HttpExchange::fail(Verdict verdict)
{
    qCDebug(lcNet) << verdict.error->message;
    m_failure = std::move(verdict);
    m_finished = true;
    drop();
    Q_EMIT finished();
}

void HttpExchange::drop()
{
    if (!m_reply)
        return;
    disconnect(m_reply, nullptr, this, nullptr);
    m_reply->deleteLater();
    m_dropped.push_back(m_reply);
    m_reply = nullptr;
}

QByteArray HttpExchange::etag() const
{
    return m_reply ? m_reply->rawHeader("ETag") : QByteArray();
}

ResponseClassifier::Answer HttpExchange::answer() const
{
    ResponseClassifier::Answer answer{m_url, m_first, m_redirects, 0, {}, {}, {}, std::nullopt};
    if (!m_reply)
        return answer;
    answer.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    answer.location = m_reply->rawHeader("Location");
    answer.contentRange = m_reply->rawHeader("Content-Range");
    bool known = false;
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    if (known)
        answer.contentLength = length;
    return answer;
}

qint64 HttpExchange::bytesAvailable() const
{
    return m_reply ? m_reply->bytesAvailable() : 0;
}

QByteArray HttpExchange::read(qint64 most)
{
    return m_reply ? m_reply->read(most) : QByteArray();
}

void HttpExchange::setReadAhead(qint64 bytes)
{
    m_options.readAhead = bytes;
    if (m_reply)
        m_reply->setReadBufferSize(bytes);
}
