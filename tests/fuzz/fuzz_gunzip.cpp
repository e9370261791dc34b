// libFuzzer target: gzip/zlib streams inflate within the cap or fail, never crash or overrun.
#include "ingest/otlpcodec.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr qint64 cap = 1 << 20;
    QString error;
    const auto out = spanlight::gunzip(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), cap, &error);
    if (out && out->size() > cap)
        std::abort();
    if (!out && error.isEmpty())
        std::abort(); // a refusal always says why
    return 0;
}
