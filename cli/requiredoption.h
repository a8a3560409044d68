#pragma once

#include "error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <expected>

// The value of an option a command cannot do without; a usage error "--NAME is required." when it is
// missing or empty.
std::expected<QString, Error> required(const QCommandLineParser& parser, const QCommandLineOption& option);
