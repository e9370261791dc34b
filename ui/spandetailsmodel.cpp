#include "spandetailsmodel.h"

#include "core/ids.h"
#include "deeplink.h"
#include "displaytext.h"

#include <QStringList>

namespace spanlight {

SpanDetailsModel::SpanDetailsModel(QObject *parent) : QAbstractListModel(parent) { }

int SpanDetailsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SpanDetailsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case SectionRole:
        return row.section;
    case Qt::DisplayRole:
    case KeyRole:
        return row.key;
    case ValueRole:
        return row.value;
    case TimeTextRole:
        return row.timeText;
    default:
        return {};
    }
}

QHash<int, QByteArray> SpanDetailsModel::roleNames() const
{
    return {{SectionRole, "section"}, {KeyRole, "key"}, {ValueRole, "value"}, {TimeTextRole, "timeText"}};
}

static QStringList sortedKeys(const QJsonObject &object)
{
    return object.keys(); // QJsonObject keeps its keys sorted
}

void SpanDetailsModel::setSpan(const SpanView &view, qint64 traceStartNs)
{
    const Span &span = view.span;
    beginResetModel();
    m_rows.clear();
    const QString attributes = tr("Attributes");
    for (const QString &key : sortedKeys(span.attributes))
        m_rows.append({attributes, key, attributeText(span.attributes.value(key)), {}});
    const QString events = tr("Events");
    for (const SpanEvent &event : span.events) {
        QStringList pairs;
        for (const QString &key : sortedKeys(event.attributes))
            pairs.append(key + u'=' + attributeText(event.attributes.value(key)));
        m_rows.append({events, event.name, pairs.join(QStringLiteral(", ")),
                       u'+' + spanlight::durationText(event.timeUnixNano - span.startTimeUnixNano)});
    }
    const QString resource = tr("Resource");
    for (const QString &key : sortedKeys(span.resourceAttributes))
        m_rows.append({resource, key, attributeText(span.resourceAttributes.value(key)), {}});
    if (!span.scopeName.isEmpty()) {
        const QString scope = tr("Instrumentation scope");
        m_rows.append({scope, tr("name"), span.scopeName, {}});
        if (!span.scopeVersion.isEmpty())
            m_rows.append({scope, tr("version"), span.scopeVersion, {}});
    }
    endResetModel();

    m_hasSpan = true;
    m_name = span.name;
    m_service = span.serviceName;
    m_spanId = idToHex(span.spanId);
    m_parentSpanId = idToHex(span.parentSpanId);
    m_kind = spanKindName(span.kind);
    m_status = traceStatusName(view.status);
    m_isError = view.status != TraceStatus::Success;
    if (m_isError) {
        const SpanError e = spanError(span);
        m_errorType = e.type;
        m_errorMessage = e.message;
        m_stackTrace = e.stackTrace;
    } else {
        m_errorType.clear();
        m_errorMessage.clear();
        m_stackTrace.clear();
    }
    m_startOffsetText = u'+' + spanlight::durationText(span.startTimeUnixNano - traceStartNs);
    m_durationText = spanlight::durationText(span.durationNano());
    m_selfTimeText = spanlight::durationText(view.selfTimeNs);
    m_link = DeepLink::forSpan(span.traceId, span.spanId);
    m_startTimeText = spanlight::dateTimeText(span.startTimeUnixNano);
    Q_EMIT spanChanged();
}

void SpanDetailsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_hasSpan = m_isError = false;
    for (QString *s :
        { &m_name, &m_service, &m_spanId, &m_parentSpanId, &m_kind, &m_status, &m_errorType, &m_errorMessage,
            &m_stackTrace, &m_startOffsetText, &m_durationText, &m_selfTimeText, &m_link, &m_startTimeText })
        s->clear();
    Q_EMIT spanChanged();
}

} // namespace spanlight
