// TextTable: widths in terminal columns, not bytes or UTF-16 units, so that columns stay aligned
// whatever the text.

#include "texttable.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTextTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void width_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("columns");

        QTest::newRow("ASCII") << u"1.2.0"_s << 5;
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("an arrow") << u"1.2.0 → 1.5.0"_s << 13;
        QTest::newRow("a dash") << u"—"_s << 1;
        QTest::newRow("an accent, composed") << u"r\u00e9sum\u00e9"_s << 6;
        QTest::newRow("an accent, combining") << u"re\u0301sume\u0301"_s << 6;
        QTest::newRow("CJK, two columns each") << u"版本"_s << 4;
        QTest::newRow("full-width letters") << u"\uff21\uff22"_s << 4;
        QTest::newRow("an emoji outside the BMP") << u"ok \U0001F600"_s << 5;
        QTest::newRow("a letter outside the BMP") << u"\U0001D400"_s << 1;
        QTest::newRow("a zero-width joiner") << u"a\u200db"_s << 2;
        QTest::newRow("control characters") << u"a\tb\x1b"_s << 2;
    }

    void width()
    {
        QFETCH(QString, text);
        QFETCH(int, columns);
        QCOMPARE(TextTable::width(text), columns);
    }

    void rowsAreAligned()
    {
        TextTable table({u"Path"_s, u"Time"_s, u"Verdict"_s},
            {TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Left});
        table.addRow({u"1.2.0 → 1.5.0"_s, u"12.3 s"_s, u"pass"_s});
        table.addRow({u"版本 1.0"_s, u"0.1 s"_s, u"FAIL"_s});
        table.addRow({u"re\u0301sume\u0301"_s, u"1 min 5 s"_s}); // one cell short
        const QStringList lines = table.render().split(u'\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.last().isEmpty());
        QCOMPARE(lines[0], u"Path                Time  Verdict"_s);
        QCOMPARE(lines[1], u"1.2.0 → 1.5.0     12.3 s  pass"_s);
        QCOMPARE(lines[2], u"版本 1.0           0.1 s  FAIL"_s);
        QCOMPARE(lines[3], u"re\u0301sume\u0301         1 min 5 s"_s);
        // In terminal columns the last column starts at the same place on every full row, whatever its characters.
        QCOMPARE(TextTable::width(lines[1]) - 4, TextTable::width(lines[0]) - 7);
        QCOMPARE(TextTable::width(lines[2]) - 4, TextTable::width(lines[0]) - 7);
    }

    void aLineBreakInACellStaysInItsRow()
    {
        TextTable table({u"A"_s, u"B"_s});
        table.addRow({u"two\nlines"_s, u"x"_s});
        QCOMPARE(table.render(), u"A          B\ntwo lines  x\n"_s);
    }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "tst_texttable.moc"
