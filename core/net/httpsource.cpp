#include "httpsource.h"

#include "logging.h"
#include "net/httpexchange.h"
#include "net/mirroraddress.h"

#include <QEventLoop>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QThread>

#include <optional>

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
    , m_policy(m_options.caFile, m_options.credentials)
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
    auto fetched = fetchIfChanged(path, maxLength, {});
    if (!fetched)
        return std::unexpected(fetched.error());
    return std::move(*fetched->bytes);
}

std::expected<RepositorySource::Fetched, Error> HttpSource::fetchIfChanged(
    const QString& path, qint64 maxLength, const QByteArray& validator)
{
    if (!isSafePath(path))
        return std::unexpected(unsafePath(path));
    if (m_base.isEmpty()) {
        return std::unexpected(
            Error{Error::Code::InvalidInput, tr("%1 is not an http:// or https:// address.").arg(m_name)});
    }

    HttpExchange exchange(*managerForThisThread(), m_policy, HttpRequestPolicy::fileUrl(m_base, path),
        {.from = 0,
            .readAhead = kReadAhead,
            .stallTimeout = m_options.stallTimeout,
            .ifNoneMatch = validator,
            .compressed = path.startsWith(QLatin1StringView("metadata/"))});
    const ResponseClassifier::Request asked{m_name, path, 0, maxLength, false};
    QEventLoop loop;
    QByteArray data;
    bool accepted = false;
    bool unchanged = false;
    QByteArray etag;
    std::optional<Error> refusal; // why we stopped the transfer ourselves

    auto refuse = [&](Error error) {
        refusal = std::move(error);
        exchange.abandon();
        loop.quit();
    };
    auto take = [&] {
        data += exchange.read(maxLength + 1 - data.size());
        if (data.size() > maxLength) // the sentence a folder gives, so that callers see one refusal for endless data
            refuse(tooLong(path, maxLength));
    };
    QObject::connect(&exchange, &HttpExchange::answered, &loop, [&] {
        if (!validator.isEmpty() && exchange.answer().status == 304) {
            unchanged = true;
            return;
        }
        const ResponseClassifier::Verdict verdict = ResponseClassifier::classify(asked, exchange.answer());
        if (verdict.action == ResponseClassifier::Action::Accept) {
            accepted = true;
            etag = exchange.etag();
        } else
            refuse(verdict.error.value_or(ResponseClassifier::statusError(exchange.answer())));
    });
    QObject::connect(&exchange, &HttpExchange::readyRead, &loop, [&] {
        if (accepted && !refusal)
            take();
    });
    QObject::connect(&exchange, &HttpExchange::finished, &loop, &QEventLoop::quit);

    qCDebug(lcNet) << "GET" << HttpRequestPolicy::display(exchange.url()) << "at most" << maxLength << "bytes";
    if (auto started = exchange.start(); !started)
        return std::unexpected(started.error());
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (accepted && !refusal && exchange.bytesAvailable() > 0)
        take();

    if (refusal) {
        qCDebug(lcNet) << refusal->message;
        return std::unexpected(*refusal);
    }
    if (exchange.failure())
        return std::unexpected(*exchange.failure()->error);
    if (unchanged) {
        qCDebug(lcNet) << HttpRequestPolicy::display(exchange.url()) << "unchanged";
        return Fetched{std::nullopt, validator};
    }
    if (!accepted) // over without an answer, and without an error to say why
        return std::unexpected(ResponseClassifier::statusError(exchange.answer()));
    qCDebug(lcNet) << HttpRequestPolicy::display(exchange.url()) << data.size() << "bytes";
    return Fetched{std::move(data), etag};
}
