#include "localnginx.h"

#include "faultserver.h"
#include "support/testfiles.h"

#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;

LocalNginx::LocalNginx(QString folder)
    : m_folder(std::move(folder))
    , m_port(FaultServer::unusedPort())
{ }

LocalNginx::~LocalNginx()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }
}

QString LocalNginx::program()
{
    return QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s, u"/usr/bin"_s});
}

QByteArray LocalNginx::errorLog() const
{
    return readTestFile(m_folder + u"/error.log"_s);
}

bool LocalNginx::start(const QString& http)
{
    const QString config = uR"(worker_processes 1;
error_log %1/error.log;
pid %1/nginx.pid;
%2
events { worker_connections 64; }
http {
  client_body_temp_path %1/body; proxy_temp_path %1/proxy; fastcgi_temp_path %1/fastcgi;
  uwsgi_temp_path %1/uwsgi; scgi_temp_path %1/scgi;
%3
}
)"_s.arg(m_folder,
        ::geteuid() == 0 ? u"user root root;"_s : QString(), // the test's folders are private to their owner
        http);
    const QString configFile = m_folder + u"/nginx.conf"_s;
    if (m_port == 0 || !tryWriteTestFile(configFile, config.toUtf8()))
        return false;
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.start(program(), {u"-p"_s, m_folder, u"-c"_s, configFile, u"-g"_s, u"daemon off;"_s});
    if (!m_process.waitForStarted())
        return false;
    for (int i = 0; i < 100 && m_process.state() == QProcess::Running; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(100))
            return true;
        QTest::qWait(50);
    }
    return false;
}
