#include "trialreport.h"

#include "texttable.h"
#include "trialpath.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QString survived(std::pair<int, int> counts)
{
    if (counts.second == 0)
        return TrialReport::kNothing;
    return TrialReport::tr("%1 of %2").arg(counts.first).arg(counts.second);
}

QString fetched(const TrialResult* clean)
{
    if (!clean)
        return TrialReport::kNothing;
    if (clean->fullDownload <= 0)
        return TrialReport::bytes(clean->bytesFetched);
    const double share = 100.0 * double(clean->bytesFetched) / double(clean->fullDownload);
    const QString percent = share > 0 && share < 0.5 ? u"<1"_s : QString::number(std::lround(share));
    return TrialReport::tr("%1 of %2, %3 %")
        .arg(TrialReport::bytes(clean->bytesFetched), TrialReport::bytes(clean->fullDownload), percent);
}

QString health(std::optional<bool> passed)
{
    if (!passed)
        return TrialReport::kNothing;
    return *passed ? TrialReport::tr("passed") : TrialReport::tr("FAILED");
}

QString verdict(bool passed)
{
    return passed ? TrialReport::tr("pass") : TrialReport::tr("FAIL");
}

QString plural(int count, const QString& one, const QString& many)
{
    return u"%1 %2"_s.arg(count).arg(count == 1 ? one : many);
}

} // namespace

TrialReport::Verdict TrialReport::verdict() const
{
    if (m_results.empty())
        return Verdict::Failed;
    const bool passed = std::ranges::all_of(m_results, &TrialResult::passed);
    return passed ? Verdict::Passed : Verdict::Failed;
}

QString TrialReport::bytes(qint64 count)
{
    if (count < 1000)
        return tr("%1 B").arg(count);
    static const char* const units[] = {"kB", "MB", "GB", "TB"};
    double value = double(count);
    int unit = -1;
    do {
        value /= 1000;
        ++unit;
    } while (value >= 999.95 && unit < 3);
    return u"%1 %2"_s.arg(value, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

QString TrialReport::duration(qint64 milliseconds)
{
    if (milliseconds < 59'950)
        return tr("%1 s").arg(double(milliseconds) / 1000, 0, 'f', 1);
    const qint64 seconds = (milliseconds + 500) / 1000;
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

QString TrialReport::table() const
{
    using Align = TextTable::Align;
    TextTable table(
        {tr("Path"), tr("Fetched"), tr("Time"), tr("Faults"), tr("Kills"), tr("Health check"), tr("Verdict")},
        {Align::Left, Align::Left, Align::Right, Align::Left, Align::Left, Align::Left, Align::Left});
    for (const TrialPath& path : TrialPath::of(m_results)) {
        if (path.isAudit()) {
            // Each check of the repository on a row of its own: they are not trials of one path.
            for (const TrialResult* check : path.trials) {
                table.addRow({u"%1: %2"_s.arg(path.name, check->fault), kNothing, duration(check->milliseconds),
                    kNothing, kNothing, kNothing, ::verdict(check->passed)});
            }
            continue;
        }
        if (path.skipped() == int(path.trials.size())) {
            table.addRow({path.name, kNothing, kNothing, kNothing, kNothing, kNothing, tr("skipped")});
            continue;
        }
        const TrialResult* clean = path.clean();
        table.addRow({path.name, fetched(clean), duration(clean ? clean->milliseconds : path.milliseconds()),
            survived(path.faultsSurvived()), survived(path.killsSurvived()), health(path.healthCheck()),
            ::verdict(path.passed())});
    }
    return table.render();
}

QString TrialReport::failures() const
{
    QString text;
    for (const TrialResult& result : m_results) {
        if (result.skipped)
            text += result.output.trimmed() + u'\n';
        if (result.passed)
            continue;
        QStringList lines = result.failure.trimmed().split(u'\n', Qt::SkipEmptyParts);
        if (lines.isEmpty())
            lines.append(tr("It failed without saying why."));
        // A failure that names its path already (the runner's, a scenario's) is not named twice.
        const QString first = lines.takeFirst().trimmed();
        text += first.startsWith(result.path()) ? first + u'\n'
                                                : u"%1, %2: %3\n"_s.arg(result.path(), result.fault, first);
        for (const QString& line : lines)
            text += u"    "_s + line.trimmed() + u'\n';
    }
    return text;
}

QString TrialReport::summary() const
{
    if (m_results.empty())
        return tr("FAILED: nothing was tested.");
    int checks = 0, checksFailed = 0, trials = 0, trialsFailed = 0, paths = 0, pathsFailed = 0, skipped = 0;
    qint64 milliseconds = 0;
    for (const TrialPath& path : TrialPath::of(m_results)) {
        milliseconds += path.milliseconds();
        if (path.isAudit()) {
            checks += int(path.trials.size());
            checksFailed += path.failures();
            continue;
        }
        ++paths;
        pathsFailed += path.passed() ? 0 : 1;
        trials += int(path.trials.size()) - path.skipped();
        trialsFailed += path.failures();
        skipped += path.skipped();
    }
    if (m_elapsed)
        milliseconds = *m_elapsed;
    QStringList parts;
    if (verdict() == Verdict::Passed) {
        if (checks > 0)
            parts.append(plural(checks, tr("check of the repository"), tr("checks of the repository")));
        if (trials > 0)
            parts.append(
                tr("%1 on %2").arg(plural(trials, tr("trial"), tr("trials")), plural(paths, tr("path"), tr("paths"))));
        if (skipped > 0)
            parts.last() += tr(", %1 skipped").arg(plural(skipped, tr("path"), tr("paths")));
        return tr("Passed: %1, in %2.").arg(parts.join(tr(" and ")), duration(milliseconds));
    }
    if (checksFailed > 0)
        parts.append(tr("%1 of %2")
                         .arg(checksFailed)
                         .arg(plural(checks, tr("check of the repository"), tr("checks of the repository"))));
    if (trialsFailed > 0) {
        parts.append(tr("%1 of %2 on %3 of %4")
                         .arg(trialsFailed)
                         .arg(plural(trials, tr("trial"), tr("trials")))
                         .arg(pathsFailed)
                         .arg(plural(paths, tr("path"), tr("paths"))));
    }
    return tr("FAILED: %1 failed, in %2.").arg(parts.join(tr(" and ")), duration(milliseconds));
}

QString TrialReport::text() const
{
    QString text = table();
    if (const QString failed = failures(); !failed.isEmpty())
        text += u'\n' + failed;
    return text + u'\n' + summary() + u'\n';
}
