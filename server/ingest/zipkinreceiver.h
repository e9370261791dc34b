#pragma once

#include "ingest/httpingestreceiver.h"

namespace spanlight {

// The Zipkin v2 HTTP protocol: POST /api/v2/spans with a JSON array of spans
// (application/json) or a ListOfSpans (application/x-protobuf, also application/protobuf),
// optionally gzipped. Answers as Zipkin does: 202 Accepted with an empty body once the spans
// are committed. When some spans were rejected it is still 202, with the header
// X-Spanlight-Rejected-Spans: <count> and a JSON body {"rejected_spans": n, "error_message": "..."}.
// Failures are the server's JSON error shape {"error": {"code", "message"}} with 400, 404, 405,
// 413, 415, 429 or 503 (the last two with Retry-After).
IngestProtocol zipkinProtocol();

} // namespace spanlight
