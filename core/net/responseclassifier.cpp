#include "responseclassifier.h"

#include "net/httprequestpolicy.h"
#include "net/repositorysource.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

using Action = ResponseClassifier::Action;
using Verdict = ResponseClassifier::Verdict;

Verdict refuse(Action action, Error::Code code, const QString& message)
{
    return Verdict{action, {}, Error{code, message}};
}

// Whether a 206 answer's Content-Range ("bytes FIRST-LAST/TOTAL") is the rest of the file from
// `from` on, the file being `length` bytes long.
bool isRestOfFile(const QByteArray& contentRange, qint64 from, qint64 length)
{
    static const QRegularExpression pattern(u"^bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)$"_s);
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(contentRange.trimmed()));
    if (!match.hasMatch())
        return false;
    bool firstOk = false;
    bool lastOk = false;
    bool totalOk = false;
    const qint64 first = match.captured(1).toLongLong(&firstOk);
    const qint64 last = match.captured(2).toLongLong(&lastOk);
    const qint64 total = match.captured(3).toLongLong(&totalOk);
    const bool totalFits = match.captured(3) == u"*"_s || (totalOk && total == length);
    return firstOk && lastOk && totalFits && first == from && last == length - 1;
}

} // namespace

ResponseClassifier::Verdict ResponseClassifier::classify(const Request& request, const Answer& answer)
{
    if (auto followed = redirect(answer))
        return *followed;
    const QString where = HttpRequestPolicy::display(answer.url);
    const int status = answer.status;
    if (status == 404 || status == 410)
        return Verdict{Action::NextMirror, {}, RepositorySource::noFile(request.mirror, request.path)};
    // Asking again would be refused again (and a server may lock the account): final for this mirror.
    if (status == 401) {
        return refuse(Action::NextMirror, Error::Code::AccessDenied,
            tr("%1 refused the user name or password (HTTP 401).").arg(request.mirror));
    }
    if (status == 403) {
        return refuse(Action::NextMirror, Error::Code::AccessDenied,
            tr("%1 refused access (HTTP 403): it asks for a user name and password or a client certificate it "
               "accepts.")
                .arg(request.mirror));
    }

    if (!request.exact) {
        if (status != 200)
            return Verdict{Action::Retry, {}, statusError(answer)};
        if (answer.contentLength && *answer.contentLength > request.length) {
            return refuse(Action::NextMirror, Error::Code::LimitExceeded,
                tr("%1 is longer than the %2 bytes allowed for it (endless data): the server announces %3 bytes.")
                    .arg(request.path)
                    .arg(request.length)
                    .arg(*answer.contentLength));
        }
        return Verdict{Action::Accept, {}, {}};
    }

    if (status == 416 && request.from > 0) {
        // The mirror's copy is shorter than the part, which is no longer than the signed length:
        // the copy is wrong, the part may well be right.
        return refuse(Action::NextMirror, Error::Code::Mismatch,
            tr("%1 has no byte %2: it is shorter than the signed metadata gives.").arg(where).arg(request.from));
    }
    if (status != 200 && status != 206)
        return Verdict{Action::Retry, {}, statusError(answer)};
    if (status == 206 && request.from == 0) {
        return refuse(Action::Retry, Error::Code::Network,
            tr("%1 answered with part of the file to a request for all of it.").arg(where));
    }
    if (status == 206 && !isRestOfFile(answer.contentRange, request.from, request.length)) {
        return refuse(Action::RetryFromStart, Error::Code::Network,
            tr("%1 sent another part of the file than the one asked for (Content-Range: %2); starting again "
               "from the first byte.")
                .arg(where, QString::fromLatin1(answer.contentRange)));
    }
    const qint64 expected = request.length - (status == 206 ? request.from : 0);
    if (answer.contentLength && *answer.contentLength != expected) {
        // Another file than the one the metadata signs: this mirror does not have ours.
        const qint64 announced = *answer.contentLength;
        if (announced > expected) {
            return refuse(Action::NextMirror, Error::Code::LimitExceeded,
                tr("%1 announces %2 bytes where the signed metadata allows %3 (endless data); refused.")
                    .arg(where)
                    .arg(announced)
                    .arg(expected));
        }
        return refuse(Action::NextMirror, Error::Code::Mismatch,
            tr("%1 announces %2 bytes where the signed metadata gives %3; refused.")
                .arg(where)
                .arg(announced)
                .arg(expected));
    }
    if (status == 200 && request.from > 0)
        return Verdict{Action::Restart, {}, {}};
    return Verdict{Action::Accept, {}, {}};
}

std::optional<ResponseClassifier::Verdict> ResponseClassifier::redirect(const Answer& answer)
{
    if (!isRedirect(answer.status) || answer.location.isEmpty())
        return std::nullopt;
    const QUrl next = answer.url.resolved(QUrl::fromEncoded(answer.location));
    if (answer.redirects >= kMaxRedirects) {
        return refuse(Action::NextMirror, Error::Code::Network,
            tr("%1 redirects more than %2 times.").arg(HttpRequestPolicy::display(answer.first)).arg(kMaxRedirects));
    }
    if (!redirectAllowed(answer.first, next)) {
        return refuse(Action::NextMirror, Error::Code::Network,
            tr("%1 redirects to %2, which is neither https nor on the same server; not followed.")
                .arg(HttpRequestPolicy::display(answer.url), HttpRequestPolicy::display(next)));
    }
    return Verdict{Action::Redirect, next, {}};
}

ResponseClassifier::Verdict ResponseClassifier::broken(
    const QUrl& url, const QStringList& tlsProblems, const QString& networkError)
{
    const QString where = HttpRequestPolicy::display(url);
    if (!tlsProblems.isEmpty()) {
        return refuse(Action::NextMirror, Error::Code::Untrusted,
            tr("Cannot fetch %1: the server's TLS certificate is not trusted (%2).")
                .arg(where, tlsProblems.join(u"; "_s)));
    }
    return refuse(Action::Retry, Error::Code::Network, tr("Cannot fetch %1: %2.").arg(where, networkError));
}

Error ResponseClassifier::stalled(const QUrl& url, std::chrono::milliseconds timeout)
{
    return Error{Error::Code::Network,
        tr("%1 stalled: no data arrived for %2 seconds.")
            .arg(HttpRequestPolicy::display(url), QString::number(double(timeout.count()) / 1000.0))};
}

Error ResponseClassifier::statusError(const Answer& answer)
{
    const QString where = HttpRequestPolicy::display(answer.url);
    const QString reason = answer.reason.trimmed();
    return Error{Error::Code::Network,
        reason.isEmpty() ? tr("%1 answered HTTP %2.").arg(where).arg(answer.status)
                         : tr("%1 answered HTTP %2 (%3).").arg(where).arg(answer.status).arg(reason)};
}

bool ResponseClassifier::redirectAllowed(const QUrl& from, const QUrl& to)
{
    return to.scheme() == u"https"_s || sameOrigin(from, to);
}

bool ResponseClassifier::sameOrigin(const QUrl& a, const QUrl& b)
{
    const int defaultPort = a.scheme() == u"https"_s ? 443 : 80;
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort) == b.port(defaultPort);
}

bool ResponseClassifier::isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}
