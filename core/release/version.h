#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QStringList>

#include <compare>

// A semantic version (semver.org 2.0): MAJOR.MINOR.PATCH, an optional pre-release after "-"
// and optional build metadata after "+". Ordering follows the specification: a pre-release
// comes before its release, numeric identifiers compare as numbers and before alphanumeric
// ones, and build metadata does not count (1.0.0+a and 1.0.0+b are the same version).
class Version
{
    Q_DECLARE_TR_FUNCTIONS(Version)

public:
    static std::expected<Version, Error> parse(QStringView text);

    [[nodiscard]] quint64 major() const { return m_major; }
    [[nodiscard]] quint64 minor() const { return m_minor; }
    [[nodiscard]] quint64 patch() const { return m_patch; }
    [[nodiscard]] const QStringList& preRelease() const { return m_preRelease; }
    [[nodiscard]] const QString& build() const { return m_build; }
    [[nodiscard]] bool isPreRelease() const { return !m_preRelease.isEmpty(); }
    [[nodiscard]] QString toString() const;

    friend std::strong_ordering operator<=>(const Version& a, const Version& b);
    friend bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }

private:
    quint64 m_major = 0;
    quint64 m_minor = 0;
    quint64 m_patch = 0;
    QStringList m_preRelease;
    QString m_build;
};
