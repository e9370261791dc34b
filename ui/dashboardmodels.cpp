#include "dashboardmodels.h"

#include "displaytext.h"
#include "servicemodels.h"

namespace spanlight {

KpiModel::KpiModel(QObject *parent)
    : KeyedRowsModel<KpiRow>(parent)
{ }

QVariant KpiModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KpiRow &k = m_rows[index.row()];
    switch (role) {
    case KeyRole:
        return k.key;
    case Qt::DisplayRole:
    case TitleRole:
        return k.title;
    case ValueTextRole:
        return k.valueText;
    case DetailTextRole:
        return k.detailText;
    case SparklineRole:
        return QVariant::fromValue(k.sparkline);
    case ValueRole:
        return k.value;
    case AlertRole:
        return k.alert;
    default:
        return {};
    }
}

QHash<int, QByteArray> KpiModel::roleNames() const
{
    return { { KeyRole, "key" }, { TitleRole, "title" }, { ValueTextRole, "valueText" },
        { DetailTextRole, "detailText" }, { SparklineRole, "sparkline" }, { ValueRole, "value" },
        { AlertRole, "alert" } };
}

TopServiceModel::TopServiceModel(QObject *parent)
    : KeyedRowsModel<TopServiceRow>(parent)
{ }

void TopServiceModel::setServices(const QList<ServicePerformance> &services, int limit)
{
    QList<const ServicePerformance *> busy;
    for (const ServicePerformance &p : services)
        if (p.totalRequests > 0)
            busy.append(&p);
    std::sort(busy.begin(), busy.end(), [](const ServicePerformance *a, const ServicePerformance *b) {
        if (a->totalRequests != b->totalRequests)
            return a->totalRequests > b->totalRequests;
        return a->service < b->service;
    });
    if (busy.size() > limit)
        busy.resize(std::max(0, limit));
    QList<TopServiceRow> rows;
    const qint64 most = busy.isEmpty() ? 0 : busy.first()->totalRequests;
    for (const ServicePerformance *p : std::as_const(busy)) {
        TopServiceRow r;
        r.key = p->service;
        r.color = serviceColor(p->service);
        r.requests = p->totalRequests;
        r.requestsText = countText(p->totalRequests);
        r.rateText = ratePerSecondText(p->throughputPerSecond);
        r.errorRateText = percentText(p->errorRate);
        r.p95Text = millisText(p->p95Ms);
        r.share = most > 0 ? double(p->totalRequests) / double(most) : 0;
        r.alert = p->errorRate > kAlertErrorRate;
        rows.append(r);
    }
    setRows(rows);
}

QString TopServiceModel::serviceAt(int row) const
{
    const TopServiceRow *r = rowAt(row);
    return r ? r->key : QString();
}

QVariant TopServiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TopServiceRow &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.key;
    case ServiceColorRole:
        return r.color;
    case RequestsTextRole:
        return r.requestsText;
    case RateTextRole:
        return r.rateText;
    case ErrorRateTextRole:
        return r.errorRateText;
    case P95TextRole:
        return r.p95Text;
    case RequestsRole:
        return r.requests;
    case ShareRole:
        return r.share;
    case AlertRole:
        return r.alert;
    default:
        return {};
    }
}

QHash<int, QByteArray> TopServiceModel::roleNames() const
{
    return { { NameRole, "name" }, { ServiceColorRole, "serviceColor" }, { RequestsTextRole, "requestsText" },
        { RateTextRole, "rateText" }, { ErrorRateTextRole, "errorRateText" }, { P95TextRole, "p95Text" },
        { RequestsRole, "requests" }, { ShareRole, "share" }, { AlertRole, "alert" } };
}

} // namespace spanlight
