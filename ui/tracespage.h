#pragma once

#include "consolepage.h"
#include "displaytext.h"
#include "tracelistmodel.h"

#include <QHash>

namespace spanlight {

// What the Traces page asks for in one query.
struct TracesSnapshot
{
    TraceList list;
    QStringList serviceNames; // every stored service, for the form
    QHash<QString, QStringList> operations; // per service, by name
};

// The Traces page: a Jaeger-like search. The form (service, operation, time range preset or a
// custom from/to, duration min/max in ms, status, the root span's tags, limit) is a draft until search()
// applies it; a preset button (choosePreset()) applies it at once. The applied search runs on the worker
// thread (Store::searchTraces through the source); with a preset it is live: its window ends
// now and it refreshes every ConsoleController::pageRefreshIntervalMs while shown. The default
// search is the last 15 minutes, everything, newest first.
//
// Results are `results` (a TraceListModel), ordered by the sort: newest first, slowest first
// (the store's order, so these are the slowest matches of the window), most spans or most
// errors (those two order the fetched results, the newest `limit` matches).
class TracesPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TracesPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::TraceListModel *results READ results CONSTANT)
    Q_PROPERTY(QStringList serviceOptions READ serviceOptions NOTIFY optionsChanged)
    Q_PROPERTY(int serviceIndex READ serviceIndex WRITE setServiceIndex NOTIFY formChanged)
    Q_PROPERTY(QStringList operationOptions READ operationOptions NOTIFY optionsChanged)
    Q_PROPERTY(int operationIndex READ operationIndex WRITE setOperationIndex NOTIFY formChanged)
    Q_PROPERTY(bool customRange READ isCustomRange WRITE setCustomRange NOTIFY formChanged)
    Q_PROPERTY(QString customFrom READ customFrom WRITE setCustomFrom NOTIFY formChanged)
    Q_PROPERTY(QString customTo READ customTo WRITE setCustomTo NOTIFY formChanged)
    Q_PROPERTY(QString minDuration READ minDuration WRITE setMinDuration NOTIFY formChanged)
    Q_PROPERTY(QString maxDuration READ maxDuration WRITE setMaxDuration NOTIFY formChanged)
    Q_PROPERTY(QStringList statusOptions READ statusOptions NOTIFY labelsChanged)
    Q_PROPERTY(int statusIndex READ statusIndex WRITE setStatusIndex NOTIFY formChanged)
    Q_PROPERTY(QString tags READ tags WRITE setTags NOTIFY formChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY formChanged)
    Q_PROPERTY(QString formError READ formError NOTIFY formErrorChanged)
    Q_PROPERTY(QStringList sortOptions READ sortOptions NOTIFY labelsChanged)
    Q_PROPERTY(int sortIndex READ sortIndex WRITE setSortIndex NOTIFY sortChanged)
    Q_PROPERTY(bool liveSearch READ isLiveSearch NOTIFY searchApplied)
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY resultApplied)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
    Q_PROPERTY(double windowFromMs READ windowFromMs NOTIFY resultApplied)
    Q_PROPERTY(double windowToMs READ windowToMs NOTIFY resultApplied)
public:
    enum Sort { NewestFirst, SlowestFirst, MostSpans, MostErrors };
    Q_ENUM(Sort)
    // Enough for the scatter to cover a busy quarter hour, not just its last minutes.
    static constexpr int kDefaultLimit = 1000;
    static constexpr int kMaxLimit = 10000; // the API's

    explicit TracesPage(ConsoleController *controller);

    TraceListModel *results() const { return m_results; }

    // Index 0 means "all" in both lists. The operations are the chosen service's, or every
    // service's without one.
    QStringList serviceOptions() const;
    int serviceIndex() const;
    void setServiceIndex(int index);
    QStringList operationOptions() const;
    int operationIndex() const;
    void setOperationIndex(int index);
    QString service() const { return m_draft.service; }
    void setService(const QString &service); // empty: any; also clears the operation
    QString operation() const { return m_draft.operation; }
    void setOperation(const QString &operation);

    bool isCustomRange() const { return m_draft.custom; }
    void setCustomRange(bool custom); // on: from/to start as the window shown last
    // Local time, "yyyy-MM-dd HH:mm" (seconds allowed).
    QString customFrom() const { return m_draft.fromText; }
    void setCustomFrom(const QString &text);
    QString customTo() const { return m_draft.toText; }
    void setCustomTo(const QString &text);
    // Milliseconds (fractions allowed), empty for no bound.
    QString minDuration() const { return m_draft.minText; }
    void setMinDuration(const QString &text);
    QString maxDuration() const { return m_draft.maxText; }
    void setMaxDuration(const QString &text);
    QStringList statusOptions() const; // any, failed
    int statusIndex() const { return m_draft.errorsOnly ? 1 : 0; }
    void setStatusIndex(int index);
    // The root span's attributes, "key=value key2=\"a value\"" (TraceFilter::rootAttributes).
    QString tags() const { return m_draft.tagsText; }
    void setTags(const QString &text);
    // Space-separated key=value pairs; a value in double quotes may hold spaces (\" and \\ inside).
    // Null when the text is not such a list.
    static std::optional<QList<std::pair<QString, QString>>> parseTags(const QString &text);
    int limit() const { return m_draft.limit; }
    void setLimit(int limit); // 1 .. kMaxLimit
    // Why search() refused the form, else empty.
    QString formError() const { return m_formError; }

    QStringList sortOptions() const;
    int sortIndex() const { return m_sort; }
    void setSortIndex(int index); // a Sort; applies at once

    bool isLiveSearch() const { return !m_applied.custom; }
    QString summaryText() const;
    QString emptyText() const;
    double windowFromMs() const { return double(window().fromNs) / 1e6; }
    double windowToMs() const { return double(window().toNs) / 1e6; }

    // Applies the form (Search, Enter in a field). False, with formError() saying why, when a
    // field does not parse; the applied search then stays as it was.
    Q_INVOKABLE bool search();
    // A preset (one of timeRanges()): leaves the custom range and searches with the form.
    Q_INVOKABLE void choosePreset(const QString &name);
    // Opens a row of `results` on the Trace page.
    Q_INVOKABLE void openResult(int row);
    // After the display time zone switched away from `previous`: the custom range's texts,
    // typed in that zone, now say the same instants in the new one.
    void reexpressCustomRange(DisplayTimeZone previous);

    // The filter of the applied search over `window`, and the worker-thread half (for tests).
    TraceFilter traceFilter(const TimeWindow &window) const;
    static TracesSnapshot query(const TraceSource &source, const TraceFilter &filter);
    void apply(const TracesSnapshot &snapshot);
    // `traces` in the order of `sort` (ties: newest first, then by id).
    static QList<TraceSummary> sorted(QList<TraceSummary> traces, Sort sort);

Q_SIGNALS:
    void optionsChanged();
    void formChanged();
    void formErrorChanged();
    void sortChanged();
    void searchApplied();

protected:
    bool startQuery(const TimeWindow &window) override;
    std::optional<TimeWindow> fixedWindow() const override;

private:
    struct Search
    {
        QString service;
        QString operation;
        bool custom = false;
        QString fromText;
        QString toText;
        QString minText;
        QString maxText;
        bool errorsOnly = false;
        QString tagsText;
        int limit = kDefaultLimit;
        // Parsed when applied:
        TimeWindow customWindow;
        std::optional<qint64> minNs;
        std::optional<qint64> maxNs;
        QList<std::pair<QString, QString>> tags;
    };
    void setFormError(const QString &error);
    void changeDraft();

    TraceListModel *m_results;
    Search m_draft;
    Search m_applied;
    Sort m_sort = NewestFirst;
    QString m_formError;
    QStringList m_serviceNames;
    QHash<QString, QStringList> m_operations;
    QList<TraceSummary> m_traces; // the latest result, in the store's order
    qint64 m_totalCount = 0;
};

} // namespace spanlight
