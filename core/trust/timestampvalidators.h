#pragma once

#include <QByteArray>
#include <QString>

#include <map>

// The ETag each mirror last sent with a timestamp.json that verified, kept in a file next to the
// trusted metadata, so that the next check asks with If-None-Match and a mirror with nothing new
// answers 304 instead of the file. An untrusted hint: a 304 only ever says "nothing newer than
// what is trusted", whose expiry is still checked; a lost or damaged file means asking without.
class TimestampValidators
{
public:
    // The file kept beside `stateFile` (trusted-metadata.json: trusted-metadata-etags.json).
    [[nodiscard]] static QString fileBeside(const QString& stateFile);

    [[nodiscard]] static TimestampValidators load(const QString& file);
    // When set() changed anything. Best effort: a file that cannot be written costs the next check
    // the whole timestamp.
    void save() const;

    [[nodiscard]] QByteArray of(const QString& mirror) const;
    // An empty validator forgets the mirror's.
    void set(const QString& mirror, const QByteArray& validator);

private:
    explicit TimestampValidators(QString file)
        : m_file(std::move(file))
    { }

    QString m_file;
    std::map<QString, QByteArray> m_validators;
    bool m_changed = false;
};
