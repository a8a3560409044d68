#pragma once

// A small HTTP/1.1 server that misbehaves on purpose: serves one folder read-only on 127.0.0.1
// (GET and HEAD, single byte ranges, one request per connection), from its own thread, so that a
// blocking fetch on the caller's thread gets its answer. `upkeep-publish test` updates through it,
// and Upkeep's own tests use it. Every connection is served without blocking the others,
// so a trickling answer and a fast one go side by side. Faults, added per path, make it a bad
// server: a wrong status, a body that never ends or is cut off, a Content-Length that lies, a
// stall, a redirect, a flipped byte, Range ignored, a trickle.

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <vector>

class QThread;
class QTcpServer;

class FaultServer
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
            DropAfter,      // send `value` bytes of body, then (a moment later) close the connection
            FlipByte,       // send the byte at body offset `value` with its bits flipped
            IgnoreRange,    // answer a Range request with 200 and the whole file
            Trickle,        // send the body at `value` bytes per second
        };

        Kind kind = Kind::Status;
        qint64 value = 0;
        QByteArray location;
        int times = -1;    // how many requests it spoils before it goes away; -1 for all of them
        QByteArray reason; // for Status: the reason phrase to send, when not the usual one

        // `phrase`: the status line's reason phrase instead of the usual one ("Not Found", …).
        static Fault status(int code, const QByteArray& phrase = {}) { return {Kind::Status, code, {}, -1, phrase}; }
        static Fault endlessBody() { return {Kind::EndlessBody, 0, {}, -1, {}}; }
        static Fault announceLength(qint64 length) { return {Kind::AnnounceLength, length, {}, -1, {}}; }
        static Fault stall(qint64 afterBytes = 0) { return {Kind::Stall, afterBytes, {}, -1, {}}; }
        static Fault redirect(const QByteArray& to, int code = 302) { return {Kind::Redirect, code, to, -1, {}}; }
        static Fault dropAfter(qint64 bytes) { return {Kind::DropAfter, bytes, {}, -1, {}}; }
        static Fault flipByte(qint64 offset) { return {Kind::FlipByte, offset, {}, -1, {}}; }
        static Fault ignoreRange() { return {Kind::IgnoreRange, 0, {}, -1, {}}; }
        static Fault trickle(qint64 bytesPerSecond) { return {Kind::Trickle, bytesPerSecond, {}, -1, {}}; }

        // This fault for the next `requests` requests only.
        [[nodiscard]] Fault only(int requests) const
        {
            Fault fault = *this;
            fault.times = requests;
            return fault;
        }
    };

    // One request as the server saw it.
    struct Request {
        QByteArray method;
        QString path;  // decoded, without the leading "/" and without the query
        QString query; // what followed "?", as sent (percent-encoded; QUrlQuery reads it); empty when none
        QByteArray userAgent;
        QByteArray range;            // the Range header; empty when there was none
        int status = 0;              // what the server answered
        qint64 bodyBytesSent = 0;    // of the answer's body, handed to the connection
        bool cutShort = false;       // the server closed the connection before the length it announced
        bool connectionOpen = false; // the connection it came on is still open
    };

    explicit FaultServer(QString root);
    ~FaultServer();
    Q_DISABLE_COPY(FaultServer)

    // A port on 127.0.0.1 that nothing listens on now: for a server the test starts itself, or for
    // a connection that must be refused.
    [[nodiscard]] static quint16 unusedPort();

    [[nodiscard]] bool isListening() const { return m_port != 0; }
    [[nodiscard]] const QString& root() const { return m_shared->root; } // the folder it serves
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QUrl url() const;                       // http://127.0.0.1:PORT
    [[nodiscard]] QString url(const QString& path) const; // http://127.0.0.1:PORT/path

    void addFault(const QString& path, const Fault& fault);
    void clearFaults();
    [[nodiscard]] std::vector<Request> requests() const;
    // The most requests that were being answered at the same time.
    [[nodiscard]] int peakConcurrentRequests() const;

    // What the serving thread shares with the test's thread.
    struct Shared {
        QString root;
        mutable QMutex mutex;
        std::vector<std::pair<QString, Fault>> faults;
        std::vector<Request> requests;
        int answering = 0; // requests being answered now
        int peakAnswering = 0;

        // Records the request (at index `requests.size() - 1`) and returns the faults for it,
        // using up the counted ones.
        std::vector<Fault> take(const Request& request);
    };

private:
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<QThread> m_thread;
    QTcpServer* m_server = nullptr; // lives in m_thread
    quint16 m_port = 0;
};
