// Writes the Zipkin protobuf goldens in tests/ingest/data/ through the protoc-generated C++ API
// only (never spanlight's decoder or anything that shares code with it). Not run by ctest; see
// data/README.md.
//
//   make_zipkin_fixtures <output dir>

#include "zipkin/zipkin.pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

namespace zpb = zipkin::proto3;

namespace {

std::string bytesFromHex(const std::string &hex)
{
    auto nibble = [](char c) -> int { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(char((nibble(hex[i]) << 4) | nibble(hex[i + 1])));
    return out;
}

std::string ipv4(unsigned a, unsigned b, unsigned c, unsigned d)
{
    return std::string { char(a), char(b), char(c), char(d) };
}

void endpoint(zpb::Endpoint *e, const std::string &service, const std::string &v4 = {}, int port = 0)
{
    e->set_service_name(service);
    if (!v4.empty())
        e->set_ipv4(v4);
    e->set_port(port);
}

zpb::Span *span(zpb::ListOfSpans &list, const std::string &traceId, const std::string &parentId,
    const std::string &id, const std::string &name, zpb::Span::Kind kind, uint64_t timestamp,
    uint64_t duration)
{
    zpb::Span *s = list.add_spans();
    s->set_trace_id(bytesFromHex(traceId));
    if (!parentId.empty())
        s->set_parent_id(bytesFromHex(parentId));
    s->set_id(bytesFromHex(id));
    s->set_name(name);
    s->set_kind(kind);
    s->set_timestamp(timestamp);
    s->set_duration(duration);
    return s;
}

void annotate(zpb::Span *s, uint64_t timestamp, const std::string &value)
{
    zpb::Annotation *a = s->add_annotations();
    a->set_timestamp(timestamp);
    a->set_value(value);
}

// The same trace as data/zipkin_trace_full.json; keep the two in step.
zpb::ListOfSpans fullTrace()
{
    const std::string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const uint64_t t0 = 1700000000000000;
    zpb::ListOfSpans list;

    zpb::Span *root
        = span(list, trace, {}, "00f067aa0ba902b7", "get /checkout", zpb::Span::SERVER, t0, 150000);
    endpoint(root->mutable_local_endpoint(), "frontend", ipv4(10, 0, 0, 1), 8080);
    // 2001:db8::c001
    root->mutable_remote_endpoint()->set_ipv6(bytesFromHex("20010db800000000000000000000c001"));
    root->mutable_remote_endpoint()->set_port(51000);
    annotate(root, t0 + 100, "checkout.start");
    (*root->mutable_tags())["http.method"] = "GET";
    (*root->mutable_tags())["http.path"] = "/checkout";
    (*root->mutable_tags())["http.status_code"] = "200";

    zpb::Span *client = span(list, trace, "00f067aa0ba902b7", "b7ad6b7169203331", "post /charge",
        zpb::Span::CLIENT, t0 + 20000, 100000);
    endpoint(client->mutable_local_endpoint(), "frontend", ipv4(10, 0, 0, 1));
    endpoint(client->mutable_remote_endpoint(), "payments", ipv4(10, 0, 0, 2), 9000);
    annotate(client, t0 + 20010, "ws");
    annotate(client, t0 + 119990, "wr");
    (*client->mutable_tags())["http.method"] = "POST";
    (*client->mutable_tags())["http.status_code"] = "502";
    (*client->mutable_tags())["error"] = "upstream failed";

    zpb::Span *server = span(list, trace, "00f067aa0ba902b7", "b7ad6b7169203331", "post /charge",
        zpb::Span::SERVER, t0 + 25000, 90000);
    server->set_shared(true);
    endpoint(server->mutable_local_endpoint(), "payments", ipv4(10, 0, 0, 2), 9000);
    endpoint(server->mutable_remote_endpoint(), "", ipv4(10, 0, 0, 1), 51234);
    (*server->mutable_tags())["otel.status_code"] = "ERROR";
    (*server->mutable_tags())["otel.status_description"] = "card declined";
    (*server->mutable_tags())["error"] = "";

    zpb::Span *db = span(list, trace, "b7ad6b7169203331", "e457b5a2e4d86bd1", "insert charge",
        zpb::Span::CLIENT, t0 + 30000, 20000);
    db->set_debug(true);
    endpoint(db->mutable_local_endpoint(), "payments");
    endpoint(db->mutable_remote_endpoint(), "postgres");
    (*db->mutable_tags())["db.system"] = "postgresql";
    (*db->mutable_tags())["otel.scope.name"] = "pg-instrumentation";
    (*db->mutable_tags())["otel.scope.version"] = "0.9.1";

    zpb::Span *local = span(list, trace, "b7ad6b7169203331", "3c8e9d1c2b7a6f50", "validate card",
        zpb::Span::SPAN_KIND_UNSPECIFIED, t0 + 26000, 0);
    endpoint(local->mutable_local_endpoint(), "payments");
    (*local->mutable_tags())["otel.status_code"] = "OK";

    zpb::Span *producer = span(list, trace, "00f067aa0ba902b7", "5d1f3a2b4c6e8f01", "send receipt",
        zpb::Span::PRODUCER, t0 + 140000, 500);
    endpoint(producer->mutable_local_endpoint(), "frontend");
    endpoint(producer->mutable_remote_endpoint(), "kafka");

    zpb::Span *consumer = span(list, trace, "5d1f3a2b4c6e8f01", "6e2a4b3c5d7f9012", "receive receipt",
        zpb::Span::CONSUMER, t0 + 145000, 3000);
    endpoint(consumer->mutable_local_endpoint(), "mailer");

    span(list, "463ac35c9f6413ad", {}, "72485a3953bb6124", "orphan", zpb::Span::SPAN_KIND_UNSPECIFIED,
        t0 + 1000000, 1);
    return list;
}

// One valid span and seven a buggy reporter might send.
zpb::ListOfSpans badSpans()
{
    const std::string trace = "86154a4ba6e91385";
    const uint64_t t0 = 1700000002000000;
    zpb::ListOfSpans list;
    endpoint(span(list, trace, {}, "4d1e00c0db9010db", "kept", zpb::Span::SERVER, t0, 10)
                 ->mutable_local_endpoint(),
        "svc");
    span(list, "86154a4ba6e913", {}, "4d1e00c0db9010dc", "7-byte trace id", zpb::Span::SERVER, t0, 10);
    span(list, trace, {}, "4d1e00c0", "4-byte id", zpb::Span::SERVER, t0, 10);
    span(list, trace, "4d1e00", "4d1e00c0db9010dd", "3-byte parent id", zpb::Span::SERVER, t0, 10);
    span(list, trace, {}, "4d1e00c0db9010de", "kind 9", zpb::Span::Kind(9), t0, 10);
    span(list, trace, {}, "4d1e00c0db9010df", "no timestamp", zpb::Span::SERVER, 0, 10);
    span(list, trace, {}, "4d1e00c0db9010e0", "timestamp past int64", zpb::Span::SERVER, UINT64_MAX, 10);
    endpoint(span(list, trace, {}, "4d1e00c0db9010e1", "port -1", zpb::Span::SERVER, t0, 10)
                 ->mutable_local_endpoint(),
        "svc", {}, -1);
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output dir>\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    // Deterministic output: protobuf maps serialise in hash order unless told otherwise.
    bool ok = true;
    const std::pair<const char *, zpb::ListOfSpans> fixtures[]
        = { { "/zipkin_trace_full.pb", fullTrace() }, { "/zipkin_bad_spans.pb", badSpans() } };
    for (const auto &[name, list] : fixtures) {
        std::string bytes;
        {
            google::protobuf::io::StringOutputStream stream(&bytes);
            google::protobuf::io::CodedOutputStream coded(&stream);
            coded.SetSerializationDeterministic(true);
            ok = list.SerializeToCodedStream(&coded) && ok;
        }
        std::ofstream out(dir + name, std::ios::binary | std::ios::trunc);
        out << bytes;
        ok = out.good() && ok;
    }
    if (!ok) {
        std::fprintf(stderr, "could not write the fixtures to %s\n", dir.c_str());
        return 1;
    }
    return 0;
}
