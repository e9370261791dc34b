#include "zipkinreceiver.h"

#include "zipkincodec.h"

#include <QJsonObject>

namespace spanlight {

IngestProtocol zipkinProtocol()
{
    IngestProtocol p;
    p.name = QStringLiteral("Zipkin");
    p.path = QStringLiteral("/api/v2/spans");
    p.id = IngestProtocolId::Zipkin;
    p.formats = { { { "application/json" }, &decodeZipkinJson },
        { { "application/x-protobuf", "application/protobuf" }, &decodeZipkinProtobuf } };
    p.accepted = [](const IngestOutcome &outcome, int) {
        HttpResponse r;
        r.status = 202;
        if (outcome.rejectedSpans > 0) {
            // Zipkin clients ignore the body; a person or a test reading it learns what was dropped.
            r = HttpResponse::json(202,
                QJsonObject { { QStringLiteral("rejected_spans"), outcome.rejectedSpans },
                    { QStringLiteral("error_message"), outcome.rejectMessage } });
            r.addHeader("X-Spanlight-Rejected-Spans", QByteArray::number(outcome.rejectedSpans));
        }
        return r;
    };
    p.refused = [](int status, const QString &message, int) {
        // The codes the listener itself uses: the reason phrase, lowercased, spaces as '_'.
        const QString code = QString::fromLatin1(httpReasonPhrase(status)).toLower().replace(u' ', u'_');
        return HttpResponse::error(status, code, message);
    };
    return p;
}

} // namespace spanlight
