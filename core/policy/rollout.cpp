#include "rollout.h"

#include <QCryptographicHash>
#include <QtEndian>

int rolloutBucket(const QString& installId, const QString& app, const QString& version)
{
    const QByteArray digest
        = QCryptographicHash::hash((installId + u'\n' + app + u'\n' + version).toUtf8(), QCryptographicHash::Sha256);
    return int(qFromBigEndian<quint64>(digest.constData()) % 100);
}

bool rolloutAdmits(int percent, const QString& installId, const QString& app, const QString& version)
{
    return rolloutBucket(installId, app, version) < percent;
}
