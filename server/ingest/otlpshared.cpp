#include "otlpshared.h"

#include <QHash>
#include <QJsonDocument>

namespace spanlight::otlp {

QString serviceNameOf(const QJsonObject &resourceAttributes)
{
    const QJsonValue name = resourceAttributes.value(QLatin1String("service.name"));
    if (name.isString() && !name.toString().isEmpty())
        return name.toString();
    return QStringLiteral("unknown_service");
}

QJsonObject resourceAttributesFor(const Span &span)
{
    // Writing unknown_service back would turn "absent" into a real attribute on the next decode.
    if (span.serviceName.isEmpty() || span.serviceName == u"unknown_service"
        || span.resourceAttributes.contains(QLatin1String("service.name")))
        return span.resourceAttributes;
    QJsonObject attributes = span.resourceAttributes;
    attributes.insert(QLatin1String("service.name"), span.serviceName);
    return attributes;
}

QList<ResourceGroup> groupSpans(const QList<Span> &spans)
{
    // QJsonObject has no qHash; its compact serialisation is a faithful key, and
    // implicit sharing means most spans of one resource hand us the same object anyway.
    QList<ResourceGroup> groups;
    QHash<QByteArray, qsizetype> resourceIndex;
    QList<QHash<QByteArray, qsizetype>> scopeIndex;
    qsizetype lastResource = -1;
    qsizetype lastScope = -1;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span &span = spans.at(i);
        // Fast path: batches usually hold runs of spans from one resource and scope, and
        // comparing shared QJsonObjects is cheap, serialising them is not.
        if (i > 0) {
            const Span &previous = spans.at(i - 1);
            if (span.resourceAttributes == previous.resourceAttributes
                && span.serviceName == previous.serviceName && span.scopeName == previous.scopeName
                && span.scopeVersion == previous.scopeVersion
                && span.scopeAttributes == previous.scopeAttributes) {
                groups[lastResource].scopes[lastScope].spans.append(i);
                continue;
            }
        }
        const QJsonObject resource = resourceAttributesFor(span);
        const QByteArray resourceKey = QJsonDocument(resource).toJson(QJsonDocument::Compact);
        auto rit = resourceIndex.constFind(resourceKey);
        if (rit == resourceIndex.cend()) {
            rit = resourceIndex.insert(resourceKey, groups.size());
            groups.append(ResourceGroup{resource, {}});
            scopeIndex.append(QHash<QByteArray, qsizetype>());
        }
        ResourceGroup &group = groups[*rit];
        QJsonObject scopeKeyObject{{QLatin1String("n"), span.scopeName},
                                   {QLatin1String("v"), span.scopeVersion},
                                   {QLatin1String("a"), span.scopeAttributes}};
        const QByteArray scopeKey = QJsonDocument(scopeKeyObject).toJson(QJsonDocument::Compact);
        QHash<QByteArray, qsizetype> &scopes = scopeIndex[*rit];
        auto sit = scopes.constFind(scopeKey);
        if (sit == scopes.cend()) {
            sit = scopes.insert(scopeKey, group.scopes.size());
            group.scopes.append(ScopeGroup());
        }
        group.scopes[*sit].spans.append(i);
        lastResource = *rit;
        lastScope = *sit;
    }
    return groups;
}

QString checkDecodedSpan(const Span &span)
{
    if (int(span.statusCode) < 0 || int(span.statusCode) > 2)
        return QStringLiteral("status code out of range");
    return {};
}

void rejectSpan(SpanBatch &batch, const QString &reason)
{
    ++batch.rejectedSpans;
    if (!batch.rejectReasons.contains(reason))
        batch.rejectReasons.append(reason);
}

void appendDecodedSpan(SpanBatch &batch, Span &&span)
{
    const QString reason = checkDecodedSpan(span);
    if (reason.isEmpty())
        batch.spans.append(std::move(span));
    else
        rejectSpan(batch, reason);
}

} // namespace spanlight::otlp
