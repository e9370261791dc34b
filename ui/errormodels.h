#pragma once

#include "analysis/serviceanalysis.h"
#include "keyedrowsmodel.h"

#include <QColor>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// A severity for people, translated ("critical", ...).
QString severityText(Severity severity);

// One group of the errors page: the errors of one fingerprint (service, operation, type and the
// message with numbers, ids and quoted values masked), described by its newest error.
struct ErrorGroupRow
{
    QString key; // the fingerprint
    QString type;
    QString message; // of the newest error
    QString service;
    QString operation;
    Severity severity = Severity::Low; // the most severe of the group
    qint64 count = 0;
    qint64 lastNs = 0;
    QString traceIdHex; // of the newest error
    QString spanIdHex;
    QString lastSeenText;
    QString countText;
    QColor serviceColor;
    bool operator==(const ErrorGroupRow &) const = default;
};

// The errors page's list: errors grouped by fingerprint, the most recently seen group first
// (ties: the larger, then by fingerprint).
class ErrorGroupModel : public KeyedRowsModel<ErrorGroupRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ErrorGroupModel is owned by ErrorsPage")
public:
    enum Role {
        TypeRole = Qt::UserRole + 1, // QString, "TimeoutError", "HTTP 503", ...
        MessageRole, // QString, of the newest error
        ServiceRole, // QString
        OperationRole, // QString
        ServiceColorRole, // QColor, stable per service
        SeverityLevelRole, // int, 0 low .. 3 critical
        SeverityTextRole, // QString, translated
        CountRole, // qint64, errors in the group
        CountTextRole, // QString, "1,204"
        LastSeenTextRole, // QString, "14:03:21" today, else "2023-11-14 14:03"
        TraceIdRole, // QString, hex, of the newest error
        SpanIdRole, // QString, hex
    };
    Q_ENUM(Role)

    explicit ErrorGroupModel(QObject *parent = nullptr);

    // `nowNs` decides which times are "today".
    void setErrors(const QList<ErrorView> &errors, qint64 nowNs);
    static QList<ErrorGroupRow> groupErrors(const QList<ErrorView> &errors, qint64 nowNs);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

struct ErrorTypeRow
{
    QString key; // the type
    qint64 count = 0;
    QString countText;
    Severity severity = Severity::Low;
    bool operator==(const ErrorTypeRow &) const = default;
};

// The "error types" summary: type, count and the most severe severity, most frequent first
// (ErrorList::types, over every match of the query, not only the errors listed).
class ErrorTypeModel : public KeyedRowsModel<ErrorTypeRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ErrorTypeModel is owned by ErrorsPage")
public:
    enum Role {
        TypeRole = Qt::UserRole + 1, // QString
        CountRole, // qint64
        CountTextRole, // QString
        SeverityLevelRole, // int, 0 low .. 3 critical
        SeverityTextRole, // QString, translated
    };
    Q_ENUM(Role)

    explicit ErrorTypeModel(QObject *parent = nullptr);
    void setTypes(const QList<ErrorTypeCount> &types);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
