#include "junitreport.h"

#include "trialpath.h"

#include <QBuffer>
#include <QSaveFile>
#include <QSysInfo>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace {

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000, 'f', 3);
}

QString kindName(TrialResult::Kind kind)
{
    switch (kind) {
    case TrialResult::Kind::Audit: return u"audit"_s;
    case TrialResult::Kind::Update: return u"update"_s;
    case TrialResult::Kind::FreshInstall: return u"fresh install"_s;
    case TrialResult::Kind::Kill: return u"kill"_s;
    case TrialResult::Kind::Scenario: return u"scenario"_s;
    }
    return u"update"_s;
}

} // namespace

QString JUnitReport::xmlText(const QString& text)
{
    QString safe;
    safe.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const char16_t u = c.unicode();
        if (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') {
            safe.append(QChar(char16_t(0x2400 + u)));
        } else if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            safe.append(c);
            safe.append(text[++i]);
        } else if (c.isSurrogate() || u == 0xfffe || u == 0xffff) {
            safe.append(QChar::ReplacementCharacter);
        } else {
            safe.append(c);
        }
    }
    return safe;
}

QString JUnitReport::className(const TrialResult& result) const
{
    QString kind;
    if (result.kind == TrialResult::Kind::Audit)
        kind = u"repository"_s;
    else if (result.kind == TrialResult::Kind::FreshInstall)
        kind = u"fresh install"_s;
    else if (!result.from.isEmpty())
        kind = u"from "_s + result.from;
    else
        kind = kindName(result.kind);
    return u"%1 %2.%3"_s.arg(m_options.app, m_options.version, kind.replace(u'.', QChar(0x2024)));
}

void JUnitReport::write(QIODevice& device) const
{
    const std::vector<TrialPath> paths = TrialPath::of(m_results);
    int failures = 0;
    int skipped = 0;
    qint64 milliseconds = 0;
    for (const TrialPath& path : paths) {
        failures += path.failures();
        skipped += path.skipped();
        milliseconds += path.milliseconds();
    }
    const QDateTime started = m_options.started.toOffsetFromUtc(m_options.started.offsetFromUtc());
    const QString timestamp = started.toString(Qt::ISODate);
    const QString hostname = m_options.hostname.isEmpty() ? QSysInfo::machineHostName() : m_options.hostname;

    QXmlStreamWriter xml(&device);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(u"testsuites"_s);
    xml.writeAttribute(u"name"_s, xmlText(u"upkeep-publish test %1 %2"_s.arg(m_options.app, m_options.version)));
    xml.writeAttribute(u"tests"_s, QString::number(m_results.size()));
    xml.writeAttribute(u"failures"_s, QString::number(failures));
    xml.writeAttribute(u"errors"_s, u"0"_s);
    xml.writeAttribute(u"skipped"_s, QString::number(skipped));
    xml.writeAttribute(u"time"_s, seconds(milliseconds));
    int id = 0;
    for (const TrialPath& path : paths) {
        xml.writeStartElement(u"testsuite"_s);
        xml.writeAttribute(u"name"_s, xmlText(path.name));
        xml.writeAttribute(u"id"_s, QString::number(id++));
        xml.writeAttribute(u"package"_s, xmlText(u"%1 %2"_s.arg(m_options.app, m_options.version)));
        xml.writeAttribute(u"tests"_s, QString::number(path.trials.size()));
        xml.writeAttribute(u"failures"_s, QString::number(path.failures()));
        xml.writeAttribute(u"errors"_s, u"0"_s);
        xml.writeAttribute(u"skipped"_s, QString::number(path.skipped()));
        xml.writeAttribute(u"time"_s, seconds(path.milliseconds()));
        xml.writeAttribute(u"timestamp"_s, timestamp);
        xml.writeAttribute(u"hostname"_s, xmlText(hostname));
        xml.writeStartElement(u"properties"_s);
        const std::vector<std::pair<QString, QString>> facts{
            {u"app"_s, m_options.app}, {u"version"_s, m_options.version}};
        for (const auto& list : {facts, m_options.properties}) {
            for (const auto& [name, value] : list) {
                xml.writeStartElement(u"property"_s);
                xml.writeAttribute(u"name"_s, xmlText(name));
                xml.writeAttribute(u"value"_s, xmlText(value));
                xml.writeEndElement();
            }
        }
        xml.writeEndElement(); // properties
        for (const TrialResult* trial : path.trials) {
            xml.writeStartElement(u"testcase"_s);
            xml.writeAttribute(u"name"_s, xmlText(trial->fault.isEmpty() ? kindName(trial->kind) : trial->fault));
            xml.writeAttribute(u"classname"_s, xmlText(className(*trial)));
            xml.writeAttribute(u"time"_s, seconds(trial->milliseconds));
            if (trial->skipped) {
                xml.writeStartElement(u"skipped"_s);
                xml.writeAttribute(u"message"_s, xmlText(trial->output.simplified()));
                xml.writeEndElement();
            }
            if (!trial->passed) {
                const QString failure = trial->failure.trimmed().isEmpty() ? tr("It failed without saying why.")
                                                                           : trial->failure.trimmed();
                xml.writeStartElement(u"failure"_s);
                xml.writeAttribute(u"message"_s, xmlText(failure.simplified()));
                xml.writeAttribute(u"type"_s, kindName(trial->kind));
                xml.writeCharacters(xmlText(u"%1, %2: %3"_s.arg(path.name, trial->fault, failure)));
                xml.writeEndElement();
            }
            if (!trial->output.isEmpty())
                xml.writeTextElement(u"system-out"_s, xmlText(trial->output));
            xml.writeEndElement(); // testcase
        }
        xml.writeEndElement(); // testsuite
    }
    xml.writeEndElement(); // testsuites
    xml.writeEndDocument();
}

QByteArray JUnitReport::toXml() const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    write(buffer);
    return bytes;
}

std::expected<void, Error> JUnitReport::save(const QString& file) const
{
    QSaveFile output(file);
    if (!output.open(QIODevice::WriteOnly))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(file, output.errorString())});
    write(output);
    if (!output.commit())
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(file, output.errorString())});
    return {};
}
