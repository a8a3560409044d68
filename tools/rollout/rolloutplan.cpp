#include "rolloutplan.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

Error misuse(const QString& message)
{
    return Error{Error::Code::Usage, message};
}

Error malformed(const char* field)
{
    return Error{Error::Code::InvalidInput,
        u"The release's rollout plan has no valid \"%1\"; set it again with --plan."_s.arg(QLatin1StringView(field))};
}

constexpr std::pair<char, qint64> kUnits[] = {{'d', 24 * 3600}, {'h', 3600}, {'m', 60}, {'s', 1}};

} // namespace

std::optional<int> RolloutPlan::nextStep(int share) const
{
    for (int step : steps) {
        if (step > share)
            return step;
    }
    return std::nullopt;
}

JsonValue RolloutPlan::toJson() const
{
    JsonArray stepValues;
    for (int step : steps)
        stepValues.emplace_back(step);
    JsonObject object{{"steps", std::move(stepValues)}, {"every_seconds", everySeconds},
        {"step_since", stepSince.toUTC().toString(Qt::ISODate)}, {"halt_above_basis_points", haltAboveBasisPoints},
        {"min_events", minEvents}, {"halted", halted}};
    if (halted) {
        object.insert_or_assign("halted_at", haltedAt.toUTC().toString(Qt::ISODate));
        object.insert_or_assign("halt_reason", haltReason);
    }
    return JsonValue(std::move(object));
}

std::expected<RolloutPlan, Error> RolloutPlan::fromJson(const JsonValue& json)
{
    RolloutPlan plan;
    const JsonValue* stepValues = json.find("steps");
    if (!stepValues || !stepValues->isArray() || stepValues->toArray().empty())
        return std::unexpected(malformed("steps"));
    QStringList texts;
    for (const JsonValue& step : stepValues->toArray()) {
        if (!step.isInteger())
            return std::unexpected(malformed("steps"));
        texts.append(QString::number(step.toInteger()));
    }
    auto steps = parseSteps(texts.join(u','));
    if (!steps)
        return std::unexpected(malformed("steps"));
    plan.steps = *steps;
    auto integer = [&json](const char* field, qint64 minimum, qint64 maximum) -> std::optional<qint64> {
        const JsonValue* value = json.find(field);
        if (!value || !value->isInteger() || value->toInteger() < minimum || value->toInteger() > maximum)
            return std::nullopt;
        return value->toInteger();
    };
    const auto every = integer("every_seconds", 1, std::numeric_limits<qint64>::max());
    const auto halt = integer("halt_above_basis_points", 0, 10000);
    const auto minEvents = integer("min_events", 1, std::numeric_limits<qint64>::max());
    if (!every)
        return std::unexpected(malformed("every_seconds"));
    if (!halt)
        return std::unexpected(malformed("halt_above_basis_points"));
    if (!minEvents)
        return std::unexpected(malformed("min_events"));
    plan.everySeconds = *every;
    plan.haltAboveBasisPoints = int(*halt);
    plan.minEvents = *minEvents;
    const JsonValue* since = json.find("step_since");
    plan.stepSince = since ? QDateTime::fromString(since->toString(), Qt::ISODate) : QDateTime();
    if (!plan.stepSince.isValid())
        return std::unexpected(malformed("step_since"));
    const JsonValue* halted = json.find("halted");
    if (!halted || !halted->isBool())
        return std::unexpected(malformed("halted"));
    plan.halted = halted->toBool();
    if (plan.halted) {
        if (const JsonValue* at = json.find("halted_at"))
            plan.haltedAt = QDateTime::fromString(at->toString(), Qt::ISODate);
        if (const JsonValue* reason = json.find("halt_reason"))
            plan.haltReason = reason->toString();
    }
    return plan;
}

std::expected<QList<int>, Error> RolloutPlan::parseSteps(const QString& text)
{
    const QString usage = u"--plan takes increasing percentages from 1 to 100 ending in 100, e.g. 5,25,50,100."_s;
    QList<int> steps;
    for (const QString& part : text.split(u',')) {
        bool ok = false;
        const int step = part.trimmed().toInt(&ok);
        if (!ok || step < 1 || step > 100 || (!steps.isEmpty() && step <= steps.last()))
            return std::unexpected(misuse(usage));
        steps.append(step);
    }
    if (steps.isEmpty() || steps.last() != 100)
        return std::unexpected(misuse(usage));
    return steps;
}

std::expected<qint64, Error> RolloutPlan::parseDuration(const QString& text)
{
    static const QRegularExpression shape(u"^(\\d{1,6})([smhd])$"_s);
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    const qint64 count = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    if (count <= 0)
        return std::unexpected(misuse(u"--every takes a time such as 30m, 24h or 7d (s, m, h or d)."_s));
    const char unit = match.captured(2).at(0).toLatin1();
    for (const auto& [name, seconds] : kUnits) {
        if (name == unit)
            return count * seconds;
    }
    return std::unexpected(misuse(u"--every takes a time such as 30m, 24h or 7d (s, m, h or d)."_s));
}

std::expected<int, Error> RolloutPlan::parseBasisPoints(const QString& text)
{
    static const QRegularExpression shape(u"^(\\d{1,3})(?:\\.(\\d{1,2}))?\\s*%?$"_s);
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    if (match.hasMatch()) {
        const int basisPoints = match.captured(1).toInt() * 100 + match.captured(2).leftJustified(2, u'0').toInt();
        if (basisPoints <= 10000)
            return basisPoints;
    }
    return std::unexpected(misuse(u"--halt-above takes a percentage from 0 to 100, e.g. 2% or 0.5%."_s));
}

QString RolloutPlan::stepsText(const QList<int>& steps)
{
    QStringList texts;
    for (int step : steps)
        texts.append(QString::number(step));
    return texts.join(u',');
}

QString RolloutPlan::durationText(qint64 seconds)
{
    for (const auto& [name, length] : kUnits) {
        if (seconds % length == 0)
            return QString::number(seconds / length) + QLatin1Char(name);
    }
    return QString::number(seconds) + u's';
}

QString RolloutPlan::basisPointsText(int basisPoints)
{
    QString text = QString::number(basisPoints / 100);
    if (const int rest = basisPoints % 100; rest != 0) {
        text += u'.' + QString::number(rest).rightJustified(2, u'0');
        while (text.endsWith(u'0'))
            text.chop(1);
    }
    return text + u'%';
}
