#include "journal.h"

#include "logging.h"
#include "json/jsonlines.h"

#include <QFile>

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
    if (auto appended = JsonLines(m_path).append(line); !appended) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot write the journal %1: %2.").arg(m_path, appended.error().message)});
    }
    qCDebug(lcInstall) << "journal:" << toString(entry.step) << entry.from << "->" << entry.to;
    return {};
}

std::expected<std::vector<Journal::Entry>, Error> Journal::pending() const
{
    // Only a crash in the middle of an append leaves a line that is not a whole step; that step
    // never began.
    auto torn
        = [this](int number) {
              qCWarning(lcInstall).noquote()
                  << tr("The journal %1 has a torn line %2; it is skipped.").arg(m_path).arg(number);
          };
    auto lines = JsonLines(m_path).read(torn);
    if (!lines)
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read the journal %1: %2.").arg(m_path, lines.error().message)});
    std::vector<Entry> entries;
    for (const JsonLines::Line& line : *lines) {
        auto text
            = [&](std::string_view key) { return line.value.find(key) ? line.value.find(key)->toString() : QString(); };
        const std::optional<Step> step = stepFromString(text("step"));
        if (!step) {
            torn(line.number);
            continue;
        }
        Entry entry;
        entry.step = *step;
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
