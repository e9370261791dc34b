#pragma once

#include "analysis/serviceanalysis.h"
#include "keyedrowsmodel.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

#include <array>

namespace spanlight {

// An error rate above this fraction is shown as an alert (red) on every page.
constexpr double kAlertErrorRate = 0.05;

// The services table: one row per service with the RED figures of its requests over the
// page's window, one column per figure. Display text per cell is computed here; SortValueRole
// holds the raw figure that ServiceSortModel sorts by. Rows are by name, as they arrive.
class ServiceTableModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ServiceTableModel is owned by ServicesPage")
public:
    enum Column {
        NameColumn,
        RequestsColumn,
        RateColumn,
        ErrorRateColumn,
        P50Column,
        P95Column,
        P99Column,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        SortValueRole = Qt::UserRole + 1, // QString (name) or double: what the column sorts by
        ServiceRole, // QString, the row's service name (every column)
        ServiceColorRole, // QColor, stable per service
        NumericRole, // bool, a figure (right-aligned)
        AlertRole, // bool, the error rate cell of a service failing more than kAlertErrorRate
    };
    Q_ENUM(Role)

    explicit ServiceTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The same services in the same order only change data; otherwise the model resets.
    void setServices(const QList<ServicePerformance> &services);
    const ServicePerformance *serviceAt(int row) const;
    int rowOf(const QString &service) const;

private:
    struct Row
    {
        ServicePerformance performance;
        QColor color;
        std::array<QString, ColumnCount> text;
    };
    static Row makeRow(const ServicePerformance &p);
    QList<Row> m_rows;
};

// The services table sorted in C++: click a header, sortBy(column). A figure column sorts the
// largest first on its first click, the name column A to Z; a second click reverses. The header
// of the sorted column carries an arrow. Ties are in name order, whichever the direction.
class ServiceSortModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ServiceSortModel is owned by ServicesPage")
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(bool descending READ isDescending NOTIFY sortChanged)
public:
    explicit ServiceSortModel(ServiceTableModel *source, QObject *parent = nullptr);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool isDescending() const { return sortOrder() == Qt::DescendingOrder; }

    Q_INVOKABLE void sortBy(int column);
    Q_INVOKABLE QString serviceAt(int row) const; // empty when out of range
    Q_INVOKABLE int rowOf(const QString &service) const; // -1 when absent

Q_SIGNALS:
    void sortChanged();

protected:
    // Ties (two services without errors) go A to Z in either direction.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

// The operations of the selected service: its entry operations over the window, most requests first.
struct OperationRow
{
    QString key; // the operation's name
    QString requestsText;
    QString rateText;
    QString errorRateText;
    QString avgText;
    qint64 requests = 0;
    bool alert = false;
    bool operator==(const OperationRow &) const = default;
};

class OperationStatsModel : public KeyedRowsModel<OperationRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("OperationStatsModel is owned by ServicesPage")
public:
    enum Role {
        NameRole = Qt::UserRole + 1, // QString
        RequestsTextRole, // QString, "1,204"
        RateTextRole, // QString, "3.2/s"
        ErrorRateTextRole, // QString, "2.5 %"
        AvgTextRole, // QString, "12.3 ms"
        RequestsRole, // qint64
        AlertRole, // bool, error rate above kAlertErrorRate
    };
    Q_ENUM(Role)

    explicit OperationStatsModel(QObject *parent = nullptr);
    void setOperations(const QList<OperationStats> &operations);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
