// libFuzzer target for trace files as the console imports them: whatever the bytes, detection and
// decoding end in spans or in an error that says why, never a crash, and what passes is valid.
#include "ingest/tracefile.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const spanlight::TraceFileDecode r
        = spanlight::decodeTraceFile(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!r.ok() && !r.batch.spans.isEmpty())
        std::abort(); // a refused file yields nothing
    for (const spanlight::Span &s : r.batch.spans)
        if (!spanlight::validateSpan(s).isEmpty())
            std::abort();
    return 0;
}
