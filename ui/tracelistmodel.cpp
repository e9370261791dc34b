#include "tracelistmodel.h"

#include "analysis/traceanalysis.h"
#include "core/ids.h"
#include "core/timeformat.h"
#include "displaytext.h"

#include <QSet>

namespace spanlight {

TraceListModel::TraceListModel(QObject *parent) : QAbstractListModel(parent) { }

int TraceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TraceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case OperationRole:
        return row.summary.operationName;
    case TraceIdRole:
        return row.traceIdHex;
    case ServiceRole:
        return row.summary.serviceName;
    case StartTextRole:
        return row.startText;
    case DurationTextRole:
        return row.durationText;
    case DurationMsRole:
        return nanosToMillis(row.summary.durationNs());
    case SpanCountRole:
        return row.summary.spanCount;
    case StatusRole:
        return row.statusName;
    case IsErrorRole:
        return row.summary.status != TraceStatus::Success;
    case ErrorMessageRole:
        return row.summary.errorMessage;
    case HasRootRole:
        return row.summary.hasRoot;
    case ErrorCountRole:
        return row.summary.errorCount;
    case NoteRole:
        return row.noteExcerpt;
    case HasNoteRole:
        return !row.summary.note.isEmpty();
    default:
        return {};
    }
}

QHash<int, QByteArray> TraceListModel::roleNames() const
{
    return {
        {TraceIdRole, "traceId"},         {ServiceRole, "service"},       {OperationRole, "operation"},
        {StartTextRole, "startText"},     {DurationTextRole, "durationText"}, {DurationMsRole, "durationMs"},
        {SpanCountRole, "spanCount"},     {StatusRole, "status"},         {IsErrorRole, "isError"},
        {ErrorMessageRole, "errorMessage"}, {HasRootRole, "hasRoot"},   {ErrorCountRole, "errorCount"},
        {NoteRole, "note"},               {HasNoteRole, "hasNote"},
    };
}

TraceListModel::Row TraceListModel::makeRow(const TraceSummary &summary)
{
    return { summary, idToHex(summary.traceId), clockTimeText(summary.startNs),
        durationText(summary.durationNs()), traceStatusName(summary.status),
        TraceAnalysis::noteExcerpt(summary.note, kNoteExcerptChars), displayTimeZone() };
}

bool TraceListModel::sameDisplay(const TraceSummary &a, const TraceSummary &b)
{
    return a.startNs == b.startNs && a.endNs == b.endNs && a.spanCount == b.spanCount && a.errorCount == b.errorCount
        && a.status == b.status
        && a.hasRoot == b.hasRoot && a.serviceName == b.serviceName && a.operationName == b.operationName
        && a.errorMessage == b.errorMessage && a.note == b.note;
}

void TraceListModel::setTraces(const QList<TraceSummary> &snapshot)
{
    const int oldCount = count();

    // The merge below relies on unique ids; a duplicate keeps its first position.
    QSet<QByteArray> incoming;
    incoming.reserve(snapshot.size());
    QList<TraceSummary> traces;
    traces.reserve(snapshot.size());
    for (const TraceSummary &t : snapshot) {
        if (!incoming.contains(t.traceId)) {
            incoming.insert(t.traceId);
            traces.append(t);
        }
    }

    // 1. Removals, as contiguous runs from the back so that earlier row numbers stay valid.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (incoming.contains(m_rows[last].summary.traceId)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !incoming.contains(m_rows[first - 1].summary.traceId))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    // 2. Walk the snapshot: rows [0, i) already equal traces[0, i). Every remaining row is in
    // the snapshot, so a mismatch is either a new trace (insert) or a reordered one (move).
    QSet<QByteArray> present;
    present.reserve(m_rows.size());
    for (const Row &r : std::as_const(m_rows))
        present.insert(r.summary.traceId);

    int changedFirst = -1;
    int changedLast = -1;
    const auto flushChanged = [&] {
        if (changedFirst >= 0)
            Q_EMIT dataChanged(index(changedFirst), index(changedLast));
        changedFirst = changedLast = -1;
    };

    for (int i = 0; i < traces.size(); ++i) {
        const TraceSummary &wanted = traces[i];
        if (i < m_rows.size() && m_rows[i].summary.traceId == wanted.traceId) {
            // A row also changes when the time zone switched since it was made.
            if (!sameDisplay(m_rows[i].summary, wanted) || m_rows[i].zone != displayTimeZone()) {
                m_rows[i] = makeRow(wanted);
                if (changedFirst < 0)
                    changedFirst = i;
                changedLast = i;
            } else {
                m_rows[i].summary = wanted; // e.g. root attributes; nothing the view shows
                flushChanged();
            }
            continue;
        }
        flushChanged();
        if (!present.contains(wanted.traceId)) {
            int end = i + 1; // a run of new traces becomes one insert
            while (end < traces.size() && !present.contains(traces[end].traceId))
                ++end;
            beginInsertRows({}, i, end - 1);
            for (int k = i; k < end; ++k) {
                m_rows.insert(k, makeRow(traces[k]));
                present.insert(traces[k].traceId);
            }
            endInsertRows();
            i = end - 1;
            continue;
        }
        int from = i + 1;
        while (m_rows[from].summary.traceId != wanted.traceId)
            ++from;
        beginMoveRows({}, from, from, {}, i);
        m_rows.move(from, i);
        endMoveRows();
        if (!sameDisplay(m_rows[i].summary, wanted) || m_rows[i].zone != displayTimeZone()) {
            m_rows[i] = makeRow(wanted);
            changedFirst = changedLast = i;
        } else {
            m_rows[i].summary = wanted;
        }
    }
    flushChanged();
    Q_ASSERT(m_rows.size() == traces.size());

    if (count() != oldCount)
        Q_EMIT countChanged();
}

int TraceListModel::rowOf(const QString &traceIdHex) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].traceIdHex == traceIdHex)
            return i;
    }
    return -1;
}

int TraceListModel::rowOf(const QByteArray &traceId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].summary.traceId == traceId)
            return i;
    }
    return -1;
}

const TraceSummary *TraceListModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].summary : nullptr;
}

QString TraceListModel::traceIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].traceIdHex : QString();
}

} // namespace spanlight
