#include "servicemodels.h"

#include "displaytext.h"

namespace spanlight {

ServiceTableModel::ServiceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ServiceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServiceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

ServiceTableModel::Row ServiceTableModel::makeRow(const ServicePerformance &p)
{
    Row row;
    row.performance = p;
    row.color = serviceColor(p.service);
    row.text[NameColumn] = p.service;
    row.text[RequestsColumn] = countText(p.totalRequests);
    row.text[RateColumn] = ratePerSecondText(p.throughputPerSecond);
    row.text[ErrorRateColumn] = percentText(p.errorRate);
    // Without requests there is no latency to speak of; a dash, not "0 ns".
    const QString none = QStringLiteral("–");
    row.text[P50Column] = p.totalRequests > 0 ? millisText(p.p50Ms) : none;
    row.text[P95Column] = p.totalRequests > 0 ? millisText(p.p95Ms) : none;
    row.text[P99Column] = p.totalRequests > 0 ? millisText(p.p99Ms) : none;
    return row;
}

QVariant ServiceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const ServicePerformance &p = row.performance;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return row.text[column];
    case SortValueRole:
        switch (column) {
        case NameColumn:
            return p.service;
        case RequestsColumn:
            return double(p.totalRequests);
        case RateColumn:
            return p.throughputPerSecond;
        case ErrorRateColumn:
            return p.errorRate;
        case P50Column:
            return p.p50Ms;
        case P95Column:
            return p.p95Ms;
        case P99Column:
            return p.p99Ms;
        }
        return {};
    case ServiceRole:
        return p.service;
    case ServiceColorRole:
        return row.color;
    case NumericRole:
        return column != NameColumn;
    case AlertRole:
        return column == ErrorRateColumn && p.errorRate > kAlertErrorRate;
    default:
        return {};
    }
}

QVariant ServiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Service");
    case RequestsColumn:
        return tr("Requests");
    case RateColumn:
        return tr("Req/s");
    case ErrorRateColumn:
        return tr("Errors");
    case P50Column:
        return tr("p50");
    case P95Column:
        return tr("p95");
    case P99Column:
        return tr("p99");
    }
    return {};
}

QHash<int, QByteArray> ServiceTableModel::roleNames() const
{
    return { { Qt::DisplayRole, "display" }, { SortValueRole, "sortValue" }, { ServiceRole, "service" },
        { ServiceColorRole, "serviceColor" }, { NumericRole, "numeric" }, { AlertRole, "alert" } };
}

void ServiceTableModel::setServices(const QList<ServicePerformance> &services)
{
    bool sameRows = services.size() == m_rows.size();
    for (int i = 0; sameRows && i < services.size(); ++i)
        sameRows = services[i].service == m_rows[i].performance.service;
    if (!sameRows) {
        beginResetModel();
        m_rows.clear();
        for (const ServicePerformance &p : services)
            m_rows.append(makeRow(p));
        endResetModel();
        return;
    }
    for (int i = 0; i < services.size(); ++i) {
        Row row = makeRow(services[i]);
        if (row.text != m_rows[i].text) {
            m_rows[i] = std::move(row);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        } else {
            m_rows[i] = std::move(row); // raw figures may differ below the display precision
        }
    }
}

const ServicePerformance *ServiceTableModel::serviceAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].performance : nullptr;
}

int ServiceTableModel::rowOf(const QString &service) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].performance.service == service)
            return i;
    return -1;
}

ServiceSortModel::ServiceSortModel(ServiceTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSourceModel(source);
    setSortRole(ServiceTableModel::SortValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    sort(ServiceTableModel::RequestsColumn, Qt::DescendingOrder); // the busiest first
}

void ServiceSortModel::sortBy(int column)
{
    if (column < 0 || column >= ServiceTableModel::ColumnCount)
        return;
    Qt::SortOrder order;
    if (column == sortColumn())
        order = sortOrder() == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    else
        order = column == ServiceTableModel::NameColumn ? Qt::AscendingOrder : Qt::DescendingOrder;
    sort(column, order);
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ServiceTableModel::ColumnCount - 1);
    Q_EMIT sortChanged();
}

QVariant ServiceSortModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    QVariant value = QSortFilterProxyModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == sortColumn())
        return QString(value.toString() + (sortOrder() == Qt::AscendingOrder ? u" ▲" : u" ▼"));
    return value;
}

bool ServiceSortModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(ServiceTableModel::SortValueRole);
    const QVariant b = right.data(ServiceTableModel::SortValueRole);
    const QString nameA = left.data(ServiceTableModel::ServiceRole).toString();
    const QString nameB = right.data(ServiceTableModel::ServiceRole).toString();
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double && a.toDouble() != b.toDouble())
        return a.toDouble() < b.toDouble();
    if (a.typeId() == QMetaType::QString) {
        const int c = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
    }
    // Equal figures: the view shows them A to Z, so in a descending sort "less" means later.
    const int byName = QString::compare(nameA, nameB, Qt::CaseInsensitive);
    if (byName == 0)
        return false;
    return sortOrder() == Qt::DescendingOrder ? byName > 0 : byName < 0;
}

QString ServiceSortModel::serviceAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return data(index(row, 0), ServiceTableModel::ServiceRole).toString();
}

int ServiceSortModel::rowOf(const QString &service) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (data(index(row, 0), ServiceTableModel::ServiceRole).toString() == service)
            return row;
    return -1;
}

OperationStatsModel::OperationStatsModel(QObject *parent)
    : KeyedRowsModel<OperationRow>(parent)
{ }

void OperationStatsModel::setOperations(const QList<OperationStats> &operations)
{
    QList<OperationRow> rows;
    for (const OperationStats &o : operations) {
        OperationRow r;
        r.key = o.name;
        r.requests = o.count;
        r.requestsText = countText(o.count);
        r.rateText = ratePerSecondText(o.throughputPerSecond);
        r.errorRateText = percentText(o.errorRate);
        r.avgText = millisText(o.avgDurationMs);
        r.alert = o.errorRate > kAlertErrorRate;
        rows.append(r);
    }
    setRows(rows);
}

QVariant OperationStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OperationRow &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.key;
    case RequestsTextRole:
        return r.requestsText;
    case RateTextRole:
        return r.rateText;
    case ErrorRateTextRole:
        return r.errorRateText;
    case AvgTextRole:
        return r.avgText;
    case RequestsRole:
        return r.requests;
    case AlertRole:
        return r.alert;
    default:
        return {};
    }
}

QHash<int, QByteArray> OperationStatsModel::roleNames() const
{
    return { { NameRole, "name" }, { RequestsTextRole, "requestsText" }, { RateTextRole, "rateText" },
        { ErrorRateTextRole, "errorRateText" }, { AvgTextRole, "avgText" }, { RequestsRole, "requests" },
        { AlertRole, "alert" } };
}

} // namespace spanlight
