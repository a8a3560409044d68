#pragma once

#include "net/httprequestpolicy.h"
#include "net/repositorysource.h"

#include <QCoreApplication>
#include <QMutex>
#include <QUrl>

#include <chrono>
#include <vector>

class QNetworkAccessManager;

// A repository on a web server or CDN (an http:// or https:// base URL), fetched with
// HttpExchange. fetch() blocks: it runs a local event loop until the file is in, so it is for
// worker threads and the command line, never the GUI thread. Each thread that fetches gets its
// own network access manager (made on its first fetch), so threads do not share one.
class HttpSource : public RepositorySource
{
    Q_DECLARE_TR_FUNCTIONS(HttpSource)

public:
    struct Options {
        // A PEM file of the only certificate authorities to trust (a private repository, a test's
        // throw-away CA); empty for the system's store. TLS errors are never ignored.
        QString caFile;
        // A private repository's credentials, sent to their own origin only.
        HttpCredentials credentials = {};
        // A transfer that receives nothing for this long fails.
        std::chrono::milliseconds stallTimeout = std::chrono::seconds(30);
    };

    HttpSource(const QString& baseUrl, Options options);
    explicit HttpSource(const QString& baseUrl)
        : HttpSource(baseUrl, Options{})
    { }
    ~HttpSource() override;
    Q_DISABLE_COPY(HttpSource)

    [[nodiscard]] QString name() const override { return m_name; }
    // GETs base/path, following redirects as HttpExchange does. Refuses a body longer than
    // maxLength (announced or arriving) without reading it on.
    [[nodiscard]] std::expected<QByteArray, Error> fetch(const QString& path, qint64 maxLength) override;
    // With If-None-Match: `validator` when set; the answer's ETag comes back for the next call.
    [[nodiscard]] std::expected<Fetched, Error> fetchIfChanged(
        const QString& path, qint64 maxLength, const QByteArray& validator) override;

    // How far Qt's network thread reads ahead of fetch(): bounded, so that an endless body cannot
    // keep that thread busy after fetch() has refused it.
    static constexpr qint64 kReadAhead = 256 * 1024;

private:
    QNetworkAccessManager* managerForThisThread();

    QUrl m_base; // empty when the address is not http:// or https://
    QString m_name;
    Options m_options;
    HttpRequestPolicy m_policy;
    QMutex m_mutex; // guards m_managers
    std::vector<QNetworkAccessManager*> m_managers;
};
