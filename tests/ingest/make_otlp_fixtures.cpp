// Writes the protobuf golden files in tests/ingest/data/. It builds the messages through the
// protoc-generated C++ API only, never through spanlight's own encoder, so the decoder tests
// check our decoder against an independent encoder. Not run by ctest; see data/README.md.
//
//   make_otlp_fixtures <output dir>

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

namespace collector = opentelemetry::proto::collector::trace::v1;
namespace trace = opentelemetry::proto::trace::v1;
namespace common = opentelemetry::proto::common::v1;

namespace {

std::string bytesFromHex(const std::string &hex)
{
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return c - 'A' + 10;
    };
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(char((nibble(hex[i]) << 4) | nibble(hex[i + 1])));
    return out;
}

common::AnyValue *attribute(google::protobuf::RepeatedPtrField<common::KeyValue> *list, const std::string &key)
{
    common::KeyValue *kv = list->Add();
    kv->set_key(key);
    return kv->mutable_value();
}

// The same trace as data/trace_full.json and data/trace_full_snake.json; keep the three in step.
collector::ExportTraceServiceRequest fullTrace()
{
    collector::ExportTraceServiceRequest request;

    // Resource 1: the spec's example service plus a few typed resource attributes.
    trace::ResourceSpans *rs1 = request.add_resource_spans();
    auto *resAttrs = rs1->mutable_resource()->mutable_attributes();
    attribute(resAttrs, "service.name")->set_string_value("my.service");
    attribute(resAttrs, "service.version")->set_string_value("1.4.2");
    attribute(resAttrs, "host.cores")->set_int_value(8);
    attribute(resAttrs, "deployment.canary")->set_bool_value(false);
    rs1->set_schema_url("https://opentelemetry.io/schemas/1.21.0");

    trace::ScopeSpans *ss1 = rs1->add_scope_spans();
    ss1->mutable_scope()->set_name("my.library");
    ss1->mutable_scope()->set_version("1.0.0");
    attribute(ss1->mutable_scope()->mutable_attributes(), "my.scope.attribute")->set_string_value("some scope attribute");

    // Span 1: the OTLP/JSON example span from the spec, with flags and trace state added.
    trace::Span *s1 = ss1->add_spans();
    s1->set_trace_id(bytesFromHex("5B8EFFF798038103D269B633813FC60C"));
    s1->set_span_id(bytesFromHex("EEE19B7EC3C1B174"));
    s1->set_parent_span_id(bytesFromHex("EEE19B7EC3C1B173"));
    s1->set_trace_state("congo=t61rcWkgMzE");
    s1->set_flags(0x301); // sampled, parent known to be remote
    s1->set_name("I'm a server span");
    s1->set_kind(trace::Span::SPAN_KIND_SERVER);
    s1->set_start_time_unix_nano(1544712660000000000ULL);
    s1->set_end_time_unix_nano(1544712661000000000ULL);
    attribute(s1->mutable_attributes(), "my.span.attr")->set_string_value("some value");

    // Span 2: every AnyValue kind, events, a link, dropped counts and an error status.
    trace::Span *s2 = ss1->add_spans();
    s2->set_trace_id(bytesFromHex("5B8EFFF798038103D269B633813FC60C"));
    s2->set_span_id(bytesFromHex("EEE19B7EC3C1B175"));
    s2->set_parent_span_id(bytesFromHex("EEE19B7EC3C1B174"));
    s2->set_name("SELECT orders");
    s2->set_kind(trace::Span::SPAN_KIND_CLIENT);
    s2->set_start_time_unix_nano(1544712660100000000ULL);
    s2->set_end_time_unix_nano(1544712660350000000ULL);
    auto *a2 = s2->mutable_attributes();
    attribute(a2, "attr.string")->set_string_value("h\xc3\xa9llo \xe2\x9c\x93"); // "héllo ✓"
    attribute(a2, "attr.bool")->set_bool_value(true);
    attribute(a2, "attr.int")->set_int_value(-42);
    attribute(a2, "attr.int.big")->set_int_value(9007199254740993LL); // 2^53 + 1: not exact as a double
    attribute(a2, "attr.double")->set_double_value(3.25);
    attribute(a2, "attr.bytes")->set_bytes_value(std::string("\x00\x01\xfe\xff", 4));
    common::ArrayValue *array = attribute(a2, "attr.array")->mutable_array_value();
    array->add_values()->set_string_value("a");
    array->add_values()->set_int_value(1);
    array->add_values()->set_bool_value(true);
    array->add_values()->set_double_value(2.5);
    common::KeyValueList *kvlist = attribute(a2, "attr.kvlist")->mutable_kvlist_value();
    attribute(kvlist->mutable_values(), "inner")->set_string_value("x");
    attribute(kvlist->mutable_values(), "n")->set_int_value(7);
    common::ArrayValue *nested = attribute(kvlist->mutable_values(), "nested")->mutable_array_value();
    nested->add_values()->set_int_value(1);
    nested->add_values()->set_int_value(2);
    attribute(a2, "attr.empty"); // an AnyValue with nothing set
    s2->set_dropped_attributes_count(3);

    trace::Span::Event *e1 = s2->add_events();
    e1->set_time_unix_nano(1544712660200000000ULL);
    e1->set_name("exception");
    attribute(e1->mutable_attributes(), "exception.type")->set_string_value("TimeoutError");
    attribute(e1->mutable_attributes(), "exception.message")->set_string_value("deadline exceeded");
    e1->set_dropped_attributes_count(1);
    trace::Span::Event *e2 = s2->add_events();
    e2->set_time_unix_nano(1544712660300000000ULL);
    e2->set_name("retry");
    s2->set_dropped_events_count(2);

    trace::Span::Link *l1 = s2->add_links();
    l1->set_trace_id(bytesFromHex("0AF7651916CD43DD8448EB211C80319C"));
    l1->set_span_id(bytesFromHex("B7AD6B7169203331"));
    l1->set_trace_state("rojo=00f067aa0ba902b7");
    attribute(l1->mutable_attributes(), "link.kind")->set_string_value("follows_from");
    l1->set_dropped_attributes_count(1);
    l1->set_flags(1);
    s2->set_dropped_links_count(4);
    s2->mutable_status()->set_code(trace::Status::STATUS_CODE_ERROR);
    s2->mutable_status()->set_message("connection reset");

    // A second scope in the same resource, without version or attributes.
    trace::ScopeSpans *ss2 = rs1->add_scope_spans();
    ss2->mutable_scope()->set_name("db.client");
    trace::Span *s3 = ss2->add_spans();
    s3->set_trace_id(bytesFromHex("5B8EFFF798038103D269B633813FC60C"));
    s3->set_span_id(bytesFromHex("1111111111111111"));
    s3->set_parent_span_id(bytesFromHex("EEE19B7EC3C1B175"));
    s3->set_name("pool.acquire");
    s3->set_kind(trace::Span::SPAN_KIND_INTERNAL);
    s3->set_start_time_unix_nano(1544712660110000000ULL);
    s3->set_end_time_unix_nano(1544712660120000000ULL);
    s3->mutable_status()->set_code(trace::Status::STATUS_CODE_OK);

    // Resource 2: no service.name (-> "unknown_service") and a scope-less ScopeSpans.
    trace::ResourceSpans *rs2 = request.add_resource_spans();
    attribute(rs2->mutable_resource()->mutable_attributes(), "telemetry.sdk.language")->set_string_value("go");
    trace::Span *s4 = rs2->add_scope_spans()->add_spans();
    s4->set_trace_id(bytesFromHex("4bf92f3577b34da6a3ce929d0e0e4736"));
    s4->set_span_id(bytesFromHex("00f067aa0ba902b7"));
    s4->set_name("GET /health");
    s4->set_kind(trace::Span::SPAN_KIND_PRODUCER);
    s4->set_start_time_unix_nano(1700000000000000000ULL);
    s4->set_end_time_unix_nano(1700000000000001000ULL);
    return request;
}

// One valid span and four that validation must reject; the ids are as a buggy SDK sends them.
collector::ExportTraceServiceRequest badIds()
{
    collector::ExportTraceServiceRequest request;
    trace::ResourceSpans *rs = request.add_resource_spans();
    attribute(rs->mutable_resource()->mutable_attributes(), "service.name")->set_string_value("buggy");
    trace::ScopeSpans *ss = rs->add_scope_spans();
    auto add = [ss](const std::string &traceHex, const std::string &spanHex, const std::string &name) {
        trace::Span *s = ss->add_spans();
        s->set_trace_id(bytesFromHex(traceHex));
        s->set_span_id(bytesFromHex(spanHex));
        s->set_name(name);
        s->set_start_time_unix_nano(1700000000000000000ULL);
        s->set_end_time_unix_nano(1700000000000000500ULL);
        return s;
    };
    add("0102030405060708090a0b0c0d0e0f10", "0102030405060708", "valid");
    add("0102030405060708090a0b0c0d0e0f", "0102030405060708", "trace id 15 bytes");
    add("0102030405060708090a0b0c0d0e0f10", "0000000000000000", "span id all zero");
    add("0102030405060708090a0b0c0d0e0f10", "0102030405060708", "no start time")->set_start_time_unix_nano(0);
    add("0102030405060708090a0b0c0d0e0f10", "01020304050607", "span id 7 bytes");
    return request;
}

bool write(const std::string &path, const google::protobuf::MessageLite &message)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !message.SerializeToOstream(&out)) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return false;
    }
    std::printf("wrote %s (%zu bytes)\n", path.c_str(), message.ByteSizeLong());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output dir>\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const bool ok = write(dir + "/trace_full.pb", fullTrace()) && write(dir + "/bad_ids.pb", badIds());
    return ok ? 0 : 1;
}
