#include "staticfileserver.h"

#include "net/repositorysource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

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
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// One connection: reads one request, answers it through the faults, closes. The body is sent
// in chunks as the socket drains, which is where faults that shape the stream act.
class Exchange : public QObject
{
public:
    Exchange(QTcpSocket* socket, std::shared_ptr<StaticFileServer::Shared> shared, QObject* parent)
        : QObject(parent)
        , m_socket(socket)
        , m_shared(std::move(shared))
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &Exchange::readRequest);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &Exchange::pump);
        connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
            m_finished = true;
            deleteLater();
        });
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
        StaticFileServer::Request request;
        request.method = requestLine[0];
        QByteArray target = requestLine[1];
        target = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        request.path = QUrl::fromPercentEncoding(target);
        if (request.path.startsWith(u'/'))
            request.path.remove(0, 1);
        for (const QByteArray& line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare("user-agent", Qt::CaseInsensitive) == 0)
                request.userAgent = line.mid(colon + 1).trimmed();
        }
        answer(request, m_shared->take(request));
    }

    void answer(const StaticFileServer::Request& request, const std::vector<StaticFileServer::Fault>& faults)
    {
        using Kind = StaticFileServer::Fault::Kind;
        m_answered = true;
        m_head = request.method == "HEAD";
        if (request.method != "GET" && !m_head) {
            answerPlain(405);
            return;
        }

        int status = 200;
        QByteArray body;
        QByteArray location;
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
        std::optional<qint64> announced = body.size();
        for (const StaticFileServer::Fault& fault : faults) {
            switch (fault.kind) {
            case Kind::Status:
                status = int(fault.value);
                body = QByteArray::number(status) + ' ' + reasonPhrase(status) + '\n';
                announced = body.size();
                break;
            case Kind::Redirect:
                status = fault.value == 0 ? 302 : int(fault.value);
                location = fault.location;
                body.clear();
                announced = 0;
                break;
            case Kind::EndlessBody: m_endless = true; break;
            case Kind::Stall: m_stallAfter = fault.value; break;
            case Kind::AnnounceLength: break;
            }
        }
        if (m_endless)
            announced.reset();
        for (const StaticFileServer::Fault& fault : faults) {
            if (fault.kind == Kind::AnnounceLength)
                announced = fault.value;
        }

        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        head += "Server: upkeep-test\r\nConnection: close\r\n";
        if (announced)
            head += "Content-Length: " + QByteArray::number(*announced) + "\r\n";
        if (!location.isEmpty())
            head += "Location: " + location + "\r\n";
        if (status == 200)
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
        m_socket->disconnectFromHost();
        m_finished = true;
    }

    // Keeps up to kChunk bytes queued on the socket until the body (if it ends) is out.
    void pump()
    {
        while (
            !m_finished && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() < kChunk) {
            QByteArray chunk;
            qint64 room = kChunk;
            if (m_stallAfter)
                room = std::min(room, *m_stallAfter - m_sent);
            if (room <= 0)
                return; // stalled: hold the connection, send nothing more
            if (m_sent < m_body.size())
                chunk = m_body.mid(m_sent, room);
            else if (m_endless)
                chunk = QByteArray(room, 'x');
            if (chunk.isEmpty()) {
                m_finished = true;
                m_socket->disconnectFromHost();
                return;
            }
            if (m_socket->write(chunk) != chunk.size()) {
                m_finished = true;
                return;
            }
            m_sent += chunk.size();
        }
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
    std::shared_ptr<StaticFileServer::Shared> m_shared;
    QByteArray m_input;
    QByteArray m_body;
    qint64 m_sent = 0;
    std::optional<qint64> m_stallAfter;
    bool m_answered = false;
    bool m_head = false;
    bool m_endless = false;
    bool m_finished = false;
};

} // namespace

std::vector<StaticFileServer::Fault> StaticFileServer::Shared::take(const Request& request)
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

StaticFileServer::StaticFileServer(QString root)
    : m_shared(std::make_shared<Shared>())
    , m_thread(std::make_unique<QThread>())
{
    m_shared->root = std::move(root);
    m_thread->setObjectName(u"StaticFileServer"_s);
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
                qWarning("StaticFileServer: %s", qPrintable(m_server->errorString()));
        },
        Qt::BlockingQueuedConnection);
}

StaticFileServer::~StaticFileServer()
{
    m_thread->quit();
    m_thread->wait();
}

QUrl StaticFileServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QString StaticFileServer::url(const QString& path) const
{
    return url().toString() + u'/' + path;
}

void StaticFileServer::addFault(const QString& path, const Fault& fault)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->faults.emplace_back(path, fault);
}

void StaticFileServer::clearFaults()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->faults.clear();
}

std::vector<StaticFileServer::Request> StaticFileServer::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->requests;
}
