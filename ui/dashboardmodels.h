#pragma once

#include "analysis/serviceanalysis.h"
#include "keyedrowsmodel.h"

#include <QColor>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// One figure of the dashboard with its per-minute history.
struct KpiRow
{
    QString key; // "spans", "traces", "errors", "latency"
    QString title;
    QString valueText; // the figure over the whole window
    QString detailText; // what it is made of
    QList<qreal> sparkline; // one value per minute of the window, oldest first
    double value = 0;
    bool alert = false;
    bool operator==(const KpiRow &) const = default;
};

// The dashboard's KPI tiles, in the order given.
class KpiModel : public KeyedRowsModel<KpiRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("KpiModel is owned by DashboardPage")
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString, "spans", "traces", "errors" or "latency"
        TitleRole, // QString, "Spans per second"
        ValueTextRole, // QString, "12.3/s"
        DetailTextRole, // QString, "11,070 spans"
        SparklineRole, // QList<qreal>, one value per minute, oldest first
        ValueRole, // double, the raw figure
        AlertRole, // bool, the figure is bad (error rate above kAlertErrorRate)
    };
    Q_ENUM(Role)

    explicit KpiModel(QObject *parent = nullptr);
    void setKpis(const QList<KpiRow> &kpis) { setRows(kpis); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

struct TopServiceRow
{
    QString key; // the service's name
    QColor color;
    QString requestsText;
    QString rateText;
    QString errorRateText;
    QString p95Text;
    qint64 requests = 0;
    double share = 0; // of the busiest service's requests, 0..1
    bool alert = false;
    bool operator==(const TopServiceRow &) const = default;
};

// The busiest services of the window: most requests first (ties A to Z), services without
// requests left out, at most `limit`.
class TopServiceModel : public KeyedRowsModel<TopServiceRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TopServiceModel is owned by DashboardPage")
public:
    enum Role {
        NameRole = Qt::UserRole + 1, // QString
        ServiceColorRole, // QColor, stable per service
        RequestsTextRole, // QString, "1,204"
        RateTextRole, // QString, "1.3/s"
        ErrorRateTextRole, // QString, "2.5 %"
        P95TextRole, // QString, "120 ms"
        RequestsRole, // qint64
        ShareRole, // double, 0..1 of the busiest service's requests (the bar's length)
        AlertRole, // bool, error rate above kAlertErrorRate
    };
    Q_ENUM(Role)

    explicit TopServiceModel(QObject *parent = nullptr);
    void setServices(const QList<ServicePerformance> &services, int limit);
    Q_INVOKABLE QString serviceAt(int row) const; // empty when out of range

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
