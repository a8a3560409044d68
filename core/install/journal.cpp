#include "journal.h"

#include "atomicfile.h"

#include "logging.h"
#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include <QFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
const std::pair<Journal::Step, const char*> kNames[] = {
    {Journal::Step::Begin, "begin"},
    {Journal::Step::Staged, "staged"},
    {Journal::Step::Switched, "switched"},
    {Journal::Step::Checked, "checked"},
    {Journal::Step::Reverted, "reverted"},
    {Journal::Step::Done, "done"},
};
} // namespace

QString Journal::toString(Step step)
{
    for (const auto& [value, name] : kNames) {
        if (value == step)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<Journal::Step> Journal::stepFromString(const QString& name)
{
    for (const auto& [value, text] : kNames) {
        if (name == QLatin1StringView(text))
            return value;
    }
    return std::nullopt;
}

std::expected<void, Error> Journal::append(const Entry& entry)
{
    JsonObject line{{"step", toString(entry.step)}, {"time", entry.time.toUTC().toString(Qt::ISODateWithMs)},
        {"from", entry.from}, {"to", entry.to}};
    if (!entry.note.isEmpty())
        line.emplace("note", entry.note.simplified()); // one line, whatever the note held
    const QByteArray bytes = canonicalJson(line) + '\n';
    if (auto appended = appendLineDurably(m_path, bytes); !appended) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot write the journal %1: %2.").arg(m_path, appended.error().message)});
    }
    qCDebug(lcInstall) << "journal:" << toString(entry.step) << entry.from << "->" << entry.to;
    return {};
}

std::expected<std::vector<Journal::Entry>, Error> Journal::pending() const
{
    QFile file(m_path);
    if (!file.exists())
        return std::vector<Entry>{};
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read the journal %1: %2.").arg(m_path, file.errorString())});
    std::vector<Entry> entries;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        auto value = JsonParser().parse(lines[i]);
        const bool last = i == lines.size() - 1; // no newline after it: torn by a crash
        std::optional<Step> step;
        if (value && value->isObject())
            step = stepFromString(value->find("step") ? value->find("step")->toString() : QString());
        if (last)
            break; // no newline after it: torn by a crash, its step never began
        if (!step) {
            // Only a crash in the middle of an append leaves such a line; its step never began.
            qCWarning(lcInstall).noquote()
                << tr("The journal %1 has a torn line %2; it is skipped.").arg(m_path).arg(i + 1);
            continue;
        }
        Entry entry;
        entry.step = *step;
        auto text = [&](std::string_view key) { return value->find(key) ? value->find(key)->toString() : QString(); };
        entry.time = QDateTime::fromString(text("time"), Qt::ISODateWithMs);
        entry.from = text("from");
        entry.to = text("to");
        entry.note = text("note");
        if (entry.step == Step::Begin)
            entries.clear(); // a new change starts; what came before had finished
        entries.push_back(entry);
    }
    if (!entries.empty() && entries.back().step == Step::Done)
        entries.clear();
    return entries;
}

std::expected<void, Error> Journal::clear()
{
    if (QFile::exists(m_path) && !QFile::remove(m_path))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot remove the journal %1.").arg(m_path)});
    return {};
}
