#include "timestampvalidators.h"

#include "atomicfile.h"
#include "logging.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

QString TimestampValidators::fileBeside(const QString& stateFile)
{
    const QFileInfo state(stateFile);
    return state.path() + u'/' + state.completeBaseName() + u"-etags.json"_s;
}

TimestampValidators TimestampValidators::load(const QString& file)
{
    TimestampValidators validators(file);
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return validators;
    auto document = JsonParser(JsonLimits{.maxBytes = 64 * 1024, .maxDepth = 2}).parse(in.readAll());
    if (!document || !document->isObject()) {
        qCInfo(lcTrust) << file << "ignored: not a JSON object";
        return validators;
    }
    for (const auto& [mirror, value] : document->toObject()) {
        if (value.isString())
            validators.m_validators.emplace(QString::fromStdString(mirror), QByteArray::fromStdString(value.toUtf8()));
    }
    return validators;
}

void TimestampValidators::save() const
{
    if (!m_changed)
        return;
    JsonObject all;
    for (const auto& [mirror, validator] : m_validators)
        all.emplace(mirror.toStdString(), JsonValue(QString::fromUtf8(validator)));
    if (auto written = writeFileAtomically(m_file, prettyJson(all)); !written)
        qCInfo(lcTrust) << "cannot keep the timestamp's ETags:" << written.error().message;
}

QByteArray TimestampValidators::of(const QString& mirror) const
{
    const auto it = m_validators.find(mirror);
    return it == m_validators.end() ? QByteArray() : it->second;
}

void TimestampValidators::set(const QString& mirror, const QByteArray& validator)
{
    if (validator == of(mirror))
        return;
    if (validator.isEmpty())
        m_validators.erase(mirror);
    else
        m_validators.insert_or_assign(mirror, validator);
    m_changed = true;
}
