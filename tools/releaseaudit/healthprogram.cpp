#include "healthprogram.h"

#include <map>

using namespace Qt::StringLiterals;

namespace {

// `target` of a symlink at `link`, as a path of the release; nullopt when it climbs out of it.
std::optional<QString> resolved(const QString& link, const QString& target)
{
    QStringList parts = link.split(u'/');
    parts.removeLast();
    for (const QString& part : target.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u"."_s)
            continue;
        if (part == u".."_s) {
            if (parts.isEmpty())
                return std::nullopt;
            parts.removeLast();
        } else {
            parts.append(part);
        }
    }
    return parts.join(u'/');
}

} // namespace

std::optional<QString> HealthProgram::problem(const std::vector<Manifest::Entry>& entries, const QStringList& command)
{
    if (command.isEmpty() || command.front().isEmpty())
        return tr("The health check names no program.");
    const QString& program = command.front();
    if (!Manifest::isSafePath(program))
        return tr("The health check runs \"%1\", which is not a path inside the release; the health check runs only "
                  "a program of the release, named relative to its top folder.")
            .arg(program);
    std::map<QString, const Manifest::Entry*> byPath;
    for (const Manifest::Entry& entry : entries)
        byPath.emplace(entry.path, &entry);
    QString path = program;
    QString via; // " (a symlink to X)", when links led there
    for (int links = 0; links <= kMaxLinks; ++links) {
        const auto found = byPath.find(path);
        if (found == byPath.end()) {
            return path == program
                ? tr("The health check runs \"%1\", which is not in the release.").arg(program)
                : tr("The health check runs \"%1\", a symlink to \"%2\", which is not in the release.")
                      .arg(program, path);
        }
        const Manifest::Entry& entry = *found->second;
        switch (entry.type) {
        case Manifest::Entry::Type::Directory:
            return tr("The health check runs \"%1\"%2, which is a folder, not a program.").arg(program, via);
        case Manifest::Entry::Type::File:
            if ((entry.mode & 0100) == 0) {
                return tr("The health check runs \"%1\"%2, whose mode %3 does not let it run; publish it with an "
                          "executable mode such as 0755.")
                    .arg(program, via, u"0"_s + QString::number(entry.mode, 8));
            }
            return std::nullopt;
        case Manifest::Entry::Type::Symlink: {
            if (entry.target.startsWith(u'/'))
                return tr("The health check runs \"%1\", a symlink to %2 outside the release; the health check runs "
                          "only a program of the release.")
                    .arg(program, entry.target);
            const auto next = resolved(entry.path, entry.target);
            if (!next)
                return tr("The health check runs \"%1\", a symlink that leads out of the release.").arg(program);
            path = *next;
            via = tr(" (a symlink to %1)").arg(path);
            break;
        }
        }
    }
    return tr("The health check runs \"%1\", a symlink in a loop or a chain of more than %2 links.")
        .arg(program)
        .arg(kMaxLinks);
}
