#include "errormodels.h"

#include "core/ids.h"
#include "displaytext.h"

#include <QCoreApplication>
#include <QHash>

namespace spanlight {

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QCoreApplication::translate("Severity", "critical");
    case Severity::High:
        return QCoreApplication::translate("Severity", "high");
    case Severity::Medium:
        return QCoreApplication::translate("Severity", "medium");
    case Severity::Low:
        break;
    }
    return QCoreApplication::translate("Severity", "low");
}

ErrorGroupModel::ErrorGroupModel(QObject *parent)
    : KeyedRowsModel<ErrorGroupRow>(parent)
{ }

QList<ErrorGroupRow> ErrorGroupModel::groupErrors(const QList<ErrorView> &errors, qint64 nowNs)
{
    QList<ErrorGroupRow> groups;
    QHash<QString, int> byKey;
    for (const ErrorView &e : errors) {
        const ErrorRecord &r = e.record;
        // Every stored error has a fingerprint; one without (a source that does not set it)
        // groups by what the fingerprint is made of, unmasked.
        const QString key = !r.fingerprint.isEmpty()
            ? r.fingerprint
            : r.service + u'\x1f' + r.operation + u'\x1f' + r.type + u'\x1f' + r.message;
        auto it = byKey.find(key);
        if (it == byKey.end()) {
            ErrorGroupRow g;
            g.key = key;
            g.service = r.service;
            g.operation = r.operation;
            g.serviceColor = serviceColor(r.service);
            it = byKey.insert(key, int(groups.size()));
            groups.append(g);
        }
        ErrorGroupRow &g = groups[*it];
        ++g.count;
        g.severity = std::max(g.severity, e.severity);
        if (g.count == 1 || r.timeNs > g.lastNs) {
            g.lastNs = r.timeNs;
            g.type = r.type;
            g.message = r.message;
            g.traceIdHex = idToHex(r.traceId);
            g.spanIdHex = idToHex(r.spanId);
        }
    }
    for (ErrorGroupRow &g : groups) {
        g.countText = countText(g.count);
        g.lastSeenText = timestampText(g.lastNs, nowNs);
    }
    std::sort(groups.begin(), groups.end(), [](const ErrorGroupRow &a, const ErrorGroupRow &b) {
        if (a.lastNs != b.lastNs)
            return a.lastNs > b.lastNs;
        if (a.count != b.count)
            return a.count > b.count;
        return a.key < b.key;
    });
    return groups;
}

void ErrorGroupModel::setErrors(const QList<ErrorView> &errors, qint64 nowNs)
{
    setRows(groupErrors(errors, nowNs));
}

QVariant ErrorGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ErrorGroupRow &g = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TypeRole:
        return g.type;
    case MessageRole:
        return g.message;
    case ServiceRole:
        return g.service;
    case OperationRole:
        return g.operation;
    case ServiceColorRole:
        return g.serviceColor;
    case SeverityLevelRole:
        return int(g.severity);
    case SeverityTextRole:
        return severityText(g.severity);
    case CountRole:
        return g.count;
    case CountTextRole:
        return g.countText;
    case LastSeenTextRole:
        return g.lastSeenText;
    case TraceIdRole:
        return g.traceIdHex;
    case SpanIdRole:
        return g.spanIdHex;
    default:
        return {};
    }
}

QHash<int, QByteArray> ErrorGroupModel::roleNames() const
{
    return { { TypeRole, "type" }, { MessageRole, "message" }, { ServiceRole, "service" },
        { OperationRole, "operation" }, { ServiceColorRole, "serviceColor" },
        { SeverityLevelRole, "severityLevel" }, { SeverityTextRole, "severityText" }, { CountRole, "count" },
        { CountTextRole, "countText" }, { LastSeenTextRole, "lastSeenText" }, { TraceIdRole, "traceId" },
        { SpanIdRole, "spanId" } };
}

ErrorTypeModel::ErrorTypeModel(QObject *parent)
    : KeyedRowsModel<ErrorTypeRow>(parent)
{ }

void ErrorTypeModel::setTypes(const QList<ErrorTypeCount> &types)
{
    QList<ErrorTypeRow> rows;
    for (const ErrorTypeCount &t : types)
        rows.append({ t.type, t.count, countText(t.count), t.severity });
    setRows(rows);
}

QVariant ErrorTypeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ErrorTypeRow &t = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TypeRole:
        return t.key;
    case CountRole:
        return t.count;
    case CountTextRole:
        return t.countText;
    case SeverityLevelRole:
        return int(t.severity);
    case SeverityTextRole:
        return severityText(t.severity);
    default:
        return {};
    }
}

QHash<int, QByteArray> ErrorTypeModel::roleNames() const
{
    return { { TypeRole, "type" }, { CountRole, "count" }, { CountTextRole, "countText" },
        { SeverityLevelRole, "severityLevel" }, { SeverityTextRole, "severityText" } };
}

} // namespace spanlight
