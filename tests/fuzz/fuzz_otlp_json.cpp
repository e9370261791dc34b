// libFuzzer target: OTLP/JSON bodies must decode or fail with a reason, never crash.
#include "ingest/otlpcodec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const spanlight::DecodeResult r
        = spanlight::decodeOtlpJson(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (r.ok())
        (void)spanlight::encodeOtlpJson(r.batch.spans);
    return 0;
}
