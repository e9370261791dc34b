// libFuzzer target for one span decoder, chosen at build time (SPANLIGHT_FUZZ_HEADER and
// SPANLIGHT_FUZZ_DECODER, see CMakeLists.txt): bodies must decode or fail with a reason,
// never crash, and what a decoder lets through must be valid.
#include SPANLIGHT_FUZZ_HEADER

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const spanlight::DecodeResult r
        = spanlight::SPANLIGHT_FUZZ_DECODER(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!r.ok() && r.error.isEmpty())
        std::abort(); // a refusal always says why
    for (const spanlight::Span &s : r.batch.spans)
        if (!spanlight::validateSpan(s).isEmpty())
            std::abort();
    return 0;
}
