#pragma once

#include <QColor>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

class DependenciesPage;

// Every edge of the dependency graph in one item: curves, arrow heads and labels as the page
// computed them (DependenciesPage::edgeDrawings()), in graph coordinates. Painted with QPainter,
// so it draws the same with the software renderer (offscreen tests) as with OpenGL; the graph
// has tens of edges, not thousands. Colours come from the QML theme.
class DependencyEdges : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(spanlight::DependenciesPage *page READ page WRITE setPage NOTIFY pageChanged)
    Q_PROPERTY(QColor lineColor MEMBER m_lineColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor alertColor MEMBER m_alertColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor highlightColor MEMBER m_highlightColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor labelColor MEMBER m_labelColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor labelBackground MEMBER m_labelBackground NOTIFY colorsChanged)
    Q_PROPERTY(int labelPixelSize MEMBER m_labelPixelSize NOTIFY colorsChanged)
    // The view's zoom: geometry is scaled by it, line widths, arrow heads and labels are not, so
    // the graph stays crisp and readable at every zoom.
    Q_PROPERTY(qreal zoom MEMBER m_zoom NOTIFY colorsChanged)
public:
    explicit DependencyEdges(QQuickItem *parent = nullptr);

    DependenciesPage *page() const { return m_page; }
    void setPage(DependenciesPage *page);

    void paint(QPainter *painter) override;

Q_SIGNALS:
    void pageChanged();
    void colorsChanged();

private:
    QPointer<DependenciesPage> m_page;
    QMetaObject::Connection m_connection;
    QColor m_lineColor = QColor(0x80, 0x80, 0x80);
    QColor m_alertColor = QColor(0xd6, 0x27, 0x28);
    QColor m_highlightColor = QColor(0x1f, 0x6f, 0xd1);
    QColor m_labelColor = Qt::black;
    QColor m_labelBackground = Qt::white;
    int m_labelPixelSize = 11;
    qreal m_zoom = 1;
};

} // namespace spanlight
