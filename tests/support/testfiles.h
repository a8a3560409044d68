#pragma once

// Files as the tests write, read, copy and damage them, whole. The write*() functions fail the
// running test when they cannot write; tryWriteTestFile() says so to helpers that report it
// themselves.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <map>

// Writes `bytes` to `path`, making its folder, and says whether all of it was written.
[[nodiscard]] bool tryWriteTestFile(const QString& path, const QByteArray& bytes);

// Writes `bytes` to `path` (making its folder), optionally executable by its owner.
void writeTestFile(const QString& path, const QByteArray& bytes, bool executable = false);

// Writes each of `files` (contents by path) under `folder`; those under bin/ are executable.
void writeTestFiles(const QString& folder, const std::map<QString, QByteArray>& files);

// Appends `bytes` to the file `path`, as a write a crash cut short leaves them.
void appendTestFile(const QString& path, QByteArrayView bytes);

// What `path` holds; empty when it cannot be read.
[[nodiscard]] QByteArray readTestFile(const QString& path);

// Writes `path` back with one bit of its byte `at` (by default the middle one) flipped.
void flipTestFileByte(const QString& path, qsizetype at = -1);

// Replaces `to` with a copy of `from`, modes and symbolic links as they are.
void copyTestTree(const QString& from, const QString& to);

// Every file under `folder`, hidden ones too, relative to it and sorted.
[[nodiscard]] QStringList filesUnder(const QString& folder);

// The inode of `path` itself (a symbolic link is not followed); 0 when there is none.
[[nodiscard]] ino_t inodeOf(const QString& path);
// The permission bits of `path` itself (07777); -1 when there is none.
[[nodiscard]] int modeOf(const QString& path);
