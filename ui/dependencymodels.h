#pragma once

#include "keyedrowsmodel.h"

#include <QColor>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// One node of the dependency page's graph, placed by GraphLayout.
struct DependencyNodeRow
{
    QString key; // the node id ("external:<name>" for an external system)
    QString name;
    bool external = false;
    double x = 0; // top left of the node's shape, in graph coordinates
    double y = 0;
    double diameter = 0;
    QColor color;
    QString requestsText; // "1,204 req"
    QString detailText; // "12.3 ms · 2.5 % errors"
    QString toolTipText; // name, requests and detail on three lines
    bool alert = false; // error rate above kAlertErrorRate
    bool selected = false;
    bool highlighted = false; // on a critical path through the selected node
    bool dimmed = false; // a node is selected and this one is not on its paths
    bool operator==(const DependencyNodeRow &) const = default;
};

class DependencyNodeModel : public KeyedRowsModel<DependencyNodeRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DependencyNodeModel is owned by DependenciesPage")
public:
    enum Role {
        NodeIdRole = Qt::UserRole + 1, // QString
        NameRole, // QString
        ExternalRole, // bool, an external system (database, queue, uninstrumented API)
        XRole, // double
        YRole, // double
        DiameterRole, // double, grows with the node's requests
        ColorRole, // QColor, stable per service name; external systems share one colour
        RequestsTextRole, // QString
        DetailTextRole, // QString
        ToolTipTextRole, // QString
        AlertRole, // bool
        SelectedRole, // bool
        HighlightedRole, // bool
        DimmedRole, // bool
    };
    Q_ENUM(Role)

    explicit DependencyNodeModel(QObject *parent = nullptr);
    void setNodes(const QList<DependencyNodeRow> &rows) { setRows(rows); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

// A critical path through the selected node, for the impact panel.
struct CriticalPathRow
{
    QString key; // the node ids joined
    QString pathText; // "frontend → checkout → postgres"
    QString latencyText; // "42.0 ms"
    QString bottleneckText; // the bottleneck node's name
    bool operator==(const CriticalPathRow &) const = default;
};

class CriticalPathModel : public KeyedRowsModel<CriticalPathRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CriticalPathModel is owned by DependenciesPage")
public:
    enum Role {
        PathTextRole = Qt::UserRole + 1, // QString
        LatencyTextRole, // QString
        BottleneckTextRole, // QString
    };
    Q_ENUM(Role)

    explicit CriticalPathModel(QObject *parent = nullptr);
    void setPaths(const QList<CriticalPathRow> &rows) { setRows(rows); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
};

} // namespace spanlight
