#include "performancemodels.h"

#include "displaytext.h"
#include "servicemodels.h"

namespace spanlight {

SlowOperationModel::SlowOperationModel(QObject *parent)
    : KeyedRowsModel<SlowOperationRow>(parent)
{ }

void SlowOperationModel::setOperations(const QList<OperationStats> &operations)
{
    QList<SlowOperationRow> rows;
    for (const OperationStats &o : operations) {
        SlowOperationRow r;
        r.key = o.service + u'\x1f' + o.name;
        r.service = o.service;
        r.operation = o.name;
        r.serviceColor = serviceColor(o.service);
        r.countText = countText(o.count);
        r.avgText = millisText(o.avgDurationMs);
        r.maxText = millisText(o.maxDurationMs);
        r.errorRateText = percentText(o.errorRate);
        r.avgMs = o.avgDurationMs;
        r.alert = o.errorRate > kAlertErrorRate;
        rows.append(r);
    }
    setRows(rows);
}

QVariant SlowOperationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SlowOperationRow &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case OperationRole:
        return r.operation;
    case ServiceRole:
        return r.service;
    case ServiceColorRole:
        return r.serviceColor;
    case CountTextRole:
        return r.countText;
    case AvgTextRole:
        return r.avgText;
    case MaxTextRole:
        return r.maxText;
    case ErrorRateTextRole:
        return r.errorRateText;
    case AvgMsRole:
        return r.avgMs;
    case AlertRole:
        return r.alert;
    default:
        return {};
    }
}

QHash<int, QByteArray> SlowOperationModel::roleNames() const
{
    return { { ServiceRole, "service" }, { OperationRole, "operation" }, { ServiceColorRole, "serviceColor" },
        { CountTextRole, "countText" }, { AvgTextRole, "avgText" }, { MaxTextRole, "maxText" },
        { ErrorRateTextRole, "errorRateText" }, { AvgMsRole, "avgMs" }, { AlertRole, "alert" } };
}

} // namespace spanlight
