#include "tracespage.h"

#include "consolecontroller.h"
#include "displaytext.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace spanlight {

namespace {

constexpr qint64 kMsNs = 1000000;

const QString kDateFormat = QStringLiteral("yyyy-MM-dd HH:mm");

const QString kSecondsFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

// In the display time zone (local or UTC, the Settings page's choice) unless told otherwise.
std::optional<qint64> parseLocalTime(const QString &text, DisplayTimeZone zone = displayTimeZone())
{
    const QString t = text.trimmed();
    for (const QString &format : { kDateFormat, kSecondsFormat, QStringLiteral("yyyy-MM-dd") }) {
        if (const std::optional<qint64> at = parseDisplayDateTime(t, format, zone))
            return at;
    }
    return std::nullopt;
}

// Empty: no bound (nullopt in `out`). False for anything that is not a number >= 0. Both the
// C locale's "12.5" and the user's ("12,5") are taken.
bool parseMillis(const QString &text, std::optional<qint64> &out)
{
    out.reset();
    const QString t = text.trimmed();
    if (t.isEmpty())
        return true;
    bool ok = false;
    double ms = QLocale::c().toDouble(t, &ok);
    if (!ok)
        ms = QLocale().toDouble(t, &ok);
    if (!ok || !std::isfinite(ms) || ms < 0 || ms > 1e12)
        return false;
    out = qint64(std::llround(ms * double(kMsNs)));
    return true;
}

QString localTimeText(qint64 ns)
{
    return displayDateTime(ns).toString(kDateFormat);
}

} // namespace

TracesPage::TracesPage(ConsoleController *controller)
    : ConsolePage(controller)
    , m_results(new TraceListModel(this))
{
    setTimeRange(QStringLiteral("15m"));
    setLive(true);
}

QStringList TracesPage::serviceOptions() const
{
    QStringList options { tr("All services") };
    options += m_serviceNames;
    // A service that is gone stays visible while chosen, so the combo box can show it.
    if (!m_draft.service.isEmpty() && !m_serviceNames.contains(m_draft.service))
        options.append(m_draft.service);
    return options;
}

int TracesPage::serviceIndex() const
{
    return m_draft.service.isEmpty() ? 0 : int(serviceOptions().indexOf(m_draft.service));
}

void TracesPage::setServiceIndex(int index)
{
    const QStringList options = serviceOptions();
    if (index >= 0 && index < options.size())
        setService(index == 0 ? QString() : options[index]);
}

void TracesPage::setService(const QString &service)
{
    if (service == m_draft.service)
        return;
    m_draft.service = service;
    m_draft.operation.clear(); // another service's operation would match nothing
    Q_EMIT optionsChanged();
    changeDraft();
}

QStringList TracesPage::operationOptions() const
{
    QStringList names;
    if (!m_draft.service.isEmpty()) {
        names = m_operations.value(m_draft.service);
    } else {
        for (const QStringList &ops : m_operations)
            names += ops;
        names.sort();
        names.removeDuplicates();
    }
    QStringList options { tr("All operations") };
    options += names;
    if (!m_draft.operation.isEmpty() && !names.contains(m_draft.operation))
        options.append(m_draft.operation);
    return options;
}

int TracesPage::operationIndex() const
{
    return m_draft.operation.isEmpty() ? 0 : int(operationOptions().indexOf(m_draft.operation));
}

void TracesPage::setOperationIndex(int index)
{
    const QStringList options = operationOptions();
    if (index >= 0 && index < options.size())
        setOperation(index == 0 ? QString() : options[index]);
}

void TracesPage::setOperation(const QString &operation)
{
    if (operation == m_draft.operation)
        return;
    const bool listed = operation.isEmpty() || operationOptions().contains(operation);
    m_draft.operation = operation;
    if (!listed)
        Q_EMIT optionsChanged();
    changeDraft();
}

void TracesPage::setCustomRange(bool custom)
{
    if (custom == m_draft.custom)
        return;
    m_draft.custom = custom;
    if (custom && m_draft.fromText.isEmpty() && m_draft.toText.isEmpty()) {
        // Start from what is shown, so a custom range is a small edit away.
        const TimeWindow shown = window().toNs > 0
            ? window()
            : windowEndingAt(
                controller()->nowNs(), timeRangeNs(timeRange()).value_or(qint64(3600) * 1000000000));
        m_draft.fromText = localTimeText(shown.fromNs);
        m_draft.toText = localTimeText(shown.toNs);
    }
    changeDraft();
}

void TracesPage::reexpressCustomRange(DisplayTimeZone previous)
{
    // The same instants in the zone now shown; a text that does not parse stays as typed.
    const auto reexpress = [previous](QString &text) {
        if (const std::optional<qint64> at = parseLocalTime(text, previous))
            text = displayDateTime(*at).toString(text.count(u':') == 2 ? kSecondsFormat : kDateFormat);
    };
    for (Search *search : { &m_draft, &m_applied }) {
        reexpress(search->fromText);
        reexpress(search->toText);
    }
    Q_EMIT formChanged();
}

void TracesPage::setCustomFrom(const QString &text)
{
    if (text != m_draft.fromText) {
        m_draft.fromText = text;
        changeDraft();
    }
}

void TracesPage::setCustomTo(const QString &text)
{
    if (text != m_draft.toText) {
        m_draft.toText = text;
        changeDraft();
    }
}

void TracesPage::setMinDuration(const QString &text)
{
    if (text != m_draft.minText) {
        m_draft.minText = text;
        changeDraft();
    }
}

void TracesPage::setMaxDuration(const QString &text)
{
    if (text != m_draft.maxText) {
        m_draft.maxText = text;
        changeDraft();
    }
}

QStringList TracesPage::statusOptions() const
{
    return { tr("Any status"), tr("Errors only") };
}

void TracesPage::setStatusIndex(int index)
{
    if ((index == 0 || index == 1) && (index == 1) != m_draft.errorsOnly) {
        m_draft.errorsOnly = index == 1;
        changeDraft();
    }
}

void TracesPage::setTags(const QString &text)
{
    if (text != m_draft.tagsText) {
        m_draft.tagsText = text;
        changeDraft();
    }
}

std::optional<QList<std::pair<QString, QString>>> TracesPage::parseTags(const QString &text)
{
    QList<std::pair<QString, QString>> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (true) {
        while (i < n && text[i].isSpace())
            ++i;
        if (i == n)
            return out;
        const qsizetype keyStart = i;
        while (i < n && text[i] != u'=' && !text[i].isSpace())
            ++i;
        if (i == n || text[i] != u'=' || i == keyStart)
            return std::nullopt; // no "=", or no key
        const QString key = text.mid(keyStart, i - keyStart);
        ++i;
        QString value;
        if (i < n && text[i] == u'"') {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar c = text[i++];
                if (c == u'\\' && i < n) {
                    value += text[i++];
                } else if (c == u'"') {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed || (i < n && !text[i].isSpace()))
                return std::nullopt;
        } else {
            const qsizetype valueStart = i;
            while (i < n && !text[i].isSpace())
                ++i;
            value = text.mid(valueStart, i - valueStart);
        }
        out.append({ key, value });
    }
}

void TracesPage::setLimit(int limit)
{
    limit = std::clamp(limit, 1, kMaxLimit);
    if (limit != m_draft.limit) {
        m_draft.limit = limit;
        changeDraft();
    }
}

void TracesPage::changeDraft()
{
    setFormError({});
    Q_EMIT formChanged();
}

void TracesPage::setFormError(const QString &error)
{
    if (error != m_formError) {
        m_formError = error;
        Q_EMIT formErrorChanged();
    }
}

QStringList TracesPage::sortOptions() const
{
    return { tr("Newest first"), tr("Slowest first"), tr("Most spans"), tr("Most errors") };
}

void TracesPage::setSortIndex(int index)
{
    if (index < NewestFirst || index > MostErrors || index == m_sort)
        return;
    const bool storeOrder = (index == SlowestFirst) != (m_sort == SlowestFirst);
    m_sort = Sort(index);
    Q_EMIT sortChanged();
    m_results->setTraces(sorted(m_traces, m_sort));
    if (storeOrder) // the slowest of the window are other traces than the newest
        parametersChanged();
}

bool TracesPage::search()
{
    Search next = m_draft;
    if (!parseMillis(next.minText, next.minNs)) {
        setFormError(tr("Min duration is not a number of milliseconds: %1").arg(next.minText));
        return false;
    }
    if (!parseMillis(next.maxText, next.maxNs)) {
        setFormError(tr("Max duration is not a number of milliseconds: %1").arg(next.maxText));
        return false;
    }
    if (next.minNs && next.maxNs && *next.minNs > *next.maxNs) {
        setFormError(tr("Min duration is larger than max duration"));
        return false;
    }
    const std::optional<QList<std::pair<QString, QString>>> tags = parseTags(next.tagsText);
    if (!tags) {
        setFormError(tr("Tags are written key=value, separated by spaces; quote values with spaces: %1")
                         .arg(QStringLiteral("http.route=\"/cart/{id}\" http.status_code=500")));
        return false;
    }
    next.tags = *tags;
    if (next.custom) {
        const std::optional<qint64> from = parseLocalTime(next.fromText);
        const std::optional<qint64> to = parseLocalTime(next.toText);
        if (!from || !to) {
            setFormError(tr("Times are written like %1").arg(localTimeText(controller()->nowNs())));
            return false;
        }
        if (*from >= *to) {
            setFormError(tr("From must be before to"));
            return false;
        }
        next.customWindow = { *from, *to };
    }
    setFormError({});
    m_applied = next;
    setLive(!m_applied.custom);
    Q_EMIT searchApplied();
    parametersChanged();
    return true;
}

void TracesPage::choosePreset(const QString &name)
{
    if (!timeRanges().contains(name))
        return;
    if (m_draft.custom) {
        m_draft.custom = false;
        Q_EMIT formChanged();
    }
    setTimeRange(name);
    search();
}

std::optional<TimeWindow> TracesPage::fixedWindow() const
{
    if (m_applied.custom)
        return m_applied.customWindow;
    return std::nullopt;
}

TraceFilter TracesPage::traceFilter(const TimeWindow &window) const
{
    TraceFilter f;
    f.service = m_applied.service;
    f.operation = m_applied.operation;
    f.startFromNs = window.fromNs;
    f.startToNs = window.toNs - 1; // the filter's end is inclusive, the window's is not
    f.minDurationNs = m_applied.minNs;
    f.maxDurationNs = m_applied.maxNs;
    if (m_applied.errorsOnly)
        f.status = TraceStatus::Error; // error and timeout
    f.rootAttributes = m_applied.tags;
    f.limit = m_applied.limit;
    f.sort = m_sort == SlowestFirst ? TraceSort::Duration : TraceSort::StartTime;
    return f;
}

TracesSnapshot TracesPage::query(const TraceSource &source, const TraceFilter &filter)
{
    TracesSnapshot s;
    s.list = source.listTraces(filter);
    for (const ServiceSummary &service : source.servicesOverview().services) {
        s.serviceNames.append(service.name);
        QStringList ops;
        for (const OperationStats &op : service.operations)
            ops.append(op.name);
        ops.sort();
        s.operations.insert(service.name, ops);
    }
    return s;
}

bool TracesPage::startQuery(const TimeWindow &window)
{
    return controller()->run(
        this, [filter = traceFilter(window)](const TraceSource &source) { return query(source, filter); },
        [this, generation = generation()](TracesSnapshot snapshot) {
            if (takeResult(generation))
                apply(snapshot);
        });
}

void TracesPage::apply(const TracesSnapshot &snapshot)
{
    if (snapshot.serviceNames != m_serviceNames || snapshot.operations != m_operations) {
        m_serviceNames = snapshot.serviceNames;
        m_operations = snapshot.operations;
        Q_EMIT optionsChanged();
        Q_EMIT formChanged(); // the indexes of the chosen service and operation may have moved
    }
    m_traces = snapshot.list.result.traces;
    m_totalCount = snapshot.list.result.totalCount;
    m_results->setTraces(sorted(m_traces, m_sort));
    Q_EMIT resultApplied();
}

QList<TraceSummary> TracesPage::sorted(QList<TraceSummary> traces, Sort sort)
{
    const auto newer = [](const TraceSummary &a, const TraceSummary &b) {
        return a.startNs != b.startNs ? a.startNs > b.startNs : a.traceId < b.traceId;
    };
    std::stable_sort(traces.begin(), traces.end(), [&](const TraceSummary &a, const TraceSummary &b) {
        switch (sort) {
        case SlowestFirst:
            if (a.durationNs() != b.durationNs())
                return a.durationNs() > b.durationNs();
            break;
        case MostSpans:
            if (a.spanCount != b.spanCount)
                return a.spanCount > b.spanCount;
            break;
        case MostErrors:
            if (a.errorCount != b.errorCount)
                return a.errorCount > b.errorCount;
            break;
        case NewestFirst:
            break;
        }
        return newer(a, b);
    });
    return traces;
}

QString TracesPage::summaryText() const
{
    if (!isLoaded())
        return {};
    const qint64 shown = m_results->count();
    if (shown >= m_totalCount)
        return tr("%Ln trace(s)", "", int(std::min<qint64>(shown, INT_MAX)));
    QString text = tr("%1 of %2 traces").arg(countText(shown), countText(m_totalCount));
    if (m_sort == MostSpans || m_sort == MostErrors)
        text += QStringLiteral(" · ") + tr("sorted among the newest %1").arg(countText(shown));
    else if (m_sort == SlowestFirst)
        text += QStringLiteral(" · ") + tr("the slowest");
    else
        text += QStringLiteral(" · ") + tr("the newest");
    return text;
}

QString TracesPage::emptyText() const
{
    if (!controller()->isConnected())
        return tr("Not connected to a server.");
    if (!isLoaded())
        return tr("Searching…");
    if (m_results->count() == 0)
        return tr("No traces match this search. Try a wider time range or fewer filters.");
    return {};
}

void TracesPage::openResult(int row)
{
    const QString id = m_results->traceIdAt(row);
    if (!id.isEmpty())
        controller()->openTraceId(id);
}

} // namespace spanlight
