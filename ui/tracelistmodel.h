#pragma once

#include "storage/store.h"

#include "displaytext.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// The console's trace list, newest first. Holds value copies of trace summaries with their
// display strings computed once when they arrive. setTraces() merges a new snapshot into the
// current rows with row inserts, removals, moves and dataChanged, so that views keep their
// current item and scroll position while traces stream in.
class TraceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TraceListModel is owned by ConsoleController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        TraceIdRole = Qt::UserRole + 1, // QString, lowercase hex
        ServiceRole, // QString, root (or earliest) span's service
        OperationRole, // QString, root (or earliest) span's name
        StartTextRole, // QString, time of day in the display time zone, "14:03:21.123"
        DurationTextRole, // QString, "12.3 ms"
        DurationMsRole, // double
        SpanCountRole, // qint64
        StatusRole, // QString: "success", "error" or "timeout"
        IsErrorRole, // bool, status is not success
        ErrorMessageRole, // QString, status message of the first error span (may be empty)
        HasRootRole, // bool, false while the root span has not arrived
        ErrorCountRole, // qint64, spans with error status
        NoteRole, // QString, the first line of the trace's note (TraceAnalysis::noteExcerpt), may be empty
        HasNoteRole, // bool
    };
    Q_ENUM(Role)

    explicit TraceListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }

    // Makes the rows equal to `traces` (in that order) with minimal model signals.
    void setTraces(const QList<TraceSummary> &traces);

    Q_INVOKABLE int rowOf(const QString &traceIdHex) const; // -1 when absent
    int rowOf(const QByteArray &traceId) const;
    const TraceSummary *summaryAt(int row) const; // null when out of range
    Q_INVOKABLE QString traceIdAt(int row) const; // hex, empty when out of range

Q_SIGNALS:
    void countChanged();

private:
    struct Row
    {
        TraceSummary summary;
        QString traceIdHex;
        QString startText;
        QString durationText;
        QString statusName;
        QString noteExcerpt;
        DisplayTimeZone zone = DisplayTimeZone::Local; // of startText
    };
    static constexpr qsizetype kNoteExcerptChars = 80; // a list row has one line for it
    static Row makeRow(const TraceSummary &summary);
    static bool sameDisplay(const TraceSummary &a, const TraceSummary &b);

    QList<Row> m_rows;
};

} // namespace spanlight
