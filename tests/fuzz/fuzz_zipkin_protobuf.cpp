// libFuzzer target: Zipkin v2 protobuf bodies must decode or fail with a reason, never crash.
#include "ingest/zipkincodec.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const spanlight::DecodeResult r
        = spanlight::decodeZipkinProtobuf(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!r.ok() && r.error.isEmpty())
        std::abort(); // a refusal always says why
    for (const spanlight::Span &s : r.batch.spans)
        if (!spanlight::validateSpan(s).isEmpty())
            std::abort(); // what a decoder lets through is valid
    return 0;
}
