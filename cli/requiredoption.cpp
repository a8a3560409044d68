#include "requiredoption.h"

using namespace Qt::StringLiterals;

std::expected<QString, Error> required(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    const QString value = parser.value(option);
    if (value.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, u"--%1 is required."_s.arg(option.names().constFirst())});
    return value;
}
