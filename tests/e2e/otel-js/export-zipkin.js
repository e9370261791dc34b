// Exports a two-service trace with an error and events through the real OpenTelemetry JS SDK and
// its Zipkin exporter (@opentelemetry/exporter-zipkin, Zipkin v2 JSON) to a Spanlight Zipkin
// endpoint, then prints what Spanlight should hold for every span as JSON, so that the C++ test
// can compare it with what Spanlight's API returns.
//   node export-zipkin.js <http://127.0.0.1:PORT/api/v2/spans>
//
// The expectation is written from what Zipkin v2 can carry, not from the exporter's code:
// times in microseconds, attributes as strings (the exporter also copies the resource
// attributes into every span's tags), events as annotations (name and time only), no links,
// the status as the otel.status_code / error tags that Spanlight turns back into a status.
'use strict';
const api = require('@opentelemetry/api');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node export-zipkin.js URL');
  process.exit(2);
}

const memory = new InMemorySpanExporter();
const provider = (service) => new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'e2e' }),
  spanProcessors: [new SimpleSpanProcessor(memory)],
});
const frontend = provider('zipkin-frontend').getTracer('spanlight-e2e', '1.0.0');
const payments = provider('zipkin-payments').getTracer('spanlight-e2e', '1.0.0');

// Whole milliseconds, so every time is a whole number of microseconds on the wire.
const t0 = Date.now() - 5000;
const root = frontend.startSpan('GET /checkout', {
  kind: api.SpanKind.SERVER,
  startTime: t0,
  attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'cart.items': 3, 'cart.gift': true },
});
root.addEvent('cart.loaded', t0 + 2);
root.setStatus({ code: api.SpanStatusCode.OK });
const rootCtx = api.trace.setSpan(api.ROOT_CONTEXT, root);

const call = frontend.startSpan('POST /pay', { kind: api.SpanKind.CLIENT, startTime: t0 + 10, attributes: { 'peer.service': 'zipkin-payments' } }, rootCtx);
const callCtx = api.trace.setSpan(rootCtx, call);

const serve = payments.startSpan('POST /pay', { kind: api.SpanKind.SERVER, startTime: t0 + 12, attributes: { 'http.response.status_code': 402 } }, callCtx);
const serveCtx = api.trace.setSpan(callCtx, serve);
const validate = payments.startSpan('validate card', { startTime: t0 + 13 }, serveCtx);
validate.addEvent('luhn.ok', t0 + 14);
validate.end(t0 + 15);
const db = payments.startSpan('INSERT payments', { kind: api.SpanKind.CLIENT, startTime: t0 + 16, attributes: { 'db.system': 'postgresql' } }, serveCtx);
db.end(t0 + 30);
serve.recordException({ name: 'CardDeclined', message: 'card declined by issuer' }, t0 + 40);
serve.setStatus({ code: api.SpanStatusCode.ERROR, message: 'card declined' });
serve.end(t0 + 45);
call.setStatus({ code: api.SpanStatusCode.ERROR, message: 'payment failed' });
call.end(t0 + 50);
root.end(t0 + 100);

const kinds = ['internal', 'server', 'client', 'producer', 'consumer']; // by OpenTelemetry SpanKind
const us = (hr) => (BigInt(hr[0]) * 1000000n + BigInt(hr[1]) / 1000n).toString();
const strings = (attributes) => Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, String(v)]));
const spans = memory.getFinishedSpans();
const expected = spans.map((s) => ({
  trace_id: s.spanContext().traceId,
  span_id: s.spanContext().spanId,
  parent_span_id: (s.parentSpanContext && s.parentSpanContext.spanId) || '',
  name: s.name,
  kind: kinds[s.kind],
  service_name: s.resource.attributes['service.name'],
  start_time_unix_micro: us(s.startTime),
  end_time_unix_micro: us(s.endTime),
  status_code: ['unset', 'ok', 'error'][s.status.code],
  status_message: s.status.code === api.SpanStatusCode.ERROR ? (s.status.message || '') : '',
  attributes: { ...strings(s.attributes), ...strings(s.resource.attributes) },
  events: s.events.map((e) => ({ name: e.name, time_unix_micro: us(e.time) })),
}));

const exporter = new ZipkinExporter({ url });
exporter.export(spans, (result) => {
  if (result.code !== 0) {
    console.error('export failed:', result.error && result.error.message);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ exported: true, spans: expected }) + '\n');
  exporter.shutdown().then(() => process.exit(0));
});
