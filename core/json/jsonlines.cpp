#include "jsonlines.h"

#include "atomicfile.h"
#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include <QFile>

QByteArray JsonLines::line(const JsonObject& object)
{
    // No control character appears outside a string in canonical JSON, and an escape never ends
    // in one, so escaping every such byte gives standard JSON for the same value.
    static const char digits[] = "0123456789abcdef";
    const QByteArray canonical = canonicalJson(object);
    QByteArray out;
    out.reserve(canonical.size() + 16);
    for (const char c : canonical) {
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (uchar(c) < 0x20) {
                out += "\\u00";
                out += digits[(c >> 4) & 0xF];
                out += digits[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::expected<void, Error> JsonLines::append(const JsonObject& object) const
{
    return appendLineDurably(m_path, line(object) + '\n');
}

std::expected<std::vector<JsonLines::Line>, Error> JsonLines::read(const std::function<void(int number)>& damaged) const
{
    QFile file(m_path);
    if (!file.exists())
        return std::vector<Line>{};
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::Io, file.errorString()});
    std::vector<Line> lines;
    const QList<QByteArray> texts = file.readAll().split('\n');
    // The last piece has no newline after it: empty, or a line a crash tore before it was whole.
    for (qsizetype i = 0; i + 1 < texts.size(); ++i) {
        if (texts[i].isEmpty())
            continue;
        auto value = JsonParser().parse(texts[i]);
        if (value && value->isObject())
            lines.push_back(Line{int(i + 1), std::move(*value)});
        else if (damaged)
            damaged(int(i + 1));
    }
    return lines;
}
