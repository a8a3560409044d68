#include "statisticslogreader.h"

#include <QFile>

#include <archive.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct ArchiveReadFree {
    void operator()(archive* a) const { archive_read_free(a); }
};

} // namespace

StatisticsLogReader::StatisticsLogReader(Sink sink)
    : m_sink(std::move(sink))
{ }

std::expected<void, Error> StatisticsLogReader::read(const QString& path)
{
    // libarchive's raw format with every filter: a plain file passes through, a gzip stream is inflated.
    std::unique_ptr<archive, ArchiveReadFree> reader(archive_read_new());
    archive_read_support_filter_all(reader.get());
    archive_read_support_format_raw(reader.get());
    archive_read_support_format_empty(reader.get());
    auto failure = [&](const QString& what) {
        return std::unexpected(Error{
            Error::Code::Io, u"%1: %2: %3."_s.arg(path, what, QString::fromUtf8(archive_error_string(reader.get())))});
    };
    if (archive_read_open_filename(reader.get(), QFile::encodeName(path).constData(), 64 * 1024) != ARCHIVE_OK)
        return failure(u"cannot read it"_s);
    archive_entry* entry = nullptr;
    const int header = archive_read_next_header(reader.get(), &entry);
    if (header == ARCHIVE_EOF)
        return {};
    if (header != ARCHIVE_OK)
        return failure(u"cannot read it"_s);
    QByteArray pending;
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int status = ARCHIVE_OK;
    while ((status = archive_read_data_block(reader.get(), &block, &size, &offset)) == ARCHIVE_OK) {
        pending.append(static_cast<const char*>(block), qsizetype(size));
        qsizetype start = 0;
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
            line(QByteArrayView(pending).sliced(start, end - start));
            start = end + 1;
        }
        pending.remove(0, start);
    }
    if (status != ARCHIVE_EOF)
        return failure(u"damaged"_s);
    line(pending); // a last line without its newline, as a log cut off by a full disk leaves it
    return {};
}

void StatisticsLogReader::line(QByteArrayView text)
{
    if (text.trimmed().isEmpty())
        return;
    if (auto event = StatisticsEvent::parse(text))
        m_sink(*event);
    else
        ++m_skipped;
}
