#pragma once

// A small HTTP/1.1 server for tests: serves one folder read-only on 127.0.0.1 (GET and HEAD,
// one request per connection), from its own thread, so that a blocking fetch on the test's
// thread gets its answer. Faults, added per path, make it a bad server: a wrong status, a body
// that never ends, a Content-Length that lies, a stall, a redirect.

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <vector>

class QThread;
class QTcpServer;

class StaticFileServer
{
public:
    // How one response goes wrong. Faults on the same request combine (a 500 with an endless
    // body); each applies to `path` (relative to the folder) or to every path for "*".
    struct Fault {
        enum class Kind {
            Status,         // answer `value` (404, 410, 500, 503, …) with a short page instead of the file
            EndlessBody,    // after the body, keep sending bytes until the client hangs up; no Content-Length
            AnnounceLength, // send Content-Length: `value`, whatever the body is
            Stall,          // send the headers and `value` bytes of body, then nothing, holding the connection
            Redirect,       // answer `value` (302 when 0) with Location: `location`
        };

        Kind kind = Kind::Status;
        qint64 value = 0;
        QByteArray location;
        int times = -1; // how many requests it spoils before it goes away; -1 for all of them

        static Fault status(int code) { return {Kind::Status, code, {}, -1}; }
        static Fault endlessBody() { return {Kind::EndlessBody, 0, {}, -1}; }
        static Fault announceLength(qint64 length) { return {Kind::AnnounceLength, length, {}, -1}; }
        static Fault stall(qint64 afterBytes = 0) { return {Kind::Stall, afterBytes, {}, -1}; }
        static Fault redirect(const QByteArray& to, int code = 302) { return {Kind::Redirect, code, to, -1}; }
    };

    // One request as the server saw it.
    struct Request {
        QByteArray method;
        QString path; // decoded, without the leading "/"
        QByteArray userAgent;
    };

    explicit StaticFileServer(QString root);
    ~StaticFileServer();
    Q_DISABLE_COPY(StaticFileServer)

    [[nodiscard]] bool isListening() const { return m_port != 0; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QUrl url() const;                       // http://127.0.0.1:PORT
    [[nodiscard]] QString url(const QString& path) const; // http://127.0.0.1:PORT/path

    void addFault(const QString& path, const Fault& fault);
    void clearFaults();
    [[nodiscard]] std::vector<Request> requests() const;

    // What the serving thread shares with the test's thread.
    struct Shared {
        QString root;
        mutable QMutex mutex;
        std::vector<std::pair<QString, Fault>> faults;
        std::vector<Request> requests;

        // Records the request and returns the faults for it, using up the counted ones.
        std::vector<Fault> take(const Request& request);
    };

private:
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<QThread> m_thread;
    QTcpServer* m_server = nullptr; // lives in m_thread
    quint16 m_port = 0;
};
