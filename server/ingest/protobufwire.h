#pragma once

// Protobuf helpers every protobuf decoder in spanlight_ingest shares (OTLP, Zipkin).
// Internal to spanlight_ingest.

#include <QByteArrayView>
#include <QString>

namespace google::protobuf {
class Descriptor;
}

namespace spanlight {

// ParseFromArray() only says "no". This walks the wire format of `body` along the message
// descriptors from `root` and reports the first thing protobuf would refuse, with the field path
// and byte offset ("spans[2].name: string is not valid UTF-8 at byte 123"): truncation, a bad
// wire type, over-deep nesting or invalid UTF-8 in a string field. Empty when it finds nothing.
QString diagnoseProtobuf(QByteArrayView body, const google::protobuf::Descriptor *root);

// protobuf logs an ERROR line for every body it refuses over invalid UTF-8. Those bodies come
// from the network, so one bad client could flood the log, and the 400 already says which string
// is bad. Installs (once, thread-safely) a log handler that drops only that message; call it
// before parsing.
void installProtobufLogFilter();

} // namespace spanlight
