#include "scenario.h"

#include "release/version.h"
#include "json/fieldreader.h"
#include "json/jsonparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

using Fault = Scenario::Fault;
using Expect = Scenario::Expect;

// The names a scenario file gives fault kinds, and how the report says them.
struct FaultName {
    Fault::Kind kind;
    const char* key;
    const char* said;
};
constexpr std::array kFaultNames{
    FaultName{Fault::Kind::DroppedConnection, "drop", "dropped connection"},
    FaultName{Fault::Kind::Stall, "stall", "stall"},
    FaultName{Fault::Kind::TruncatedBody, "truncate", "truncated body"},
    FaultName{Fault::Kind::CorruptedBytes, "corrupt", "corrupted bytes"},
    FaultName{Fault::Kind::RangeIgnored, "ignore-range", "Range ignored"},
    FaultName{Fault::Kind::NotFound, "404", "404 from the first mirror"},
    FaultName{Fault::Kind::Unavailable, "503", "503 from the first mirror"},
    FaultName{Fault::Kind::Missing, "missing", "missing on every mirror"},
};

constexpr std::array kTargets{
    std::pair{Fault::Target::Patches, "patches"},
    std::pair{Fault::Target::Objects, "objects"},
    std::pair{Fault::Target::Bundle, "bundle"},
    std::pair{Fault::Target::Manifest, "manifest"},
};

constexpr std::array kOutcomes{
    std::pair{Expect::Outcome::Installed, "installed"},
    std::pair{Expect::Outcome::RolledBack, "rolled back"},
    std::pair{Expect::Outcome::Failed, "failed"},
};

QString choices(const QStringList& names)
{
    return names.join(u", "_s);
}

// Fails `reader` when its object has members other than `known`.
void onlyKnown(FieldReader& reader, std::initializer_list<std::string_view> known, const QString& where)
{
    const JsonObject rest = reader.unrecognized(known);
    if (rest.empty())
        return;
    QStringList names;
    for (std::string_view key : known)
        names.append(QString::fromUtf8(key.data(), qsizetype(key.size())));
    reader.fail(Scenario::tr("%1 has no field \"%2\"; it takes %3")
                    .arg(where, QString::fromStdString(rest.begin()->first), choices(names)));
}

QString versionField(FieldReader& reader, std::string_view key)
{
    const QString text = reader.string(key);
    if (reader.ok() && !Version::parse(text))
        reader.fail(Scenario::tr("%1 must be a version such as 1.5.0, not \"%2\"").arg(reader.where(key), text));
    return text;
}

} // namespace

std::expected<Scenario, Error> Scenario::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, tr("cannot read the scenario %1: %2.").arg(path, file.errorString())});
    return parse(file.readAll(), path);
}

std::expected<Scenario, Error> Scenario::parse(QByteArrayView json, const QString& file)
{
    auto document = JsonParser(JsonLimits{.maxBytes = 1024 * 1024, .maxDepth = 16}).parse(json);
    if (!document)
        return std::unexpected(document.error().prefixed(file));
    FieldReader reader(*document, file, {});
    onlyKnown(reader, {"name", "steps"}, tr("the scenario"));
    Scenario scenario;
    scenario.file = file;
    scenario.name = reader.has("name") ? reader.string("name") : QFileInfo(file).completeBaseName();
    const JsonArray& steps = reader.array("steps");
    if (reader.ok() && steps.empty())
        reader.fail(tr("steps is empty: a scenario needs at least an install and an expect"));
    bool installed = false;
    for (std::size_t i = 0; i < steps.size() && reader.ok(); ++i) {
        const QString where = u"steps[%1]"_s.arg(i);
        FieldReader stepReader = reader.child(steps[i], where);
        if (!stepReader.ok())
            break;
        if (steps[i].toObject().size() != 1) {
            stepReader.fail(
                tr("%1 must have exactly one member, the step: publish, install, fault, update, kill or expect")
                    .arg(where));
            break;
        }
        auto action = step(stepReader, where, scenario);
        if (!action)
            break;
        const bool needsInstallation = !std::holds_alternative<Publish>(*action)
            && !std::holds_alternative<Install>(*action) && !std::holds_alternative<Fault>(*action);
        if (needsInstallation && !installed) {
            stepReader.fail(tr("%1 acts on an installation, but no install step comes before it").arg(where));
            break;
        }
        installed = installed || std::holds_alternative<Install>(*action);
        scenario.steps.push_back({int(i) + 1, std::move(*action)});
    }
    if (reader.ok()
        && !std::ranges::any_of(scenario.steps, [](const Step& s) { return std::holds_alternative<Expect>(s.action); }))
        reader.fail(tr("no expect step: a scenario must say where the installation ends"));
    if (!reader.ok())
        return std::unexpected(reader.error());
    return scenario;
}

std::optional<Scenario::Action> Scenario::step(FieldReader& reader, const QString& where, const Scenario& scenario)
{
    if (reader.has("install")) {
        Install install{versionField(reader, "install")};
        return reader.ok() ? std::optional<Action>(install) : std::nullopt;
    }
    if (reader.has("publish")) {
        FieldReader fields = reader.nested("publish");
        onlyKnown(fields, {"version", "from", "channel", "health_check"}, where + u".publish"_s);
        Publish publish;
        publish.version = versionField(fields, "version");
        const QString source = fields.string("from");
        publish.source = QDir::isAbsolutePath(source) || source.isEmpty()
            ? source
            : QFileInfo(scenario.file).absoluteDir().filePath(source);
        if (fields.has("channel"))
            publish.channel = fields.string("channel");
        if (fields.has("health_check"))
            publish.healthCheck = fields.string("health_check");
        return reader.ok() ? std::optional<Action>(publish) : std::nullopt;
    }
    if (reader.has("update")) {
        FieldReader fields = reader.nested("update");
        onlyKnown(fields, {}, where + u".update"_s);
        return reader.ok() ? std::optional<Action>(Update{}) : std::nullopt;
    }
    if (reader.has("kill")) {
        FieldReader fields = reader.nested("kill");
        onlyKnown(fields, {"after_ms"}, where + u".kill"_s);
        Kill kill;
        if (fields.has("after_ms"))
            kill.afterMs = fields.integer("after_ms");
        return reader.ok() ? std::optional<Action>(kill) : std::nullopt;
    }
    if (reader.has("fault")) {
        const JsonValue* value = reader.find("fault");
        Fault fault;
        if (value->isString()) {
            if (value->toString() != u"clear"_s) {
                reader.fail(tr("%1.fault is \"clear\" or an object with kind and on, not \"%2\"")
                                .arg(where, value->toString()));
                return std::nullopt;
            }
            fault.kind = Fault::Kind::Clear;
            return fault;
        }
        FieldReader fields = reader.nested("fault");
        onlyKnown(fields, {"kind", "on", "times"}, where + u".fault"_s);
        const QString kind = fields.string("kind");
        const QString on = fields.string("on");
        if (fields.has("times"))
            fault.times = int(std::min<qint64>(fields.integer("times", 1), 1000000));
        if (!reader.ok())
            return std::nullopt;
        const auto* name
            = std::ranges::find_if(kFaultNames, [&](const FaultName& n) { return kind == QLatin1String(n.key); });
        if (name == kFaultNames.end()) {
            QStringList keys;
            for (const FaultName& n : kFaultNames)
                keys.append(QString::fromLatin1(n.key));
            reader.fail(tr("%1.fault.kind must be one of %2, not \"%3\"").arg(where, choices(keys), kind));
            return std::nullopt;
        }
        fault.kind = name->kind;
        const auto* target
            = std::ranges::find_if(kTargets, [&](const auto& t) { return on == QLatin1String(t.second); });
        if (target != kTargets.end()) {
            fault.on = target->first;
        } else if (on.contains(u'/') && !on.startsWith(u'/') && !on.split(u'/').contains(u".."_s)) {
            fault.on = Fault::Target::Path;
            fault.path = on;
        } else {
            reader.fail(tr("%1.fault.on must be patches, objects, bundle, manifest or a path in the repository such as "
                           "objects/SHA256.zst, not \"%2\"")
                            .arg(where, on));
            return std::nullopt;
        }
        return fault;
    }
    if (reader.has("expect")) {
        FieldReader fields = reader.nested("expect");
        onlyKnown(fields, {"version", "exact", "outcome", "health_check", "fetched_at_most", "error_contains"},
            where + u".expect"_s);
        Expect expect;
        if (fields.has("version"))
            expect.version = versionField(fields, "version");
        if (fields.has("exact"))
            expect.exact = fields.boolean("exact");
        if (fields.has("outcome")) {
            const QString text = fields.string("outcome");
            const auto* outcome
                = std::ranges::find_if(kOutcomes, [&](const auto& o) { return text == QLatin1String(o.second); });
            if (reader.ok() && outcome == kOutcomes.end())
                fields.fail(
                    tr("%1.expect.outcome must be installed, rolled back or failed, not \"%2\"").arg(where, text));
            else if (reader.ok())
                expect.outcome = outcome->first;
        }
        if (fields.has("health_check")) {
            const QString text = fields.string("health_check");
            if (reader.ok() && text != u"passed"_s && text != u"failed"_s)
                fields.fail(tr("%1.expect.health_check must be passed or failed, not \"%2\"").arg(where, text));
            expect.healthCheckPassed = text == u"passed"_s;
        }
        if (fields.has("fetched_at_most"))
            expect.fetchedAtMost = fields.integer("fetched_at_most");
        if (fields.has("error_contains"))
            expect.errorContains = fields.string("error_contains");
        if (reader.ok() && !expect.version && !expect.exact && !expect.outcome && !expect.healthCheckPassed
            && !expect.fetchedAtMost && expect.errorContains.isEmpty())
            reader.fail(tr("%1.expect checks nothing: give version, exact, outcome, health_check, fetched_at_most or "
                           "error_contains")
                            .arg(where));
        return reader.ok() ? std::optional<Action>(expect) : std::nullopt;
    }
    reader.fail(tr("%1 is no step: \"%2\"; the steps are publish, install, fault, update, kill and expect")
                    .arg(where, QString::fromStdString(reader.unrecognized({}).begin()->first)));
    return std::nullopt;
}

QString Scenario::toString(Fault::Kind kind)
{
    if (kind == Fault::Kind::Clear)
        return u"clear"_s;
    const auto* name = std::ranges::find_if(kFaultNames, [&](const FaultName& n) { return n.kind == kind; });
    return QString::fromLatin1(name->said);
}

QString Scenario::toString(Expect::Outcome outcome)
{
    return QString::fromLatin1(
        std::ranges::find_if(kOutcomes, [&](const auto& o) { return o.first == outcome; })->second);
}

QString Scenario::Step::describe() const
{
    struct Describe {
        QString operator()(const Publish& p) const { return u"publish %1"_s.arg(p.version); }
        QString operator()(const Install& i) const { return u"install %1"_s.arg(i.version); }
        QString operator()(const Update&) const { return u"update"_s; }
        QString operator()(const Kill& k) const
        {
            return k.afterMs ? u"kill at %1 ms"_s.arg(*k.afterMs) : u"kill at a random moment"_s;
        }
        QString operator()(const Fault& f) const
        {
            if (f.kind == Fault::Kind::Clear)
                return u"clear the faults"_s;
            QString on = f.on == Fault::Target::Path
                ? f.path
                : QString::fromLatin1(
                    std::ranges::find_if(kTargets, [&](const auto& t) { return t.first == f.on; })->second);
            return u"fault: %1 on %2"_s.arg(toString(f.kind), on);
        }
        QString operator()(const Expect& e) const
        {
            QStringList parts;
            if (e.version)
                parts.append(u"version %1"_s.arg(*e.version));
            if (e.exact)
                parts.append(u"exact"_s);
            if (e.outcome)
                parts.append(toString(*e.outcome));
            if (e.healthCheckPassed)
                parts.append(*e.healthCheckPassed ? u"health check passed"_s : u"health check failed"_s);
            if (e.fetchedAtMost)
                parts.append(u"at most %1 bytes fetched"_s.arg(*e.fetchedAtMost));
            if (!e.errorContains.isEmpty())
                parts.append(u"an error saying \"%1\""_s.arg(e.errorContains));
            return u"expect "_s + parts.join(u", "_s);
        }
    };
    return u"step %1, %2"_s.arg(number).arg(std::visit(Describe{}, action));
}
