#include "faultserver.h"

#include "net/repositorysource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kChunk = 64 * 1024;
constexpr qsizetype kMaxHeader = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 416: return "Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// A single byte range of a file of `size` bytes, from a Range header: the first and last byte,
// nothing when the range cannot be satisfied, or no answer at all (`valid` false) when the header
// is not one range, which the server then ignores as HTTP allows.
struct ByteRange {
    bool valid = false;
    std::optional<std::pair<qint64, qint64>> bytes;
};

ByteRange parseRange(const QByteArray& header, qint64 size)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return {};
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return {};
    bool firstOk = false;
    bool lastOk = false;
    const QByteArray firstText = spec.left(dash).trimmed();
    const QByteArray lastText = spec.mid(dash + 1).trimmed();
    if (firstText.isEmpty()) { // the last N bytes
        const qint64 suffix = lastText.toLongLong(&lastOk);
        if (!lastOk || suffix < 0)
            return {};
        if (suffix == 0 || size == 0)
            return {true, std::nullopt};
        return {true, std::pair{std::max<qint64>(size - suffix, 0), size - 1}};
    }
    const qint64 first = firstText.toLongLong(&firstOk);
    const qint64 last = lastText.isEmpty() ? size - 1 : lastText.toLongLong(&lastOk);
    if (!firstOk || first < 0 || (!lastText.isEmpty() && (!lastOk || last < first)))
        return {};
    if (first >= size)
        return {true, std::nullopt};
    return {true, std::pair{first, std::min(last, size - 1)}};
}

// One connection: reads one request, answers it through the faults, closes. The body is sent
// in chunks as the socket drains (and, trickling, as a timer allows), which is where faults that
// shape the stream act. Nothing here blocks, so one thread serves every connection at once.
class Exchange : public QObject
{
public:
    Exchange(QTcpSocket* socket, std::shared_ptr<FaultServer::Shared> shared, QObject* parent)
        : QObject(parent)
        , m_socket(socket)
        , m_shared(std::move(shared))
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &Exchange::readRequest);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &Exchange::pump);
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            settle();
            noteClosed();
            deleteLater();
        });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
            m_finished = true;
            settle();
            noteClosed();
            deleteLater();
        });
    }

    ~Exchange() override
    {
        settle();
        noteClosed();
    }

private:
    void readRequest()
    {
        if (m_answered) {
            m_socket->readAll(); // one request per connection; anything more is ignored
            return;
        }
        m_input += m_socket->readAll();
        const qsizetype end = m_input.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_input.size() > kMaxHeader)
                answerPlain(431);
            return;
        }
        const QList<QByteArray> lines = m_input.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.front().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            answerPlain(400);
            return;
        }
        FaultServer::Request request;
        request.method = requestLine[0];
        const QByteArray target = requestLine[1];
        const qsizetype question = target.indexOf('?');
        request.path = QUrl::fromPercentEncoding(question < 0 ? target : target.left(question));
        if (question >= 0)
            request.query = QString::fromLatin1(target.mid(question + 1));
        if (request.path.startsWith(u'/'))
            request.path.remove(0, 1);
        for (const QByteArray& line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            if (name.compare("user-agent", Qt::CaseInsensitive) == 0)
                request.userAgent = line.mid(colon + 1).trimmed();
            else if (name.compare("range", Qt::CaseInsensitive) == 0)
                request.range = line.mid(colon + 1).trimmed();
        }
        const std::vector<FaultServer::Fault> faults = m_shared->take(request);
        {
            QMutexLocker lock(&m_shared->mutex);
            m_index = m_shared->requests.size() - 1;
            m_shared->requests[m_index].connectionOpen = true;
            m_recorded = true;
            m_counted = true;
            m_shared->peakAnswering = std::max(m_shared->peakAnswering, ++m_shared->answering);
        }
        answer(request, faults);
    }

    void answer(const FaultServer::Request& request, const std::vector<FaultServer::Fault>& faults)
    {
        using Kind = FaultServer::Fault::Kind;
        m_answered = true;
        m_head = request.method == "HEAD";
        if (request.method != "GET" && !m_head) {
            answerPlain(405);
            return;
        }

        int status = 200;
        QByteArray body;
        QByteArray location;
        QByteArray contentRange;
        const QString file = resolve(request.path);
        if (file.isEmpty()) {
            status = 404;
            body = "404 Not Found\n";
        } else {
            QFile input(file);
            if (!input.open(QIODevice::ReadOnly)) {
                answerPlain(500);
                return;
            }
            body = input.readAll();
        }
        bool ignoreRange = false;
        QByteArray reason; // a fault's own reason phrase for the status line
        std::vector<qint64> flips;
        for (const FaultServer::Fault& fault : faults) {
            switch (fault.kind) {
            case Kind::Status:
                status = int(fault.value);
                reason = fault.reason;
                body = QByteArray::number(status) + ' ' + reasonPhrase(status) + '\n';
                break;
            case Kind::Redirect:
                status = fault.value == 0 ? 302 : int(fault.value);
                location = fault.location;
                body.clear();
                break;
            case Kind::EndlessBody: m_endless = true; break;
            case Kind::Stall: m_stallAfter = fault.value; break;
            case Kind::DropAfter: m_dropAfter = fault.value; break;
            case Kind::FlipByte: flips.push_back(fault.value); break;
            case Kind::IgnoreRange: ignoreRange = true; break;
            case Kind::Trickle: startTrickle(fault.value); break;
            case Kind::AnnounceLength: break;
            }
        }
        if (status == 200 && !request.range.isEmpty() && !ignoreRange) {
            const qint64 size = body.size();
            const ByteRange range = parseRange(request.range, size);
            if (range.valid && !range.bytes) {
                status = 416;
                contentRange = "bytes */" + QByteArray::number(size);
                body = "416 Range Not Satisfiable\n";
            } else if (range.valid) {
                const auto [first, last] = *range.bytes;
                status = 206;
                contentRange = "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                    + QByteArray::number(size);
                body = body.mid(first, last - first + 1);
            }
        }
        for (const qint64 offset : flips) {
            if (offset >= 0 && offset < body.size())
                body[offset] = char(~body[offset]);
        }
        std::optional<qint64> announced = body.size();
        if (m_endless)
            announced.reset();
        for (const FaultServer::Fault& fault : faults) {
            if (fault.kind == Kind::AnnounceLength)
                announced = fault.value;
        }
        {
            QMutexLocker lock(&m_shared->mutex);
            m_shared->requests[m_index].status = status;
        }

        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' '
            + (reason.isEmpty() ? reasonPhrase(status) : reason) + "\r\n";
        head += "Server: upkeep-test\r\nConnection: close\r\nAccept-Ranges: bytes\r\n";
        if (announced)
            head += "Content-Length: " + QByteArray::number(*announced) + "\r\n";
        if (!contentRange.isEmpty())
            head += "Content-Range: " + contentRange + "\r\n";
        if (!location.isEmpty())
            head += "Location: " + location + "\r\n";
        if (status == 200 || status == 206)
            head += "Content-Type: application/octet-stream\r\n";
        else
            head += "Content-Type: text/plain\r\n";
        head += "\r\n";
        m_socket->write(head);
        if (m_head) {
            m_body.clear();
            m_endless = false;
        } else {
            m_body = body;
            m_announced = announced;
        }
        pump();
    }

    void answerPlain(int status)
    {
        m_answered = true;
        const QByteArray body = QByteArray::number(status) + ' ' + reasonPhrase(status) + '\n';
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
            + "\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n" + body);
        end();
    }

    // Keeps up to kChunk bytes queued on the socket until the body (if it ends) is out, within
    // the faults' limits: a stall holds, a drop closes, a trickle waits for its timer.
    void pump()
    {
        while (
            !m_finished && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() < kChunk) {
            qint64 room = kChunk;
            if (m_dropAfter) {
                if (m_sent >= *m_dropAfter) {
                    drop();
                    return;
                }
                room = std::min(room, *m_dropAfter - m_sent);
            }
            if (m_stallAfter)
                room = std::min(room, *m_stallAfter - m_sent);
            if (m_trickle)
                room = std::min(room, qint64(m_allowance));
            if (room <= 0)
                return; // stalled or trickling: hold the connection, send nothing more for now
            QByteArray chunk;
            if (m_sent < m_body.size())
                chunk = m_body.mid(m_sent, room);
            else if (m_endless)
                chunk = QByteArray(room, 'x');
            if (chunk.isEmpty()) {
                end();
                return;
            }
            if (m_socket->write(chunk) != chunk.size()) {
                m_finished = true;
                settle();
                return;
            }
            m_sent += chunk.size();
            if (m_trickle)
                m_allowance -= double(chunk.size());
            QMutexLocker lock(&m_shared->mutex);
            m_shared->requests[m_index].bodyBytesSent += chunk.size();
        }
    }

    void startTrickle(qint64 bytesPerSecond)
    {
        constexpr int kInterval = 20; // ms
        m_trickle = std::max<qint64>(bytesPerSecond, 1);
        auto* timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] {
            m_allowance = std::min(m_allowance + double(*m_trickle) * kInterval / 1000.0, double(kChunk));
            pump();
        });
        timer->start(kInterval);
    }

    // Cuts the answer off: once what was sent has gone out, and a moment later (so that the client
    // is reading the body, as when a connection breaks mid-transfer), closes the connection.
    void drop()
    {
        m_finished = true;
        noteCutShort();
        settle();
        auto closeSoon = [this] { QTimer::singleShot(50, this, [this] { m_socket->disconnectFromHost(); }); };
        if (m_socket->bytesToWrite() == 0) {
            closeSoon();
            return;
        }
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this, closeSoon] {
            if (m_socket->bytesToWrite() == 0 && !m_closing) {
                m_closing = true;
                closeSoon();
            }
        });
    }

    // The answer is out (or cut off): close once what is queued has gone.
    void end()
    {
        m_finished = true;
        noteCutShort();
        settle();
        m_socket->disconnectFromHost();
    }

    void noteCutShort()
    {
        if (!m_counted || !m_announced || m_sent >= *m_announced)
            return;
        QMutexLocker lock(&m_shared->mutex);
        m_shared->requests[m_index].cutShort = true;
    }

    void noteClosed()
    {
        if (!m_recorded)
            return;
        m_recorded = false;
        QMutexLocker lock(&m_shared->mutex);
        m_shared->requests[m_index].connectionOpen = false;
    }

    // This request no longer counts as being answered.
    void settle()
    {
        if (!m_counted)
            return;
        m_counted = false;
        QMutexLocker lock(&m_shared->mutex);
        --m_shared->answering;
    }

    // The file a request path names inside the folder, or empty when there is none.
    QString resolve(const QString& path) const
    {
        if (!RepositorySource::isSafePath(path))
            return {};
        const QString root = QFileInfo(m_shared->root).canonicalFilePath();
        const QFileInfo info(root + u'/' + path);
        if (!info.isFile() || !info.canonicalFilePath().startsWith(root + u'/'))
            return {};
        return info.canonicalFilePath();
    }

    QTcpSocket* m_socket;
    std::shared_ptr<FaultServer::Shared> m_shared;
    QByteArray m_input;
    QByteArray m_body;
    size_t m_index = 0;      // of the request in m_shared->requests
    bool m_recorded = false; // m_index names this connection's request
    bool m_counted = false;  // it counts as being answered
    qint64 m_sent = 0;
    std::optional<qint64> m_stallAfter;
    std::optional<qint64> m_dropAfter;
    std::optional<qint64> m_trickle;
    std::optional<qint64> m_announced; // the Content-Length sent with a body
    double m_allowance = 0;            // bytes the trickle may send now
    bool m_answered = false;
    bool m_head = false;
    bool m_endless = false;
    bool m_finished = false;
    bool m_closing = false;
};

} // namespace

std::vector<FaultServer::Fault> FaultServer::Shared::take(const Request& request)
{
    QMutexLocker lock(&mutex);
    requests.push_back(request);
    std::vector<Fault> chosen;
    for (auto& [path, fault] : faults) {
        if ((path == u"*"_s || path == request.path) && fault.times != 0) {
            chosen.push_back(fault);
            if (fault.times > 0)
                --fault.times;
        }
    }
    return chosen;
}

FaultServer::FaultServer(QString root)
    : m_shared(std::make_shared<Shared>())
    , m_thread(std::make_unique<QThread>())
{
    m_shared->root = std::move(root);
    m_thread->setObjectName(u"FaultServer"_s);
    m_thread->start();
    m_server = new QTcpServer;
    m_server->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_server, &QObject::deleteLater);
    QObject::connect(m_server, &QTcpServer::newConnection, m_server, [server = m_server, shared = m_shared] {
        while (QTcpSocket* socket = server->nextPendingConnection())
            new Exchange(socket, shared, server);
    });
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            if (m_server->listen(QHostAddress::LocalHost, 0))
                m_port = m_server->serverPort();
            else
                qWarning("FaultServer: %s", qPrintable(m_server->errorString()));
        },
        Qt::BlockingQueuedConnection);
}

FaultServer::~FaultServer()
{
    m_thread->quit();
    m_thread->wait();
}

quint16 FaultServer::unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when the probe goes
}

QUrl FaultServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QString FaultServer::url(const QString& path) const
{
    return url().toString() + u'/' + path;
}

void FaultServer::addFault(const QString& path, const Fault& fault)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->faults.emplace_back(path, fault);
}

void FaultServer::clearFaults()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->faults.clear();
}

std::vector<FaultServer::Request> FaultServer::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->requests;
}

int FaultServer::peakConcurrentRequests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->peakAnswering;
}
