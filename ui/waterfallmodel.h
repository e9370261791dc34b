#pragma once

#include "analysis/traceanalysis.h"
#include "timescale.h"

#include <QAbstractListModel>
#include <QColor>
#include <QSet>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// The waterfall of one trace: a value copy of its spans in tree order (parents before
// children, siblings by start), exposing only the rows not hidden by a collapsed ancestor.
// Bars are placed with fractions of the trace's time span, so the view only multiplies by
// its width. Collapsed spans are remembered by span id, so reloading the same trace (late
// spans arrived) keeps what the user folded.
class WaterfallModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("WaterfallModel is owned by ConsoleController")
    Q_PROPERTY(bool hasTrace READ hasTrace NOTIFY traceChanged)
    Q_PROPERTY(QString traceId READ traceIdHex NOTIFY traceChanged)
    Q_PROPERTY(QString title READ title NOTIFY traceChanged)
    Q_PROPERTY(QString durationText READ traceDurationText NOTIFY traceChanged)
    Q_PROPERTY(QString startText READ startText NOTIFY traceChanged)
    Q_PROPERTY(int spanCount READ spanCount NOTIFY traceChanged)
    Q_PROPERTY(int serviceCount READ serviceCount NOTIFY traceChanged)
    Q_PROPERTY(QVariantList rulerTicks READ rulerTicks NOTIFY traceChanged)
public:
    enum Role {
        SpanIdRole = Qt::UserRole + 1, // QString, hex
        ParentIndexRole, // int, tree-order index of the parent span (-1 for roots), not a row
        DepthRole, // int, 0 for roots
        NameRole, // QString
        ServiceRole, // QString
        ServiceColorRole, // QColor, stable per service
        OffsetFractionRole, // double in [0, 1]: span start within the trace
        WidthFractionRole, // double in [0, 1]: span duration / trace duration
        DurationTextRole, // QString, "12.3 ms"
        SelfTimeTextRole, // QString, time not covered by children
        StartOffsetTextRole, // QString, start relative to the trace start, "+1.20 ms"
        IsErrorRole, // bool, error or timeout status
        ErrorTextRole, // QString, "<type>: <message>" for error spans, else empty
        HasChildrenRole, // bool
        ExpandedRole, // bool, false when the span's children are hidden
    };
    Q_ENUM(Role)

    explicit WaterfallModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setTrace(const TraceDetails &details);
    void clear();

    bool hasTrace() const { return m_hasTrace; }
    QByteArray traceId() const { return m_trace.summary.traceId; }
    QString traceIdHex() const;
    QString title() const;
    QString traceDurationText() const;
    QString startText() const; // the trace's start, date and time in the display time zone
    int spanCount() const { return int(m_trace.spans.size()); }
    int serviceCount() const { return m_serviceCount; }
    QVariantList rulerTicks() const;
    const TimeScale &timeScale() const { return m_scale; }

    // Collapsing hides the row's descendants; expanding shows them again, except those
    // below a descendant that is itself collapsed.
    Q_INVOKABLE void toggle(int row);
    Q_INVOKABLE void setExpanded(int row, bool expanded);
    Q_INVOKABLE void expandAll();
    // Keyboard helpers: Left collapses an expanded row, else moves to the parent; Right
    // expands a collapsed row, else moves to its first child. Both return the new current row.
    Q_INVOKABLE int collapseOrParent(int row);
    Q_INVOKABLE int expandOrChild(int row);
    Q_INVOKABLE int parentRow(int row) const; // -1 for roots

    const SpanView *spanAt(int row) const; // null when out of range
    int rowOfSpan(const QByteArray &spanId) const; // -1 when absent or hidden
    // The row of the span or, when a collapsed ancestor hides it, of its nearest visible ancestor.
    int rowShowing(const QByteArray &spanId) const;

Q_SIGNALS:
    void traceChanged();

private:
    struct RowText
    {
        QString spanIdHex;
        QString durationText;
        QString selfTimeText;
        QString startOffsetText;
        QString errorText;
        QColor color;
        double offset = 0;
        double width = 0;
    };
    bool isExpanded(int spanIndex) const;
    void appendVisibleSubtree(int spanIndex, QList<int> *out) const; // the span's visible descendants
    void rebuildVisible();

    TraceDetails m_trace;
    bool m_hasTrace = false;
    TimeScale m_scale;
    QList<RowText> m_text; // per span, parallel to m_trace.spans
    QList<int> m_subtreeEnd; // per span: one past its last descendant in tree order
    QList<int> m_visible; // row -> span index, ascending
    QSet<QByteArray> m_collapsed; // span ids
    int m_serviceCount = 0;
};

} // namespace spanlight
