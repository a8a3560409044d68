#include "memorybudget.h"

#include <QRegularExpression>

#include <unistd.h>

using namespace Qt::StringLiterals;

void MemoryBudget::acquire(qint64 bytes)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return fits(bytes); });
    m_reserved += bytes;
    m_peak = std::max(m_peak, m_reserved);
}

bool MemoryBudget::tryAcquire(qint64 bytes)
{
    const std::lock_guard lock(m_mutex);
    if (!fits(bytes))
        return false;
    m_reserved += bytes;
    m_peak = std::max(m_peak, m_reserved);
    return true;
}

void MemoryBudget::release(qint64 bytes)
{
    {
        const std::lock_guard lock(m_mutex);
        m_reserved = std::max<qint64>(0, m_reserved - bytes);
    }
    m_changed.notify_all();
}

qint64 MemoryBudget::reserved() const
{
    const std::lock_guard lock(m_mutex);
    return m_reserved;
}

qint64 MemoryBudget::peak() const
{
    const std::lock_guard lock(m_mutex);
    return m_peak;
}

std::expected<qint64, Error> MemoryBudget::parse(const QString& text)
{
    const auto refuse = [&] {
        return std::unexpected(Error{Error::Code::Usage,
            tr("--memory takes an amount of memory such as 512M or 2G (at least %1), not \"%2\".")
                .arg(describe(kMinimum), text)});
    };
    static const QRegularExpression pattern(
        u"^\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?\\s*$"_s, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return refuse();
    bool ok = false;
    const double number = match.captured(1).toDouble(&ok);
    const QString unit = match.captured(2).toUpper();
    const int shift = unit.isEmpty() ? 0 : 10 * (int(u"KMGT"_s.indexOf(unit)) + 1);
    const double bytes = number * double(qint64(1) << shift);
    // Past 1 PiB is no memory a machine has, and would overflow further on.
    if (!ok || bytes < double(kMinimum) || bytes > double(qint64(1) << 50))
        return refuse();
    return qint64(bytes);
}

qint64 MemoryBudget::defaultLimit()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return kMinimum * 4;
    return std::max(kMinimum, qint64(pages) * pageSize / 2);
}

QString MemoryBudget::describe(qint64 bytes)
{
    if (bytes >= qint64(10) << 30)
        return u"%1 GB"_s.arg(bytes >> 30);
    if (bytes >= qint64(1) << 30)
        return u"%1 GB"_s.arg(double(bytes) / double(qint64(1) << 30), 0, 'f', 1);
    return u"%1 MB"_s.arg((bytes + (qint64(1) << 19)) >> 20);
}
