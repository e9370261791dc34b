#pragma once

#include "http/httptypes.h"

#include <QThreadPool>

namespace spanlight {

class IngestPipeline;

// OTLP/HTTP: POST /v1/traces with application/x-protobuf or application/json bodies,
// optionally gzip-encoded. Decodes on its own pool, hands the spans to the pipeline and
// answers only after they are committed.
class OtlpHttpReceiver
{
public:
    OtlpHttpReceiver(IngestPipeline &pipeline, qint64 maxDecodedBytes);
    ~OtlpHttpReceiver();

    void handle(HttpRequest &&request, HttpRespond respond);
    HttpHandler handler()
    {
        return [this](HttpRequest &&r, HttpRespond respond) { handle(std::move(r), std::move(respond)); };
    }

private:
    IngestPipeline &m_pipeline;
    qint64 m_maxDecodedBytes;
    QThreadPool m_pool;
};

} // namespace spanlight
