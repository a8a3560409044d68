#include "downloadledger.h"

#include "atomicfile.h"
#include "logging.h"

#include <QFile>

using namespace Qt::StringLiterals;

qint64 DownloadLedger::bytes(const QString& version) const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QStringList fields = QString::fromUtf8(file.read(256)).trimmed().split(u' ');
    bool number = false;
    const qint64 bytes = fields.value(1).toLongLong(&number);
    return fields.size() == 2 && fields.first() == version && number && bytes > 0 ? bytes : 0;
}

void DownloadLedger::add(const QString& version, qint64 bytes) const
{
    if (bytes <= 0)
        return;
    const qint64 total = this->bytes(version) + bytes;
    // Only what a history row says depends on it: a failed write is worth a line in the log, no more.
    if (auto written = writeFileAtomically(m_path, u"%1 %2\n"_s.arg(version).arg(total).toUtf8()); !written)
        qCWarning(lcInstall) << "cannot count the downloaded bytes in" << m_path << written.error().message;
}

void DownloadLedger::clear() const
{
    QFile::remove(m_path);
}
