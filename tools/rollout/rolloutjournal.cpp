#include "rolloutjournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

RolloutJournal::RolloutJournal(const QString& repository)
    : m_path(repository + u"/.upkeep-publish/rollout.log"_s)
{ }

std::expected<void, Error> RolloutJournal::append(const QDateTime& time, const QString& app, const QString& version,
    const QString& channel, const QString& what) const
{
    if (!QDir().mkpath(QFileInfo(m_path).path()))
        return std::unexpected(Error{Error::Code::Io, u"cannot make the folder of %1."_s.arg(m_path)});
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return std::unexpected(Error{Error::Code::Io, u"cannot write %1: %2"_s.arg(m_path, file.errorString())});
    const QString line = u"%1 %2 %3 %4 %5\n"_s.arg(
        time.toUTC().toString(Qt::ISODate), app, version, channel, QString(what).replace(u'\n', u' '));
    if (file.write(line.toUtf8()) < 0)
        return std::unexpected(Error{Error::Code::Io, u"cannot write %1: %2"_s.arg(m_path, file.errorString())});
    return {};
}
