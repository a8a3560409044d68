#include "version.h"

using namespace Qt::StringLiterals;

namespace {

bool isNumeric(QStringView part)
{
    return !part.isEmpty() && std::all_of(part.begin(), part.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool isIdentifier(QStringView part)
{
    return !part.isEmpty() && std::all_of(part.begin(), part.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'-';
    });
}

std::strong_ordering compareIdentifiers(const QString& a, const QString& b)
{
    const bool numericA = isNumeric(a);
    const bool numericB = isNumeric(b);
    if (numericA && numericB) {
        // No leading zeros, so the longer number is the larger.
        if (a.size() != b.size())
            return a.size() <=> b.size();
        return a.compare(b) <=> 0;
    }
    if (numericA != numericB)
        return numericA ? std::strong_ordering::less : std::strong_ordering::greater;
    return a.compare(b) <=> 0; // ASCII order
}

} // namespace

std::expected<Version, Error> Version::parse(QStringView text)
{
    auto invalid = [&](const QString& why) {
        return std::unexpected(Error{Error::Code::InvalidInput,
            tr("\"%1\" is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): %2.").arg(text.toString(), why)});
    };
    Version version;
    QStringView rest = text;
    if (const qsizetype plus = rest.indexOf(u'+'); plus >= 0) {
        const QStringView build = rest.sliced(plus + 1);
        for (QStringView part : build.split(u'.')) {
            if (!isIdentifier(part))
                return invalid(tr("the build metadata must be dot-separated letters, digits and hyphens"));
        }
        version.m_build = build.toString();
        rest = rest.first(plus);
    }
    if (const qsizetype dash = rest.indexOf(u'-'); dash >= 0) {
        for (QStringView part : rest.sliced(dash + 1).split(u'.')) {
            if (!isIdentifier(part))
                return invalid(tr("the pre-release must be dot-separated letters, digits and hyphens"));
            if (isNumeric(part) && part.size() > 1 && part.front() == u'0')
                return invalid(tr("numbers must not have leading zeros"));
            version.m_preRelease.append(part.toString());
        }
        rest = rest.first(dash);
    }
    const auto numbers = rest.split(u'.');
    if (numbers.size() != 3)
        return invalid(tr("it needs three numbers, MAJOR.MINOR.PATCH"));
    quint64* fields[] = {&version.m_major, &version.m_minor, &version.m_patch};
    for (int i = 0; i < 3; ++i) {
        if (!isNumeric(numbers[i]))
            return invalid(tr("MAJOR, MINOR and PATCH must be numbers"));
        if (numbers[i].size() > 1 && numbers[i].front() == u'0')
            return invalid(tr("numbers must not have leading zeros"));
        bool ok = false;
        *fields[i] = numbers[i].toULongLong(&ok);
        if (!ok)
            return invalid(tr("a number is too large"));
    }
    return version;
}

QString Version::toString() const
{
    QString text = u"%1.%2.%3"_s.arg(m_major).arg(m_minor).arg(m_patch);
    if (!m_preRelease.isEmpty())
        text += u'-' + m_preRelease.join(u'.');
    if (!m_build.isEmpty())
        text += u'+' + m_build;
    return text;
}

std::strong_ordering operator<=>(const Version& a, const Version& b)
{
    if (auto order = std::tie(a.m_major, a.m_minor, a.m_patch) <=> std::tie(b.m_major, b.m_minor, b.m_patch);
        order != 0)
        return order;
    if (a.m_preRelease.isEmpty() || b.m_preRelease.isEmpty())
        return a.m_preRelease.isEmpty() <=> b.m_preRelease.isEmpty(); // a release follows its pre-releases
    for (qsizetype i = 0; i < std::min(a.m_preRelease.size(), b.m_preRelease.size()); ++i) {
        if (auto order = compareIdentifiers(a.m_preRelease[i], b.m_preRelease[i]); order != 0)
            return order;
    }
    return a.m_preRelease.size() <=> b.m_preRelease.size();
}
