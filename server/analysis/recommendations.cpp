#include "recommendations.h"

#include "core/ids.h"
#include "core/timeformat.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace spanlight {

using namespace recommendation;

namespace {

double ms(qint64 ns)
{
    return nanosToMillis(ns);
}

bool isFailed(const Span &s)
{
    return s.statusCode == StatusCode::Error;
}

QString statementOf(const Span &s)
{
    return s.attributes.value(QStringLiteral("db.statement")).toString();
}

QString callName(const Span &s)
{
    return s.serviceName + u' ' + s.name;
}

// Whether the spans (sorted by start) run one after another.
bool sequential(const QList<const Span *> &spans)
{
    for (qsizetype i = 1; i < spans.size(); ++i)
        if (spans[i]->startTimeUnixNano < spans[i - 1]->endTimeUnixNano)
            return false;
    return true;
}

void childFindings(const Span &parent, const QList<const Span *> &children, QList<Finding> &out)
{
    auto add = [&](const char *rule, const QString &detail, double savedMs) {
        out.append({ QLatin1String(rule), parent.serviceName, parent.name, detail, std::max(0.0, savedMs) });
    };
    if (children.size() >= kFanOutChildren)
        add("fan_out", QString::number(children.size()), 0);
    // Groups of the same call (service, operation, statement), in start order.
    QMap<std::tuple<QString, QString, QString>, QList<const Span *>> groups;
    for (const Span *c : children)
        groups[{ c->serviceName, c->name, statementOf(*c) }].append(c);
    for (const QList<const Span *> &g : std::as_const(groups)) {
        const qint64 failures = std::count_if(g.begin(), g.end(), [](const Span *s) { return isFailed(*s); });
        if (g.size() >= kRetryCalls && failures >= kRetryFailures && sequential(g)) {
            double failedMs = 0;
            for (const Span *s : g)
                if (isFailed(*s))
                    failedMs += ms(s->durationNano());
            add("retry_storm", callName(*g.first()) + QStringLiteral(" x%1, %2 failed").arg(g.size()).arg(failures),
                failedMs);
        } else if (g.size() >= kNPlusOneCalls) {
            double sum = 0;
            double longest = 0;
            for (const Span *s : g) {
                sum += ms(s->durationNano());
                longest = std::max(longest, ms(s->durationNano()));
            }
            // One batched call takes about as long as the longest single one.
            add("n_plus_one", callName(*g.first()) + QStringLiteral(" x%1").arg(g.size()), sum - longest);
        }
    }
    // The longest run of calls to distinct operations, each starting after the previous ended.
    QList<const Span *> calls;
    QSet<std::pair<QString, QString>> seen;
    for (const Span *c : children) // in start order
        if ((c->kind == SpanKind::Client || c->kind == SpanKind::Server) && !seen.contains({ c->serviceName, c->name })) {
            seen.insert({ c->serviceName, c->name });
            calls.append(c);
        }
    QList<const Span *> best;
    QList<const Span *> run;
    for (const Span *c : std::as_const(calls)) {
        if (!run.isEmpty() && c->startTimeUnixNano < run.last()->endTimeUnixNano)
            run.clear();
        run.append(c);
        if (run.size() > best.size())
            best = run;
    }
    if (best.size() >= kSequentialCalls) {
        double sum = 0;
        double longest = 0;
        QStringList names;
        for (const Span *s : std::as_const(best)) {
            sum += ms(s->durationNano());
            longest = std::max(longest, ms(s->durationNano()));
            names.append(callName(*s));
        }
        add("sequential_calls", names.join(QStringLiteral(", ")), sum - longest);
    }
}

QString hashId(const QString &rule, const QString &service, const QString &operation)
{
    const QByteArray key = rule.toUtf8() + '\0' + service.toUtf8() + '\0' + operation.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).left(8).toHex());
}

QString titleOf(const Recommendation &r, const QString &detail)
{
    if (r.rule == u"n_plus_one")
        return QStringLiteral("N+1 calls in %1 %2").arg(r.service, r.operation);
    if (r.rule == u"sequential_calls")
        return QStringLiteral("Sequential calls in %1 %2 could run in parallel").arg(r.service, r.operation);
    if (r.rule == u"slow_statement")
        return QStringLiteral("Slow database statement: %1 %2").arg(r.service, r.operation);
    if (r.rule == u"retry_storm")
        return QStringLiteral("Retry storm in %1 %2").arg(r.service, r.operation);
    if (r.rule == u"fan_out")
        return QStringLiteral("Oversized fan-out in %1 %2 (%3 calls)").arg(r.service, r.operation, detail);
    return QStringLiteral("Uninstrumented time in %1 %2").arg(r.service, r.operation);
}

QString descriptionOf(const Recommendation &r, const QString &detail)
{
    const QString saved = QString::number(r.impactMs, 'f', 1);
    if (r.rule == u"n_plus_one")
        return QStringLiteral("Makes the same call once per item (%1) under one span; one batched call would save "
                              "about %2 ms per trace.").arg(detail, saved);
    if (r.rule == u"sequential_calls")
        return QStringLiteral("Calls %1 one after another; if they do not depend on each other, running them in "
                              "parallel would save about %2 ms per trace.").arg(detail, saved);
    if (r.rule == u"slow_statement")
        return QStringLiteral("Takes longer than %1 ms (%2); an index or a narrower query would save about %3 ms "
                              "per trace.").arg(QString::number(kSlowStatementMs), detail, saved);
    if (r.rule == u"retry_storm")
        return QStringLiteral("Retries a failing call (%1); backing off or failing fast would save about %2 ms "
                              "per trace.").arg(detail, saved);
    if (r.rule == u"fan_out")
        return QStringLiteral("Makes %1 calls under one span; batch them or bound their concurrency.").arg(detail);
    return QStringLiteral("Spends %1 ms itself, more than half its duration, outside any child span; instrument "
                          "that work to see where it goes.").arg(saved);
}

} // namespace

QList<Finding> traceFindings(const QList<SpanView> &spans)
{
    QList<Finding> out;
    QList<QList<const Span *>> children(spans.size());
    for (const SpanView &v : spans)
        if (v.parentIndex >= 0)
            children[v.parentIndex].append(&v.span); // tree order: siblings by start time
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span &s = spans[i].span;
        const double durationMs = ms(s.durationNano());
        if (s.attributes.contains(QStringLiteral("db.system")) && durationMs > kSlowStatementMs)
            out.append({ QStringLiteral("slow_statement"), s.serviceName, s.name,
                statementOf(s).isEmpty() ? s.name : statementOf(s), durationMs - kSlowStatementMs });
        const double selfMs = ms(spans[i].selfTimeNs);
        if (!children[i].isEmpty() && selfMs >= kSelfTimeMs && selfMs * 2 >= durationMs)
            out.append({ QStringLiteral("self_time"), s.serviceName, s.name, {}, selfMs });
        if (!children[i].isEmpty())
            childFindings(s, children[i], out);
    }
    return out;
}

Recommendations RecommendationAnalysis::recommendations(const QString &service, const TimeWindow &window) const
{
    Recommendations out;
    TraceFilter f;
    f.service = service;
    f.startFromNs = window.fromNs;
    f.startToNs = window.toNs - 1;
    f.limit = kSampleTraces;
    struct Sum
    {
        Recommendation r;
        double savedMs = 0;
        QString detail; // of the newest occurrence
    };
    QMap<std::tuple<QString, QString, QString>, Sum> sums;
    for (const TraceSummary &t : m_store.searchTraces(f).traces) {
        ++out.sampledTraces;
        QSet<QString> inTrace; // the keys' rule, service and operation joined
        for (const Finding &finding : traceFindings(TraceAnalysis::buildTree(m_store.traceSpans(t.traceId)))) {
            if (!service.isEmpty() && finding.service != service)
                continue;
            const auto key = std::make_tuple(finding.rule, finding.service, finding.operation);
            Sum &s = sums[key];
            s.savedMs += finding.savedMs;
            const QString joined = finding.rule + u'\0' + finding.service + u'\0' + finding.operation;
            if (inTrace.contains(joined))
                continue;
            inTrace.insert(joined);
            if (s.r.occurrences == 0) {
                s.r.rule = finding.rule;
                s.r.service = finding.service;
                s.r.operation = finding.operation;
                s.detail = finding.detail;
            }
            ++s.r.occurrences;
            if (s.r.exampleTraceIds.size() < 5)
                s.r.exampleTraceIds.append(idToHex(t.traceId));
        }
    }
    for (Sum &s : sums) {
        Recommendation &r = s.r;
        r.id = hashId(r.rule, r.service, r.operation);
        r.impactMs = s.savedMs / double(r.occurrences);
        r.title = titleOf(r, s.detail);
        r.description = descriptionOf(r, s.detail);
        out.recommendations.append(r);
    }
    std::sort(out.recommendations.begin(), out.recommendations.end(),
        [](const Recommendation &a, const Recommendation &b) {
            const double ta = a.impactMs * double(a.occurrences);
            const double tb = b.impactMs * double(b.occurrences);
            return ta != tb ? ta > tb : a.id < b.id;
        });
    return out;
}

} // namespace spanlight
