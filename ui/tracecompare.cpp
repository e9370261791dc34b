#include "tracecompare.h"

#include "consolecontroller.h"
#include "core/ids.h"
#include "displaytext.h"

#include <algorithm>

namespace spanlight {

TraceCompareModel::TraceCompareModel(QObject *parent) : KeyedRowsModel<CompareRow>(parent) { }

void TraceCompareModel::setComparison(const TraceComparison &comparison)
{
    m_comparison = comparison;
    rebuild();
}

void TraceCompareModel::clear()
{
    m_comparison = {};
    rebuild();
}

void TraceCompareModel::sortBy(int column)
{
    if (column < DeltaColumn || column > SelfDeltaColumn)
        return;
    if (column == m_sortColumn) {
        m_descending = !m_descending;
    } else {
        m_sortColumn = column;
        m_descending = column != PathColumn;
    }
    Q_EMIT sortChanged();
    rebuild();
}

void TraceCompareModel::rebuild()
{
    QList<SpanDiff> diffs = m_comparison.spans;
    const bool descending = m_descending;
    // A duration of the chosen side; a span missing on that side sorts after every present one.
    auto side = [this](const SpanDiff &d) -> std::optional<qint64> {
        if (m_sortColumn == BaselineColumn)
            return d.presence == SpanPresence::OnlyInCandidate ? std::nullopt : std::optional(d.baselineDurationNs);
        return d.presence == SpanPresence::OnlyInBaseline ? std::nullopt : std::optional(d.candidateDurationNs);
    };
    switch (m_sortColumn) {
    case DeltaColumn:
    case SelfDeltaColumn: {
        const bool self = m_sortColumn == SelfDeltaColumn;
        std::stable_sort(diffs.begin(), diffs.end(), [&](const SpanDiff &a, const SpanDiff &b) {
            if (a.isMatched() != b.isMatched() || !a.isMatched())
                return regressionFirst(a, b); // unmatched rows stay last, in the default order
            const qint64 da = self ? a.selfDeltaNs : a.deltaNs;
            const qint64 db = self ? b.selfDeltaNs : b.deltaNs;
            if (da != db)
                return descending ? da > db : da < db;
            return a.treeOrder < b.treeOrder;
        });
        break;
    }
    case PathColumn:
        std::stable_sort(diffs.begin(), diffs.end(), [&](const SpanDiff &a, const SpanDiff &b) {
            return descending ? a.treeOrder > b.treeOrder : a.treeOrder < b.treeOrder;
        });
        break;
    case BaselineColumn:
    case CandidateColumn:
        std::stable_sort(diffs.begin(), diffs.end(), [&](const SpanDiff &a, const SpanDiff &b) {
            const auto da = side(a);
            const auto db = side(b);
            if (da.has_value() != db.has_value())
                return da.has_value();
            if (da && *da != *db)
                return descending ? *da > *db : *da < *db;
            return a.treeOrder < b.treeOrder;
        });
        break;
    }

    const double longest = double(std::max(m_comparison.baseline.durationNs, m_comparison.candidate.durationNs));
    auto bar = [longest](qint64 ns) { return longest > 0 ? std::clamp(double(ns) / longest, 0.0, 1.0) : 0.0; };
    QList<CompareRow> rows;
    rows.reserve(diffs.size());
    for (const SpanDiff &d : std::as_const(diffs)) {
        CompareRow r;
        r.key = QString::number(d.treeOrder);
        r.label = d.path.last();
        r.pathText = d.path.join(QStringLiteral(" \u203A "));
        r.serviceName = d.serviceName;
        r.depth = d.depth;
        r.presence = int(d.presence);
        if (d.presence != SpanPresence::OnlyInCandidate) {
            r.baselineText = durationText(d.baselineDurationNs);
            r.baselineBar = bar(d.baselineDurationNs);
            r.baselineSpanId = idToHex(d.baselineSpanId);
        }
        if (d.presence != SpanPresence::OnlyInBaseline) {
            r.candidateText = durationText(d.candidateDurationNs);
            r.candidateBar = bar(d.candidateDurationNs);
            r.candidateSpanId = idToHex(d.candidateSpanId);
        }
        if (d.isMatched()) {
            r.deltaText = durationDeltaText(d.deltaNs, d.deltaPercent);
            r.selfDeltaText = durationDeltaText(d.selfDeltaNs);
            r.change = d.deltaNs > 0 ? 1 : d.deltaNs < 0 ? -1 : 0;
        } else {
            r.presenceText = d.presence == SpanPresence::OnlyInBaseline ? tr("only in A") : tr("only in B");
        }
        rows.append(std::move(r));
    }
    setRows(rows);
}

QVariant TraceCompareModel::data(const QModelIndex &index, int role) const
{
    const CompareRow *r = rowAt(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return r->label;
    case PathTextRole:
        return r->pathText;
    case ServiceColorRole:
        return serviceColor(r->serviceName);
    case DepthRole:
        return r->depth;
    case PresenceRole:
        return r->presence;
    case PresenceTextRole:
        return r->presenceText;
    case BaselineTextRole:
        return r->baselineText;
    case CandidateTextRole:
        return r->candidateText;
    case DeltaTextRole:
        return r->deltaText;
    case SelfDeltaTextRole:
        return r->selfDeltaText;
    case ChangeRole:
        return r->change;
    case BaselineBarRole:
        return r->baselineBar;
    case CandidateBarRole:
        return r->candidateBar;
    case BaselineSpanIdRole:
        return r->baselineSpanId;
    case CandidateSpanIdRole:
        return r->candidateSpanId;
    default:
        return {};
    }
}

QHash<int, QByteArray> TraceCompareModel::roleNames() const
{
    return {{LabelRole, "label"},
            {PathTextRole, "pathText"},
            {ServiceColorRole, "serviceColor"},
            {DepthRole, "depth"},
            {PresenceRole, "presence"},
            {PresenceTextRole, "presenceText"},
            {BaselineTextRole, "baselineText"},
            {CandidateTextRole, "candidateText"},
            {DeltaTextRole, "deltaText"},
            {SelfDeltaTextRole, "selfDeltaText"},
            {ChangeRole, "change"},
            {BaselineBarRole, "baselineBar"},
            {CandidateBarRole, "candidateBar"},
            {BaselineSpanIdRole, "baselineSpanId"},
            {CandidateSpanIdRole, "candidateSpanId"}};
}

namespace {

// What the worker hands back: the comparison, or which trace is not stored.
struct CompareResult
{
    std::optional<TraceComparison> comparison;
    QByteArray missing;
};

} // namespace

TraceCompare::TraceCompare(ConsoleController *controller)
    : QObject(controller), m_controller(controller), m_rows(new TraceCompareModel(this)),
      m_query([this] { return startQuery(); })
{
}

void TraceCompare::start(const QByteArray &baseline, const QByteArray &candidate)
{
    m_baseline = baseline;
    m_candidate = candidate;
    ++m_generation;
    m_loaded = false;
    m_missing.clear();
    m_rows->clear();
    updateTexts();
    if (!m_active)
        m_active = true;
    Q_EMIT activeChanged();
    Q_EMIT resultApplied();
    m_query.request();
    Q_EMIT loadingChanged();
}

bool TraceCompare::startQuery()
{
    const int generation = m_generation;
    return m_controller->run(
        this,
        [a = m_baseline, b = m_candidate](const TraceSource &source) {
            CompareResult result;
            const std::optional<TraceDetails> baseline = source.trace(a);
            if (!baseline) {
                result.missing = a;
                return result;
            }
            const std::optional<TraceDetails> candidate = a == b ? baseline : source.trace(b);
            if (!candidate) {
                result.missing = b;
                return result;
            }
            result.comparison = compareTraces(*baseline, *candidate);
            return result;
        },
        [this, generation](CompareResult result) {
            m_query.finished();
            Q_EMIT loadingChanged();
            if (generation != m_generation)
                return; // a comparison asked for since; its query follows or has run
            m_loaded = true;
            m_missing = result.missing;
            if (result.comparison)
                m_rows->setComparison(*result.comparison);
            else
                m_rows->clear();
            updateTexts();
            Q_EMIT resultApplied();
        });
}

void TraceCompare::close()
{
    if (!m_active)
        return;
    m_active = false;
    ++m_generation;
    Q_EMIT activeChanged();
}

void TraceCompare::swap()
{
    if (m_active)
        start(m_candidate, m_baseline);
}

void TraceCompare::openSpan(int row)
{
    const CompareRow *r = m_rows->rowAt(row);
    if (!r)
        return;
    const bool inBaseline = !r->baselineSpanId.isEmpty();
    const QString trace = idToHex(inBaseline ? m_baseline : m_candidate);
    const QString span = inBaseline ? r->baselineSpanId : r->candidateSpanId;
    close();
    m_controller->openTraceSpan(trace, span);
}

void TraceCompare::retranslate()
{
    m_rows->retranslate();
    updateTexts();
    Q_EMIT resultApplied();
}

QString TraceCompare::baselineTraceId() const
{
    return idToHex(m_baseline);
}

QString TraceCompare::candidateTraceId() const
{
    return idToHex(m_candidate);
}

void TraceCompare::updateTexts()
{
    const TraceComparison &c = m_rows->comparison();
    m_message = m_missing.isEmpty() ? QString() : tr("Trace %1 is not (or no longer) stored").arg(idToHex(m_missing));
    if (!m_loaded || !m_missing.isEmpty()) {
        m_baselineText.clear();
        m_candidateText.clear();
        m_totalDeltaText.clear();
        m_countsText.clear();
        m_totalChange = 0;
        return;
    }
    auto sideText = [](const ComparedTrace &t) {
        return tr("%1 · %n span(s)", "", int(t.spanCount)).arg(durationText(t.durationNs));
    };
    m_baselineText = sideText(c.baseline);
    m_candidateText = sideText(c.candidate);
    const qint64 delta = c.candidate.durationNs - c.baseline.durationNs;
    std::optional<double> percent;
    if (c.baseline.durationNs > 0)
        percent = double(delta) * 100.0 / double(c.baseline.durationNs);
    m_totalDeltaText = durationDeltaText(delta, percent);
    m_totalChange = delta > 0 ? 1 : delta < 0 ? -1 : 0;
    m_countsText = tr("%1 matched · %2 only in A · %3 only in B")
                       .arg(countText(c.matched), countText(c.onlyInBaseline), countText(c.onlyInCandidate));
}

} // namespace spanlight
