#include "deeplink.h"

#include "core/ids.h"

#include <QUrl>
#include <QUrlQuery>

namespace spanlight {

QString DeepLink::toString() const
{
    if (traceId.size() != 16)
        return {};
    QString out = scheme + u"://trace/" + idToHex(traceId);
    if (spanId.size() == 8)
        out += u"?span=" + idToHex(spanId);
    return out;
}

QString DeepLink::forSpan(const QByteArray &traceId, const QByteArray &spanId)
{
    return DeepLink { traceId, spanId }.toString();
}

bool DeepLink::looksLikeLink(const QString &text)
{
    return text.trimmed().startsWith(scheme + u':', Qt::CaseInsensitive);
}

std::optional<DeepLink> DeepLink::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<DeepLink> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("The link is empty."));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return fail(tr("“%1” is not a valid link.").arg(trimmed));
    if (url.scheme().compare(scheme, Qt::CaseInsensitive) != 0)
        return fail(tr("“%1” is not a Spanlight link: it must start with spanlight://trace/.").arg(trimmed));
    if (url.host() != u"trace" || !url.userInfo().isEmpty() || url.port() != -1)
        return fail(
            tr("“%1” names no trace: a link is spanlight://trace/<trace id>?span=<span id>.").arg(trimmed));

    QString path = url.path(QUrl::FullyDecoded);
    if (path.endsWith(u'/'))
        path.chop(1);
    if (!path.startsWith(u'/') || path.size() == 1)
        return fail(tr("The link has no trace id: a link is spanlight://trace/<trace id>?span=<span id>."));
    const QString traceHex = path.mid(1);
    DeepLink link;
    link.traceId = idFromHex(traceHex, 16);
    if (link.traceId.isEmpty())
        return fail(tr("“%1” is not a trace id: it must have 32 (or 16) hex digits.").arg(traceHex));

    const QUrlQuery query(url);
    const QStringList spans = query.allQueryItemValues(QStringLiteral("span"), QUrl::FullyDecoded);
    if (spans.size() > 1)
        return fail(tr("The link names more than one span."));
    if (!spans.isEmpty()) {
        link.spanId = idFromHex(spans.first(), 8);
        if (link.spanId.isEmpty())
            return fail(tr("“%1” is not a span id: it must have 16 hex digits.").arg(spans.first()));
    }
    if (error)
        error->clear();
    return link;
}

} // namespace spanlight
