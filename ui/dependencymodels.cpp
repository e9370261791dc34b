#include "dependencymodels.h"

namespace spanlight {

DependencyNodeModel::DependencyNodeModel(QObject *parent)
    : KeyedRowsModel<DependencyNodeRow>(parent)
{ }

QVariant DependencyNodeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DependencyNodeRow &n = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return n.name;
    case NodeIdRole:
        return n.key;
    case ExternalRole:
        return n.external;
    case XRole:
        return n.x;
    case YRole:
        return n.y;
    case DiameterRole:
        return n.diameter;
    case ColorRole:
        return n.color;
    case RequestsTextRole:
        return n.requestsText;
    case DetailTextRole:
        return n.detailText;
    case ToolTipTextRole:
        return n.toolTipText;
    case AlertRole:
        return n.alert;
    case SelectedRole:
        return n.selected;
    case HighlightedRole:
        return n.highlighted;
    case DimmedRole:
        return n.dimmed;
    default:
        return {};
    }
}

QHash<int, QByteArray> DependencyNodeModel::roleNames() const
{
    return { { NodeIdRole, "nodeId" }, { NameRole, "name" }, { ExternalRole, "external" }, { XRole, "nodeX" },
        { YRole, "nodeY" }, { DiameterRole, "diameter" }, { ColorRole, "nodeColor" },
        { RequestsTextRole, "requestsText" }, { DetailTextRole, "detailText" },
        { ToolTipTextRole, "toolTipText" }, { AlertRole, "alert" }, { SelectedRole, "selected" },
        { HighlightedRole, "highlighted" }, { DimmedRole, "dimmed" } };
}

CriticalPathModel::CriticalPathModel(QObject *parent)
    : KeyedRowsModel<CriticalPathRow>(parent)
{ }

QVariant CriticalPathModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CriticalPathRow &p = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case PathTextRole:
        return p.pathText;
    case LatencyTextRole:
        return p.latencyText;
    case BottleneckTextRole:
        return p.bottleneckText;
    default:
        return {};
    }
}

QHash<int, QByteArray> CriticalPathModel::roleNames() const
{
    return { { PathTextRole, "pathText" }, { LatencyTextRole, "latencyText" },
        { BottleneckTextRole, "bottleneckText" } };
}

} // namespace spanlight
