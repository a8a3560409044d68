#pragma once

#include "net/httpcredentials.h"
#include "net/repositorysource.h"

#include <QCoreApplication>

#include <memory>

// The source for a repository address: file:///path or a plain path (a folder), http:// or
// https:// (a web server or CDN). `caFile`, when given, is the only CA trusted for https
// (a private repository or a test); otherwise the system's CAs are. `credentials` go to their own
// origin only.
std::expected<std::shared_ptr<RepositorySource>, Error> makeRepositorySource(
    const QString& address, const QString& caFile = {}, const HttpCredentials& credentials = {});
