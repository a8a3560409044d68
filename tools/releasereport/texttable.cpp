#include "texttable.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// East Asian wide and full-width characters, and the emoji terminals draw two columns wide.
bool isWide(char32_t c)
{
    return c >= 0x1100
        && (c <= 0x115f || c == 0x2329 || c == 0x232a || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f)
            || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19)
            || (c >= 0xfe30 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
            || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x2fffd)
            || (c >= 0x30000 && c <= 0x3fffd));
}

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

// A cell on one line: a line break or another control character would break the row.
QString printable(const QString& cell)
{
    QString text;
    text.reserve(cell.size());
    for (QChar c : cell)
        text.append(isControl(c.unicode()) ? u' ' : c);
    return text;
}

} // namespace

TextTable::TextTable(QStringList headers, std::vector<Align> alignment)
    : m_alignment(std::move(alignment))
{
    m_alignment.resize(size_t(headers.size()), Align::Left);
    m_rows.push_back(std::move(headers));
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_rows.front().size());
    m_rows.push_back(std::move(cells));
}

int TextTable::width(QStringView text)
{
    int columns = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        const auto category = QChar::category(c);
        if (isControl(c) || category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing
            || category == QChar::Other_Format)
            continue;
        columns += isWide(c) ? 2 : 1;
    }
    return columns;
}

QString TextTable::render() const
{
    const size_t columns = m_alignment.size();
    std::vector<int> widths(columns, 0);
    for (const QStringList& row : m_rows) {
        for (size_t i = 0; i < columns; ++i)
            widths[i] = std::max(widths[i], width(printable(row[qsizetype(i)])));
    }
    QString text;
    for (const QStringList& row : m_rows) {
        QString line;
        for (size_t i = 0; i < columns; ++i) {
            const QString cell = printable(row[qsizetype(i)]);
            const QString padding(widths[i] - width(cell), u' ');
            if (i > 0)
                line += u"  "_s;
            line += m_alignment[i] == Align::Right ? padding + cell : cell + padding;
        }
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    }
    return text;
}
