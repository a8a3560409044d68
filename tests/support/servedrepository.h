#pragma once

// A repository folder served by Debian's nginx (LocalNginx) with Upkeep's configuration as server/
// ships it (nginx/upkeep-http.conf, nginx/upkeep-repository.conf), writing its access log and its
// statistics log into a folder of the test's instead of /var/log/nginx.

#include "support/localnginx.h"

#include <QString>

class ServedRepository
{
public:
    // `root`: the repository; `folder`: nginx's own files and the logs; `accessFormat`: the access
    // log's format (a log_format string), or nginx's default when empty. Nothing runs until start().
    ServedRepository(QString root, QString folder, QString accessFormat = {});

    // Starts nginx and waits until it listens; whether it does.
    [[nodiscard]] bool start();

    [[nodiscard]] QString url() const; // http://127.0.0.1:PORT
    [[nodiscard]] QString accessLog() const { return m_folder + QStringLiteral("/access.log"); }
    [[nodiscard]] QString statisticsLog() const { return m_folder + QStringLiteral("/upkeep-statistics.log"); }
    [[nodiscard]] QByteArray errorLog() const { return m_nginx.errorLog(); }

private:
    QString m_root;
    QString m_folder;
    QString m_accessFormat;
    LocalNginx m_nginx;
};
