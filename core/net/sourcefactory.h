#pragma once

#include "net/repositorysource.h"

#include <QCoreApplication>

#include <memory>

// The source for a repository address: file:///path or a plain path (a folder), http:// or
// https:// (a web server or CDN).
std::expected<std::shared_ptr<RepositorySource>, Error> makeRepositorySource(const QString& address);
