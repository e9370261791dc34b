#pragma once

#include "analysis/tracecomparison.h"
#include "coalescedquery.h"
#include "keyedrowsmodel.h"

#include <QColor>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

class ConsoleController;

// One row of the compare table, display-ready.
struct CompareRow
{
    QString key; // the span's tree order in the comparison
    QString label; // "service: operation"
    QString pathText; // the whole path, "api: GET /cart › db: db.query"
    QString serviceName;
    int depth = 0;
    int presence = 0; // SpanPresence
    QString presenceText; // "only in A", "only in B"; empty when matched
    QString baselineText; // duration in A, empty when only in B
    QString candidateText;
    QString deltaText; // "+12.0 ms (+40.0 %)", empty unless matched
    QString selfDeltaText;
    int change = 0; // 1 slower, -1 faster, 0 unchanged or not matched
    double baselineBar = 0; // duration over the longer trace's, 0..1
    double candidateBar = 0;
    QString baselineSpanId; // hex, empty when only in B
    QString candidateSpanId;
    bool operator==(const CompareRow &) const = default;
};

// The per-span latency diff of two traces as a table: matched spans with both durations and
// the change, spans only in one trace marked. Sorted in C++: biggest regression first by
// default (regressionFirst()), or by path (tree order), either duration or the self-time change;
// sorting by a column again reverses it. Rows not matched stay after the matched ones when
// sorting by a change.
class TraceCompareModel : public KeyedRowsModel<CompareRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TraceCompareModel is owned by TraceCompare")
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(bool sortDescending READ sortDescending NOTIFY sortChanged)
public:
    enum Role {
        LabelRole = Qt::UserRole + 1, // QString, "service: operation"
        PathTextRole, // QString, the path from the top
        ServiceColorRole, // QColor, serviceColor() of the span's service
        DepthRole, // int
        PresenceRole, // int: 0 matched, 1 only in A (baseline), 2 only in B (candidate)
        PresenceTextRole, // QString, translated; empty when matched
        BaselineTextRole, // QString
        CandidateTextRole, // QString
        DeltaTextRole, // QString
        SelfDeltaTextRole, // QString
        ChangeRole, // int: 1 slower, -1 faster, 0 unchanged or unmatched
        BaselineBarRole, // double 0..1
        CandidateBarRole, // double 0..1
        BaselineSpanIdRole, // QString, hex
        CandidateSpanIdRole, // QString, hex
    };
    Q_ENUM(Role)
    enum SortColumn { DeltaColumn, PathColumn, BaselineColumn, CandidateColumn, SelfDeltaColumn };
    Q_ENUM(SortColumn)

    explicit TraceCompareModel(QObject *parent = nullptr);
    void setComparison(const TraceComparison &comparison);
    void clear();
    void retranslate() { rebuild(); }
    const TraceComparison &comparison() const { return m_comparison; }

    int sortColumn() const { return m_sortColumn; }
    bool sortDescending() const { return m_descending; }
    // Sorts by `column` (a SortColumn): a new column starts in its natural direction (changes and
    // durations largest first, the path top down), the same column again reverses.
    Q_INVOKABLE void sortBy(int column);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void sortChanged();

private:
    void rebuild();

    TraceComparison m_comparison;
    int m_sortColumn = DeltaColumn;
    bool m_descending = true;
};

// The Trace page's comparison of the open trace (A, the baseline) with another (B, the
// candidate): both traces are read and compared on the controller's worker (run()), and the
// result reaches `rows` by value. While `active` the Trace page shows it instead of the waterfall.
class TraceCompare : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TraceCompare is owned by ConsoleController")
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY resultApplied)
    Q_PROPERTY(QString message READ message NOTIFY resultApplied)
    Q_PROPERTY(QString baselineTraceId READ baselineTraceId NOTIFY activeChanged)
    Q_PROPERTY(QString candidateTraceId READ candidateTraceId NOTIFY activeChanged)
    Q_PROPERTY(QString baselineText READ baselineText NOTIFY resultApplied)
    Q_PROPERTY(QString candidateText READ candidateText NOTIFY resultApplied)
    Q_PROPERTY(QString totalDeltaText READ totalDeltaText NOTIFY resultApplied)
    Q_PROPERTY(int totalChange READ totalChange NOTIFY resultApplied)
    Q_PROPERTY(QString countsText READ countsText NOTIFY resultApplied)
    Q_PROPERTY(spanlight::TraceCompareModel *rows READ rows CONSTANT)
public:
    explicit TraceCompare(ConsoleController *controller);

    // Compares `baseline` with `candidate` (16-byte trace ids) and makes the view active.
    void start(const QByteArray &baseline, const QByteArray &candidate);
    Q_INVOKABLE void close();
    Q_INVOKABLE void swap(); // B becomes the baseline
    // Opens the row's span in its trace (A's when it has one, else B's) and closes the view.
    Q_INVOKABLE void openSpan(int row);
    void retranslate();

    bool isActive() const { return m_active; }
    bool isLoading() const { return m_query.inFlight(); }
    bool isLoaded() const { return m_loaded; }
    QString message() const { return m_message; }
    QString baselineTraceId() const;
    QString candidateTraceId() const;
    QString baselineText() const { return m_baselineText; }
    QString candidateText() const { return m_candidateText; }
    QString totalDeltaText() const { return m_totalDeltaText; }
    int totalChange() const { return m_totalChange; }
    QString countsText() const { return m_countsText; }
    TraceCompareModel *rows() const { return m_rows; }
    int queriesStarted() const { return m_query.started(); }

Q_SIGNALS:
    void activeChanged();
    void loadingChanged();
    void resultApplied(); // after each result (or a refusal) reached the view

private:
    bool startQuery();
    void updateTexts();

    ConsoleController *m_controller;
    TraceCompareModel *m_rows;
    CoalescedQuery m_query;
    QByteArray m_baseline;
    QByteArray m_candidate;
    QByteArray m_missing; // the trace the last result did not find
    int m_generation = 0;
    bool m_active = false;
    bool m_loaded = false;
    QString m_message;
    QString m_baselineText;
    QString m_candidateText;
    QString m_totalDeltaText;
    int m_totalChange = 0;
    QString m_countsText;
};

} // namespace spanlight
