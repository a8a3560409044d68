#pragma once

// Debian's nginx, run by a test on 127.0.0.1 with everything it writes (configuration, pid, error
// log, temporary folders) in a folder of the test's, and stopped when it goes.

#include <QProcess>
#include <QString>

class LocalNginx
{
public:
    // Nothing runs until start(); the port is chosen now, so that the configuration can name it.
    explicit LocalNginx(QString folder);
    ~LocalNginx();
    Q_DISABLE_COPY_MOVE(LocalNginx)

    // The nginx program; empty when it is not installed.
    [[nodiscard]] static QString program();

    [[nodiscard]] quint16 port() const { return m_port; }
    // What nginx complained about, for a failure message.
    [[nodiscard]] QByteArray errorLog() const;

    // Starts nginx with `http` (directives and `server` blocks, listening on 127.0.0.1:port())
    // inside its http block, and waits until it listens; whether it does.
    [[nodiscard]] bool start(const QString& http);

private:
    QString m_folder;
    quint16 m_port;
    QProcess m_process;
};
