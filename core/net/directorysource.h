#pragma once

#include "net/repositorysource.h"

#include <QCoreApplication>

// A repository in a local folder (a file:// URL, a mounted share, a USB stick).
class DirectorySource : public RepositorySource
{
    Q_DECLARE_TR_FUNCTIONS(DirectorySource)

public:
    explicit DirectorySource(QString root)
        : m_root(std::move(root))
    { }

    [[nodiscard]] QString name() const override { return m_root; }
    [[nodiscard]] std::expected<QByteArray, Error> fetch(const QString& path, qint64 maxLength) override;

private:
    QString m_root;
};
