// libFuzzer target: OTLP protobuf bodies must decode or fail with a reason, never crash.
#include "ingest/otlpcodec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const spanlight::DecodeResult r = spanlight::decodeOtlpProtobuf(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (r.ok()) // what decodes must encode again
        (void)spanlight::encodeOtlpProtobuf(r.batch.spans);
    return 0;
}
