// HealthProgram on hand-made entries: the program of a health check must be an executable file of
// the release, found directly or through symlinks that stay inside it.

#include "healthprogram.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Manifest::Entry file(const QString& path, int mode)
{
    return {path, Manifest::Entry::Type::File, 10, QString(64, u'a'), mode, {}};
}

Manifest::Entry link(const QString& path, const QString& target)
{
    return {path, Manifest::Entry::Type::Symlink, 0, {}, 0777, target};
}

Manifest::Entry folder(const QString& path)
{
    return {path, Manifest::Entry::Type::Directory, 0, {}, 0755, {}};
}

const std::vector<Manifest::Entry> kRelease{
    folder(u"bin"_s),
    file(u"bin/check"_s, 0755),
    file(u"bin/owner-only"_s, 0700),
    file(u"bin/data"_s, 0644),
    file(u"bin/others-only"_s, 0655),
    link(u"bin/check-link"_s, u"check"_s),
    link(u"check"_s, u"bin/check-link"_s),
    link(u"bin/to-data"_s, u"../bin/data"_s),
    link(u"bin/to-system"_s, u"/usr/bin/true"_s),
    link(u"bin/out"_s, u"../../outside"_s),
    link(u"bin/dangling"_s, u"gone"_s),
    link(u"loop-a"_s, u"loop-b"_s),
    link(u"loop-b"_s, u"loop-a"_s),
};

} // namespace

class TestHealthProgram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void judge_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("problem"); // a part of the sentence; empty when it may run

        QTest::newRow("an executable file") << QStringList{u"bin/check"_s, u"--quick"_s} << QString();
        QTest::newRow("executable by its owner only") << QStringList{u"bin/owner-only"_s} << QString();
        QTest::newRow("a symlink to one") << QStringList{u"bin/check-link"_s} << QString();
        QTest::newRow("a chain of symlinks") << QStringList{u"check"_s} << QString();
        QTest::newRow("not executable") << QStringList{u"bin/data"_s} << u"whose mode 0644 does not let it run"_s;
        QTest::newRow("executable by others, not its owner")
            << QStringList{u"bin/others-only"_s} << u"whose mode 0655 does not let it run"_s;
        QTest::newRow("a symlink to a file that is not executable")
            << QStringList{u"bin/to-data"_s} << u"\"bin/to-data\" (a symlink to bin/data), whose mode 0644"_s;
        QTest::newRow("not in the release")
            << QStringList{u"bin/missing"_s} << u"\"bin/missing\", which is not in the release"_s;
        QTest::newRow("a symlink to nothing")
            << QStringList{u"bin/dangling"_s} << u"a symlink to \"bin/gone\", which is not in the release"_s;
        QTest::newRow("a symlink to a system program")
            << QStringList{u"bin/to-system"_s} << u"a symlink to /usr/bin/true outside the release"_s;
        QTest::newRow("a symlink out of the release") << QStringList{u"bin/out"_s} << u"leads out of the release"_s;
        QTest::newRow("a symlink loop") << QStringList{u"loop-a"_s} << u"in a loop"_s;
        QTest::newRow("a folder") << QStringList{u"bin"_s} << u"which is a folder"_s;
        QTest::newRow("an absolute program") << QStringList{u"/bin/sh"_s} << u"not a path inside the release"_s;
        QTest::newRow("a path that climbs out") << QStringList{u"../bin/check"_s} << u"not a path inside the release"_s;
        QTest::newRow("no program") << QStringList{} << u"names no program"_s;
    }

    void judge()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, problem);
        const auto found = HealthProgram::problem(kRelease, command);
        if (problem.isEmpty()) {
            QVERIFY2(!found, found ? qPrintable(*found) : "");
        } else {
            QVERIFY(found.has_value());
            QVERIFY2(found->contains(problem), qPrintable(*found));
        }
    }
};

QTEST_GUILESS_MAIN(TestHealthProgram)
#include "tst_healthprogram.moc"
