#include "checknote.h"

#include "atomicfile.h"
#include "logging.h"
#include "json/fieldreader.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QFile>
#include <QMetaEnum>

CheckNote::CheckNote(const InstallLayout& layout)
    : m_lastCheck(layout.lastCheckFile())
    , m_failure(layout.checkFailureFile())
{ }

// Only what the window says of the checks depends on these files: a failed write is logged, no more.
void CheckNote::succeeded(const QDateTime& when) const
{
    if (auto written = writeFileAtomically(m_lastCheck, when.toUTC().toString(Qt::ISODateWithMs).toUtf8()); !written)
        qCWarning(lcInstall) << "cannot note the time of the check:" << written.error().message;
    QFile::remove(m_failure);
}

void CheckNote::failed(const Error& error) const
{
    const JsonObject note{{"code", QString::fromLatin1(QMetaEnum::fromType<Error::Code>().valueToKey(int(error.code)))},
        {"message", error.message}};
    if (auto written = writeFileAtomically(m_failure, prettyJson(note)); !written)
        qCWarning(lcInstall) << "cannot note the failed check:" << written.error().message;
}

QDateTime CheckNote::lastSuccess() const
{
    QFile file(m_lastCheck);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QDateTime::fromString(QString::fromLatin1(file.read(64)).trimmed(), Qt::ISODateWithMs).toUTC();
}

std::optional<Error> CheckNote::failure() const
{
    QFile file(m_failure);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto document = JsonParser().parse(file.read(64 * 1024));
    if (!document)
        return std::nullopt;
    FieldReader reader(*document, m_failure, QString());
    bool known = false;
    const int code = QMetaEnum::fromType<Error::Code>().keyToValue(reader.string("code").toLatin1(), &known);
    Error error{known ? Error::Code(code) : Error::Code::Internal, reader.string("message")};
    return reader.ok() ? std::optional<Error>(error) : std::nullopt;
}
