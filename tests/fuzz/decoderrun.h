#pragma once

// What every decoder fuzz target checks around one decoding: the files it reads are written to a
// folder of their own (in memory where /dev/shm exists), and whatever the decoder says, its claim
// is checked on disk: a success leaves exactly the size and sha256 the manifest gives, a failure
// leaves no output, and the old file is never changed.

#include "fuzzcheck.h"

#include "error.h"
#include "support/testbytes.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class DecoderRun
{
public:
    DecoderRun()
    {
        static const std::unique_ptr<QTemporaryDir> folder = [] {
            const QString base
                = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
            auto dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/upkeep-fuzz-XXXXXX"));
            FUZZ_CHECK(dir->isValid());
            return dir;
        }();
        m_folder = folder->path();
        QFile::remove(output());
    }

    [[nodiscard]] QString path(const QString& name) const { return m_folder + u'/' + name; }
    [[nodiscard]] QString output() const { return path(QStringLiteral("output")); }

    void write(const QString& name, const QByteArray& bytes) const
    {
        QFile file(path(name));
        FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        FUZZ_CHECK(file.write(bytes) == bytes.size());
    }

    [[nodiscard]] QByteArray read(const QString& name) const
    {
        QFile file(path(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // Checks what `result` claims against the output on disk, then removes the output.
    void check(const std::expected<void, Error>& result, qint64 expectedSize, const QString& expectedSha256) const
    {
        if (result) {
            const QByteArray made = read(QStringLiteral("output"));
            FUZZ_CHECK(made.size() == expectedSize);
            FUZZ_CHECK(sha256(made) == expectedSha256);
        } else {
            FUZZ_CHECK(!result.error().message.isEmpty());
            FUZZ_CHECK(!QFile::exists(output()), qPrintable(result.error().message));
        }
        QFile::remove(output());
    }

private:
    QString m_folder;
};
