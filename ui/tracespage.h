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
// custom from/to, duration min/max in ms, span and error-span count ranges, status, the root span's
// tags, limit) is a draft until search()
// applies it; a preset button (choosePreset()) applies it at once. The applied search runs on the worker
// thread (Store::searchTraces through the source); with a preset it is live: its window ends
// now and it refreshes every ConsoleController::pageRefreshIntervalMs while shown. The default
// search is the last 15 minutes, everything, newest first.
//
// Results are `results` (a TraceListModel) in the store's order: the sort (start time, duration,
// span count or error count, either way) goes to the store, so a page is the first `limit`
// matches of the window in that order, not a re-sorted page of the newest.
//
// Saved searches: the form (with the time range and the sort) under a name, kept in the
// console's settings file (ConsoleSettings::savedSearches()); applying one fills the form and
// searches.
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
    Q_PROPERTY(bool hasNote READ hasNote WRITE setHasNote NOTIFY formChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY formChanged)
    Q_PROPERTY(QString formError READ formError NOTIFY formErrorChanged)
    Q_PROPERTY(QString minSpans READ minSpans WRITE setMinSpans NOTIFY formChanged)
    Q_PROPERTY(QString maxSpans READ maxSpans WRITE setMaxSpans NOTIFY formChanged)
    Q_PROPERTY(QString minErrors READ minErrors WRITE setMinErrors NOTIFY formChanged)
    Q_PROPERTY(QString maxErrors READ maxErrors WRITE setMaxErrors NOTIFY formChanged)
    Q_PROPERTY(QStringList sortLabels READ sortLabels NOTIFY sortChanged)
    Q_PROPERTY(int sortKey READ sortKey NOTIFY sortChanged)
    Q_PROPERTY(bool sortDescending READ isSortDescending NOTIFY sortChanged)
    Q_PROPERTY(QStringList savedSearches READ savedSearches NOTIFY savedSearchesChanged)
    Q_PROPERTY(bool liveSearch READ isLiveSearch NOTIFY searchApplied)
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY resultApplied)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
    Q_PROPERTY(double windowFromMs READ windowFromMs NOTIFY resultApplied)
    Q_PROPERTY(double windowToMs READ windowToMs NOTIFY resultApplied)
public:
    // The columns the results sort by, in TraceSort's order.
    enum SortKey { ByStartTime, ByDuration, BySpanCount, ByErrorCount };
    Q_ENUM(SortKey)
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
    // Only traces with a note (TraceFilter::hasNote); off: with or without one.
    bool hasNote() const { return m_draft.hasNote; }
    void setHasNote(bool on);
    int limit() const { return m_draft.limit; }
    void setLimit(int limit); // 1 .. kMaxLimit
    // Why search() refused the form, else empty.
    QString formError() const { return m_formError; }

    // Whole numbers >= 0, empty for no bound.
    QString minSpans() const { return m_draft.minSpansText; }
    void setMinSpans(const QString &text);
    QString maxSpans() const { return m_draft.maxSpansText; }
    void setMaxSpans(const QString &text);
    QString minErrors() const { return m_draft.minErrorsText; }
    void setMinErrors(const QString &text);
    QString maxErrors() const { return m_draft.maxErrorsText; }
    void setMaxErrors(const QString &text);

    // The sort columns' names, in SortKey order; the sorted one carries ▼ (largest first) or ▲.
    QStringList sortLabels() const;
    int sortKey() const { return int(m_sortKey); }
    bool isSortDescending() const { return m_descending; }
    // A click on a column: another column sorts largest (newest) first, the same one flips.
    // Searches again at once, the store sorting.
    Q_INVOKABLE void sortBy(int key);
    void setSort(SortKey key, bool descending);

    // The saved searches' names, in the order saved.
    QStringList savedSearches() const;
    // Saves the form, the time range and the sort under `name` (trimmed, not empty), replacing
    // a search of that name. False, with formError() saying why, when the name is empty.
    Q_INVOKABLE bool saveSearch(const QString &name);
    // Fills the form with saved search `index` and searches.
    Q_INVOKABLE void applySavedSearch(int index);
    // False when the new name is empty or another saved search has it.
    Q_INVOKABLE bool renameSavedSearch(int index, const QString &name);
    Q_INVOKABLE void deleteSavedSearch(int index);

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

Q_SIGNALS:
    void optionsChanged();
    void formChanged();
    void formErrorChanged();
    void sortChanged();
    void searchApplied();
    void savedSearchesChanged();

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
        QString minSpansText;
        QString maxSpansText;
        QString minErrorsText;
        QString maxErrorsText;
        bool hasNote = false;
        int limit = kDefaultLimit;
        // Parsed when applied:
        TimeWindow customWindow;
        std::optional<qint64> minNs;
        std::optional<qint64> maxNs;
        std::optional<qint64> minSpans;
        std::optional<qint64> maxSpans;
        std::optional<qint64> minErrors;
        std::optional<qint64> maxErrors;
        QList<std::pair<QString, QString>> tags;
    };
    void setFormError(const QString &error);
    void changeDraft();
    void setDraftText(QString Search::*field, const QString &text);
    // The form's words as the settings file keeps them, and back.
    QVariantMap savedForm() const;
    void restoreForm(const QVariantMap &form);

    TraceListModel *m_results;
    Search m_draft;
    Search m_applied;
    SortKey m_sortKey = ByStartTime;
    bool m_descending = true;
    QString m_formError;
    QStringList m_serviceNames;
    QHash<QString, QStringList> m_operations;
    QList<TraceSummary> m_traces; // the latest result, in the store's order
    qint64 m_totalCount = 0;
};

} // namespace spanlight
