#include "httpsource.h"

#include "logging.h"
#include "net/mirroraddress.h"

#include <QEventLoop>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

bool threadIsGone(const QObject* object)
{
    const QThread* thread = object->thread();
    return thread == nullptr || thread->isFinished();
}

} // namespace

HttpSource::HttpSource(const QString& baseUrl, Options options)
    : m_name(baseUrl)
    , m_options(std::move(options))
    , m_policy(m_options.caFile)
{
    if (auto address = MirrorAddress::parse(baseUrl); address && !address->isFolder()) {
        m_base = address->server();
        m_name = address->name();
    }
}

HttpSource::~HttpSource()
{
    // An idle manager may be deleted from any thread once its own has finished; one whose thread
    // still runs is deleted by that thread's event loop, or when it finishes.
    for (QNetworkAccessManager* manager : m_managers) {
        if (manager->thread() == QThread::currentThread() || threadIsGone(manager))
            delete manager;
        else
            manager->deleteLater();
    }
}

QNetworkAccessManager* HttpSource::managerForThisThread()
{
    QMutexLocker lock(&m_mutex);
    std::erase_if(m_managers, [](QNetworkAccessManager* manager) {
        if (!threadIsGone(manager))
            return false;
        delete manager;
        return true;
    });
    for (QNetworkAccessManager* manager : m_managers) {
        if (manager->thread() == QThread::currentThread())
            return manager;
    }
    auto* manager = new QNetworkAccessManager;
    m_managers.push_back(manager);
    return manager;
}

std::expected<QByteArray, Error> HttpSource::fetch(const QString& path, qint64 maxLength)
{
    if (!isSafePath(path))
        return std::unexpected(Error{Error::Code::InvalidInput, tr("Refused the unsafe path \"%1\".").arg(path)});
    if (m_base.isEmpty()) {
        return std::unexpected(
            Error{Error::Code::InvalidInput, tr("%1 is not an http:// or https:// address.").arg(m_name)});
    }
    QUrl url = HttpRequestPolicy::fileUrl(m_base, path);
    const QUrl first = url;

    // Redirects are followed here rather than by Qt, so that each hop is checked and counted.
    for (int redirects = 0;; ++redirects) {
        auto answer = get(url, path, maxLength);
        if (!answer)
            return std::unexpected(answer.error());
        if (auto* bytes = std::get_if<QByteArray>(&*answer))
            return std::move(*bytes);
        const QUrl next = std::get<QUrl>(*answer);
        if (redirects == kMaxRedirects) {
            return std::unexpected(Error{Error::Code::Network,
                tr("%1 redirects more than %2 times.").arg(HttpRequestPolicy::display(first)).arg(kMaxRedirects)});
        }
        if (!HttpRequestPolicy::redirectAllowed(first, next)) {
            return std::unexpected(Error{Error::Code::Network,
                tr("%1 redirects to %2, which is neither https nor on the same server; not followed.")
                    .arg(HttpRequestPolicy::display(url), HttpRequestPolicy::display(next))});
        }
        qCDebug(lcNet) << HttpRequestPolicy::display(url) << "redirects to" << HttpRequestPolicy::display(next);
        url = next;
    }
}

std::expected<std::variant<QByteArray, QUrl>, Error> HttpSource::get(
    const QUrl& url, const QString& path, qint64 maxLength)
{
    const QString where = HttpRequestPolicy::display(url);
    auto request = m_policy.request(url);
    if (!request)
        return std::unexpected(request.error());

    qCDebug(lcNet) << "GET" << where << "at most" << maxLength << "bytes";
    std::unique_ptr<QNetworkReply> reply(managerForThisThread()->get(*request));
    reply->setReadBufferSize(kReadAhead);
    QEventLoop loop;
    QTimer stall;
    stall.setSingleShot(true);
    stall.setInterval(m_options.stallTimeout);
    QByteArray data;
    qint64 discarded = 0;         // bytes of an error or redirect page
    std::optional<Error> refusal; // why we stopped the transfer ourselves
    QStringList tlsProblems;

    auto httpStatus = [&] { return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); };
    auto statusError = [&](int status) {
        if (status == 404 || status == 410)
            return Error{Error::Code::NotFound, tr("%1 has no file %2.").arg(m_name, path)};
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
        return Error{Error::Code::Network,
            reason.isEmpty() ? tr("%1 answered HTTP %2.").arg(where).arg(status)
                             : tr("%1 answered HTTP %2 (%3).").arg(where).arg(status).arg(reason)};
    };
    auto refuse = [&](Error error) {
        if (refusal)
            return;
        refusal = std::move(error);
        stall.stop();
        reply->abort();
    };
    auto tooLong = [&](qint64 announced) {
        // The sentence DirectorySource uses, so that callers and tests see one refusal for endless data.
        QString message = tr("%1 is longer than the %2 bytes allowed for it (endless data).").arg(path).arg(maxLength);
        if (announced >= 0)
            message = tr("%1 is longer than the %2 bytes allowed for it (endless data): the server announces %3 bytes.")
                          .arg(path)
                          .arg(maxLength)
                          .arg(announced);
        refuse(Error{Error::Code::LimitExceeded, message});
    };
    auto take = [&] {
        const int status = httpStatus();
        if (status >= 200 && status < 300) {
            data += reply->read(maxLength + 1 - data.size());
            if (data.size() > maxLength)
                tooLong(-1);
        } else {
            discarded += reply->skip(reply->bytesAvailable());
            if (discarded > kMaxPageLength)
                refuse(statusError(status)); // do not read an error page of any length
        }
    };

    QObject::connect(&stall, &QTimer::timeout, &loop, [&] {
        refuse(Error{Error::Code::Network,
            tr("%1 stalled: no data arrived for %2 seconds.")
                .arg(where, QString::number(double(m_options.stallTimeout.count()) / 1000.0))});
    });
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] {
        stall.start();
        const int status = httpStatus();
        if (status >= 200 && status < 300) {
            bool known = false;
            const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
            if (known && announced > maxLength)
                tooLong(announced);
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        stall.start();
        if (!refusal)
            take();
    });
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, &loop, [&](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            tlsProblems.append(error.errorString());
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);

    stall.start();
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    stall.stop();
    if (!refusal && reply->bytesAvailable() > 0)
        take();

    if (refusal) {
        qCDebug(lcNet) << where << refusal->message;
        return std::unexpected(*refusal);
    }
    const int status = httpStatus();
    if (status >= 400)
        return std::unexpected(statusError(status));
    if (!tlsProblems.isEmpty()) {
        return std::unexpected(Error{Error::Code::Network,
            tr("Cannot fetch %1: the server's TLS certificate is not trusted (%2).")
                .arg(where, tlsProblems.join(u"; "_s))});
    }
    if (reply->error() != QNetworkReply::NoError) {
        return std::unexpected(
            Error{Error::Code::Network, tr("Cannot fetch %1: %2.").arg(where, reply->errorString())});
    }
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        const QByteArray location = reply->rawHeader("Location");
        if (!location.isEmpty())
            return url.resolved(QUrl::fromEncoded(location));
    }
    if (status != 200)
        return std::unexpected(statusError(status));
    qCDebug(lcNet) << where << data.size() << "bytes";
    return data;
}
