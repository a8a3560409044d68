#include "servedrepository.h"

#include "support/testfiles.h"

using namespace Qt::StringLiterals;

ServedRepository::ServedRepository(QString root, QString folder, QString accessFormat)
    : m_root(std::move(root))
    , m_folder(std::move(folder))
    , m_accessFormat(std::move(accessFormat))
    , m_nginx(m_folder)
{ }

bool ServedRepository::start()
{
    const QString serverDir = QStringLiteral(UPKEEP_SERVER_DIR);
    QByteArray repositoryConf = readTestFile(serverDir + u"/nginx/upkeep-repository.conf"_s);
    if (!repositoryConf.contains("/var/log/nginx/upkeep-statistics.log"))
        return false;
    repositoryConf.replace("/var/log/nginx/", m_folder.toUtf8() + '/');
    if (!tryWriteTestFile(m_folder + u"/upkeep-repository.conf"_s, repositoryConf))
        return false;
    const QString accessLog = m_accessFormat.isEmpty()
        ? u"  access_log %1;"_s.arg(this->accessLog())
        : u"  log_format test '%1';\n  access_log %2 test;"_s.arg(m_accessFormat, this->accessLog());
    return m_nginx.start(uR"(%1
  include %2/nginx/upkeep-http.conf;
  server {
    listen 127.0.0.1:%3;
    root %4;
    include %5/upkeep-repository.conf;
  }
)"_s.arg(accessLog, serverDir, QString::number(m_nginx.port()), m_root, m_folder));
}

QString ServedRepository::url() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_nginx.port());
}
