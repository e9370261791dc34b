#include "tracespage.h"

#include "consolecontroller.h"
#include "displaytext.h"

#include "consolesettings.h"

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

// Empty: no bound. False for anything that is not a whole number >= 0.
bool parseCount(const QString &text, std::optional<qint64> &out)
{
    out.reset();
    const QString t = text.trimmed();
    if (t.isEmpty())
        return true;
    bool ok = false;
    const qint64 n = t.toLongLong(&ok);
    if (!ok || n < 0 || n > std::numeric_limits<int>::max())
        return false;
    out = n;
    return true;
}

// The saved form's keys (ConsoleSettings keeps the map as it is).
const char *const kTextFields[] = { "service", "operation", "from", "to", "min_duration", "max_duration", "tags",
    "min_spans", "max_spans", "min_errors", "max_errors" };

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

void TracesPage::setHasNote(bool on)
{
    if (on != m_draft.hasNote) {
        m_draft.hasNote = on;
        changeDraft();
    }
}

void TracesPage::setDraftText(QString Search::*field, const QString &text)
{
    if (text != m_draft.*field) {
        m_draft.*field = text;
        changeDraft();
    }
}

void TracesPage::setMinSpans(const QString &text)
{
    setDraftText(&Search::minSpansText, text);
}

void TracesPage::setMaxSpans(const QString &text)
{
    setDraftText(&Search::maxSpansText, text);
}

void TracesPage::setMinErrors(const QString &text)
{
    setDraftText(&Search::minErrorsText, text);
}

void TracesPage::setMaxErrors(const QString &text)
{
    setDraftText(&Search::maxErrorsText, text);
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

QStringList TracesPage::sortLabels() const
{
    QStringList labels { tr("Start time"), tr("Duration"), tr("Spans"), tr("Errors") };
    labels[m_sortKey] += m_descending ? QStringLiteral(" \u25BC") : QStringLiteral(" \u25B2");
    return labels;
}

void TracesPage::sortBy(int key)
{
    if (key < ByStartTime || key > ByErrorCount)
        return;
    setSort(SortKey(key), key == m_sortKey ? !m_descending : true);
}

void TracesPage::setSort(SortKey key, bool descending)
{
    if (key == m_sortKey && descending == m_descending)
        return;
    m_sortKey = key;
    m_descending = descending;
    Q_EMIT sortChanged();
    Q_EMIT resultApplied(); // the summary names the order
    parametersChanged(); // another order is other traces of the window
}

QStringList TracesPage::savedSearches() const
{
    QStringList names;
    for (const auto &[name, form] : controller()->settings()->savedSearches())
        names.append(name);
    return names;
}

QVariantMap TracesPage::savedForm() const
{
    const QString texts[] = { m_draft.service, m_draft.operation, m_draft.fromText, m_draft.toText, m_draft.minText,
        m_draft.maxText, m_draft.tagsText, m_draft.minSpansText, m_draft.maxSpansText, m_draft.minErrorsText,
        m_draft.maxErrorsText };
    QVariantMap form;
    for (size_t i = 0; i < std::size(kTextFields); ++i)
        form.insert(QLatin1String(kTextFields[i]), texts[i]);
    form.insert(QStringLiteral("custom"), m_draft.custom);
    form.insert(QStringLiteral("errors_only"), m_draft.errorsOnly);
    form.insert(QStringLiteral("has_note"), m_draft.hasNote);
    form.insert(QStringLiteral("limit"), m_draft.limit);
    form.insert(QStringLiteral("time_range"), timeRange());
    form.insert(QStringLiteral("sort"), int(m_sortKey));
    form.insert(QStringLiteral("descending"), m_descending);
    return form;
}

void TracesPage::restoreForm(const QVariantMap &form)
{
    QString *texts[] = { &m_draft.service, &m_draft.operation, &m_draft.fromText, &m_draft.toText, &m_draft.minText,
        &m_draft.maxText, &m_draft.tagsText, &m_draft.minSpansText, &m_draft.maxSpansText, &m_draft.minErrorsText,
        &m_draft.maxErrorsText };
    for (size_t i = 0; i < std::size(kTextFields); ++i)
        *texts[i] = form.value(QLatin1String(kTextFields[i])).toString();
    m_draft.custom = form.value(QStringLiteral("custom")).toBool();
    m_draft.errorsOnly = form.value(QStringLiteral("errors_only")).toBool();
    m_draft.hasNote = form.value(QStringLiteral("has_note")).toBool(); // false in searches saved before it
    m_draft.limit = std::clamp(form.value(QStringLiteral("limit"), kDefaultLimit).toInt(), 1, kMaxLimit);
    const QString range = form.value(QStringLiteral("time_range")).toString();
    if (timeRanges().contains(range))
        setTimeRange(range);
    const int sort = form.value(QStringLiteral("sort")).toInt();
    m_sortKey = sort >= ByStartTime && sort <= ByErrorCount ? SortKey(sort) : ByStartTime;
    m_descending = form.value(QStringLiteral("descending"), true).toBool();
    Q_EMIT optionsChanged(); // a service or operation not stored now stays listed while chosen
    Q_EMIT sortChanged();
    changeDraft();
}

bool TracesPage::saveSearch(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        setFormError(tr("A saved search needs a name"));
        return false;
    }
    QList<std::pair<QString, QVariantMap>> saved = controller()->settings()->savedSearches();
    const auto same = std::find_if(saved.begin(), saved.end(), [&](const auto &s) { return s.first == trimmed; });
    if (same != saved.end())
        same->second = savedForm();
    else
        saved.append({ trimmed, savedForm() });
    controller()->settings()->setSavedSearches(saved);
    setFormError({});
    Q_EMIT savedSearchesChanged();
    return true;
}

void TracesPage::applySavedSearch(int index)
{
    const QList<std::pair<QString, QVariantMap>> saved = controller()->settings()->savedSearches();
    if (index < 0 || index >= saved.size())
        return;
    restoreForm(saved.at(index).second);
    search();
}

bool TracesPage::renameSavedSearch(int index, const QString &name)
{
    QList<std::pair<QString, QVariantMap>> saved = controller()->settings()->savedSearches();
    const QString trimmed = name.trimmed();
    if (index < 0 || index >= saved.size() || trimmed.isEmpty())
        return false;
    for (qsizetype i = 0; i < saved.size(); ++i)
        if (i != index && saved.at(i).first == trimmed)
            return false;
    saved[index].first = trimmed;
    controller()->settings()->setSavedSearches(saved);
    Q_EMIT savedSearchesChanged();
    return true;
}

void TracesPage::deleteSavedSearch(int index)
{
    QList<std::pair<QString, QVariantMap>> saved = controller()->settings()->savedSearches();
    if (index < 0 || index >= saved.size())
        return;
    saved.removeAt(index);
    controller()->settings()->setSavedSearches(saved);
    Q_EMIT savedSearchesChanged();
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
    const std::pair<QString *, std::optional<qint64> *> counts[] = { { &next.minSpansText, &next.minSpans },
        { &next.maxSpansText, &next.maxSpans }, { &next.minErrorsText, &next.minErrors },
        { &next.maxErrorsText, &next.maxErrors } };
    const QString countNames[] = { tr("Min spans"), tr("Max spans"), tr("Min errors"), tr("Max errors") };
    for (size_t i = 0; i < std::size(counts); ++i) {
        if (!parseCount(*counts[i].first, *counts[i].second)) {
            setFormError(tr("%1 is not a whole number of 0 or more: %2").arg(countNames[i], *counts[i].first));
            return false;
        }
    }
    if (next.minSpans && next.maxSpans && *next.minSpans > *next.maxSpans) {
        setFormError(tr("Min spans is larger than max spans"));
        return false;
    }
    if (next.minErrors && next.maxErrors && *next.minErrors > *next.maxErrors) {
        setFormError(tr("Min errors is larger than max errors"));
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
    f.minSpans = m_applied.minSpans;
    f.maxSpans = m_applied.maxSpans;
    f.minErrors = m_applied.minErrors;
    f.maxErrors = m_applied.maxErrors;
    if (m_applied.hasNote)
        f.hasNote = true; // off is "with or without", not "without"
    f.limit = m_applied.limit;
    f.sort = TraceSort(m_sortKey);
    f.descending = m_descending;
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
    m_results->setTraces(m_traces);
    Q_EMIT resultApplied();
}

QString TracesPage::summaryText() const
{
    if (!isLoaded())
        return {};
    const qint64 shown = m_results->count();
    if (shown >= m_totalCount)
        return tr("%Ln trace(s)", "", int(std::min<qint64>(shown, INT_MAX)));
    const QString which[2][4] = {
        { tr("the oldest"), tr("the fastest"), tr("the fewest spans"), tr("the fewest errors") },
        { tr("the newest"), tr("the slowest"), tr("the most spans"), tr("the most errors") },
    };
    return tr("%1 of %2 traces").arg(countText(shown), countText(m_totalCount)) + QStringLiteral(" · ")
        + which[m_descending ? 1 : 0][m_sortKey];
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
