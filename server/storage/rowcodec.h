#pragma once

#include "core/span.h"
#include "statement.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

// Private to the storage library: how one Span maps onto a row of `spans`.
namespace spanlight::storage {

// The columns of `spans` in the order bindSpan() binds and readSpan() reads them.
QString spanColumns();
int spanColumnCount();

// Compact JSON text (UTF-8) of an attribute map; a null array (SQL NULL) when empty.
QByteArray attributesToJson(const QJsonObject &attributes);
QJsonObject attributesFromJson(const QString &json);

// Binds a span to positions 0..spanColumnCount()-1. Resource and scope attributes repeat
// across the spans of one request and share their QJsonObject, so the encoder remembers the
// last ones it encoded. The statement refers to the binder's JSON buffers and to the span's own
// data until it has run.
class SpanBinder
{
public:
    void bind(Statement &statement, const Span &span);

private:
    const QByteArray &cached(const QJsonObject &object, QJsonObject &lastObject, QByteArray &lastJson);

    QByteArray m_attributes;
    QByteArray m_events;
    QByteArray m_links;
    QJsonObject m_lastResource;
    QByteArray m_lastResourceJson;
    QJsonObject m_lastScope;
    QByteArray m_lastScopeJson;
};

// The start of the minute holding `ns` (rollup keys), also for times before 1970.
qint64 minuteOf(qint64 ns);
// The start of the hour holding `ns` (the keys of the hourly rollups), also for times before 1970.
qint64 hourOf(qint64 ns);
// A span's duration as the rollups and dependency edges count it: never negative.
qint64 rollupDurationNs(const Span &span);
// '' for a null text: NULLs are distinct in unique keys (trace_operations, rollups, edges). A
// reference, because a SQLite statement binds the text without copying it.
const QString &nonNull(const QString &text);

// Reads the span whose columns start at `first`.
Span readSpan(const QSqlQuery &query, int first = 0);

} // namespace spanlight::storage
