#pragma once

#include "install/history.h"
#include "install/installationconfig.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

class HttpRequestPolicy;
class QNetworkAccessManager;

// The anonymous statistics the user may allow in the settings: one GET of
// MIRROR/statistics/event?app=…&outcome=…&id=… per history event, to the installation's first
// http(s) mirror, telling the publisher which version went in and whether it worked. Only fixed
// fields go out (no reason text, health output, path, user or host name), and the id is a
// one-way hash of the install id, never the id itself. Sent in the background through an
// HttpExchange, never retried; a ping that fails is only logged. Lives on the GUI thread; the
// caller checks the preference.
class StatisticsPing : public QObject
{
    Q_OBJECT

public:
    // What a ping says about the machine and the program, besides the event.
    struct Platform {
        QString os;     // "debian-12": QSysInfo's product type and version
        QString arch;   // "x86_64": QSysInfo::currentCpuArchitecture()
        QString upkeep; // this program's version

        [[nodiscard]] static Platform current();
    };

    explicit StatisticsPing(QObject* parent = nullptr);

    // Starts the ping for `record`; finished() follows. `requests` makes the requests to config's
    // mirror, its certificate authority file already read (InstallationSnapshot::requests), so that
    // no file is read here on the GUI thread. Returns false, sending nothing, when no mirror is http
    // or https or `requests` is null or cannot make a request.
    bool send(const InstallationConfig& config, const std::shared_ptr<HttpRequestPolicy>& requests,
        const History::Record& record);

    // A ping that receives nothing for this long is given up (15 s unless changed).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // The address a ping for `record` goes to; empty when no mirror is http or https.
    [[nodiscard]] static QUrl url(const InstallationConfig& config, const History::Record& record,
        const Platform& platform = Platform::current());
    // The id a ping carries: 16 hex digits of a salted SHA-256 of the install id, the same for
    // every ping of an installation but not the install id, which also seeds its rollout buckets.
    [[nodiscard]] static QString anonymousId(const QString& installId);

Q_SIGNALS:
    // The ping to `url` is over: `delivered` when the server answered it with a 2xx status.
    void finished(const QUrl& url, bool delivered);

private:
    QNetworkAccessManager* m_network;
    std::chrono::milliseconds m_timeout = std::chrono::seconds(15);
};
