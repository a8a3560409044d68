#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

// How Upkeep judges a web server's answer to the GET of a repository file, for every transfer
// alike: take the body, follow a redirect (to https anywhere or on the same server, at most
// kMaxRedirects), ask the same mirror again or the next one, with the sentence that says why.
// It reads the status and headers only, never the network, so that each case is testable alone.
class ResponseClassifier
{
    Q_DECLARE_TR_FUNCTIONS(ResponseClassifier)

public:
    enum class Action {
        Accept,         // take the body
        Restart,        // take the body as the whole file: empty the part first (the server ignored Range)
        Redirect,       // ask `next` instead
        Retry,          // ask this mirror again after the back-off
        RetryFromStart, // empty the part and ask this mirror again at once: it sent another part than asked
        NextMirror,     // this mirror does not have the file, or cannot be trusted with it
        Stop,           // nothing can be asked (the certificate authority file); only an exchange says this
    };

    struct Verdict {
        Action action = Action::Accept;
        QUrl next;                  // for Redirect
        std::optional<Error> error; // for the others but Accept and Restart
    };

    // What was asked: exactly `length` bytes, the file from byte `from` on (the rest of the signed
    // length), or, when not `exact`, the whole file at most `length` bytes long.
    struct Request {
        QString mirror; // the mirror's name, for messages
        QString path;   // relative to the mirror
        qint64 from = 0;
        qint64 length = 0;
        bool exact = true;
    };

    // What the server answered before its body.
    struct Answer {
        QUrl url;          // where it was asked
        QUrl first;        // where the redirects began
        int redirects = 0; // redirects followed before this answer
        int status = 0;
        QString reason; // the status line's reason phrase
        QByteArray location;
        QByteArray contentRange;
        std::optional<qint64> contentLength;
    };

    [[nodiscard]] static Verdict classify(const Request& request, const Answer& answer);
    // For an answer that redirects with a Location: Redirect, or NextMirror when it is not to be
    // followed. Nothing for any other answer.
    [[nodiscard]] static std::optional<Verdict> redirect(const Answer& answer);
    // A transfer that broke off: NextMirror for a certificate not trusted (TLS errors are never
    // ignored), Retry for the network's error.
    [[nodiscard]] static Verdict broken(const QUrl& url, const QStringList& tlsProblems, const QString& networkError);
    // A transfer in which nothing arrived for `timeout`.
    [[nodiscard]] static Error stalled(const QUrl& url, std::chrono::milliseconds timeout);
    // The server's status as a sentence: "URL answered HTTP 503 (Service Unavailable)."
    [[nodiscard]] static Error statusError(const Answer& answer);

    // Redirects may go to https anywhere, or stay on the scheme, host and port the transfer began with.
    [[nodiscard]] static bool redirectAllowed(const QUrl& from, const QUrl& to);
    // The same scheme, host and port (the default port of the scheme when none is given).
    [[nodiscard]] static bool sameOrigin(const QUrl& a, const QUrl& b);
    [[nodiscard]] static bool isRedirect(int status);

    static constexpr int kMaxRedirects = 5;
};
