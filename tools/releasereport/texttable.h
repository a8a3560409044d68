#pragma once

// A table for a terminal: columns padded to their widest cell, measured in the columns a terminal
// gives each character (one for "→" or "é", two for a CJK ideograph, none for a combining mark),
// not in bytes or UTF-16 units, so that non-ASCII text keeps the columns straight.

#include <QString>
#include <QStringList>

#include <vector>

class TextTable
{
public:
    enum class Align { Left, Right };

    explicit TextTable(QStringList headers, std::vector<Align> alignment = {});

    // A row of as many cells as there are headers (missing ones are empty, extra ones dropped).
    void addRow(QStringList cells);

    // The header, then each row, each line ending in "\n"; columns two spaces apart, no trailing blanks.
    [[nodiscard]] QString render() const;

    // The columns `text` takes on a terminal; control characters take none (render() replaces them).
    [[nodiscard]] static int width(QStringView text);

private:
    std::vector<QStringList> m_rows; // the header first
    std::vector<Align> m_alignment;
};
