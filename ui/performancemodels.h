#pragma once

#include "analysis/serviceanalysis.h"
#include "keyedrowsmodel.h"

#include <QColor>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

struct SlowOperationRow
{
    QString key; // service and operation
    QString service;
    QString operation;
    QColor serviceColor;
    QString countText;
    QString avgText;
    QString maxText;
    QString errorRateText;
    double avgMs = 0;
    bool alert = false;
    bool operator==(const SlowOperationRow &) const = default;
};

// The slowest operations of the window (every span of them, not only requests), the highest
// average first, as ServiceAnalysis::slowest() orders them.
class SlowOperationModel : public KeyedRowsModel<SlowOperationRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SlowOperationModel is owned by PerformancePage")
public:
    enum Role {
        ServiceRole = Qt::UserRole + 1, // QString
        OperationRole, // QString
        ServiceColorRole, // QColor, stable per service
        CountTextRole, // QString, spans in the window, "1,204"
        AvgTextRole, // QString, "120 ms"
        MaxTextRole, // QString, "1.20 s"
        ErrorRateTextRole, // QString, "2.5 %"
        AvgMsRole, // double
        AlertRole, // bool, error rate above kAlertErrorRate
    };
    Q_ENUM(Role)

    explicit SlowOperationModel(QObject *parent = nullptr);
    void setOperations(const QList<OperationStats> &operations);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
