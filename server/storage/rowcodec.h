#pragma once

#include "core/span.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

// Private to the storage library: how one Span maps onto a row of `spans`.
namespace spanlight::storage {

// The columns of `spans` in the order bindSpan() binds and readSpan() reads them.
QString spanColumns();
int spanColumnCount();

// Compact JSON text of an attribute map; a null string (SQL NULL) when empty.
QString attributesToJson(const QJsonObject &attributes);
QJsonObject attributesFromJson(const QString &json);

// Binds a span to positions 0..spanColumnCount()-1. Resource and scope attributes repeat
// across the spans of one request and share their QJsonObject, so the encoder remembers the
// last ones it encoded.
class SpanBinder
{
public:
    void bind(QSqlQuery &query, const Span &span);

private:
    QString cached(const QJsonObject &object, QJsonObject &lastObject, QString &lastJson);

    QJsonObject m_lastResource;
    QString m_lastResourceJson;
    QJsonObject m_lastScope;
    QString m_lastScopeJson;
};

// Reads the span whose columns start at `first`.
Span readSpan(const QSqlQuery &query, int first = 0);

} // namespace spanlight::storage
