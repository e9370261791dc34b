// Exports a small, rich trace with the real OpenTelemetry JS SDK to a Spanlight OTLP endpoint
// and prints what the SDK exported (ids, times in ns, attributes, events) as JSON, so that the
// C++ test can compare it with what Spanlight's API returns.
//   node export.js <http://127.0.0.1:PORT/v1/traces> <proto|json>
//   node export.js <http://127.0.0.1:PORT> <grpc|grpc-gzip>        (OTLP/gRPC, gzip or not)
'use strict';
const api = require('@opentelemetry/api');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const exporters = {
  proto: () => require('@opentelemetry/exporter-trace-otlp-proto'),
  json: () => require('@opentelemetry/exporter-trace-otlp-http'),
  grpc: () => require('@opentelemetry/exporter-trace-otlp-grpc'),
  'grpc-gzip': () => require('@opentelemetry/exporter-trace-otlp-grpc'),
};
const [url, protocol] = process.argv.slice(2);
if (!url || !(protocol in exporters)) {
  console.error(`usage: node export.js URL ${Object.keys(exporters).join('|')}`);
  process.exit(2);
}
const { OTLPTraceExporter } = exporters[protocol]();

const memory = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': `shop-${protocol}`, 'service.version': '2.0.1', 'deployment.environment': 'e2e' }),
  spanProcessors: [new SimpleSpanProcessor(memory)],
});
const tracer = provider.getTracer('spanlight-e2e', '1.0.0');
// A second service in the same trace, as if the payment call crossed a process boundary.
const paymentsProvider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': `payments-${protocol}`, 'service.version': '7.1.0' }),
  spanProcessors: [new SimpleSpanProcessor(memory)],
});
const paymentsTracer = paymentsProvider.getTracer('spanlight-e2e-payments', '0.3.0');

const t0 = Date.now() - 5000;
const root = tracer.startSpan('GET /cart', {
  kind: api.SpanKind.SERVER,
  startTime: t0,
  attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'cart.items': 3, 'cart.total': 59.9, 'cart.gift': true, 'cart.tags': ['a', 'b'] },
});
const rootCtx = api.trace.setSpan(api.ROOT_CONTEXT, root);
const db = tracer.startSpan('SELECT cart', { kind: api.SpanKind.CLIENT, startTime: t0 + 5, attributes: { 'db.system': 'postgresql' } }, rootCtx);
db.addEvent('query.start', { 'db.statement': 'SELECT * FROM cart' }, t0 + 6);
db.end(t0 + 25);
const pay = tracer.startSpan('POST /pay', { kind: api.SpanKind.CLIENT, startTime: t0 + 30, attributes: { 'peer.service': 'payments' },
  links: [{ context: db.spanContext(), attributes: { 'link.reason': 'after-read' } }] }, rootCtx);
const payCtx = api.trace.setSpan(api.ROOT_CONTEXT, pay);
const charge = paymentsTracer.startSpan('charge', { kind: api.SpanKind.SERVER, startTime: t0 + 32, attributes: { 'payment.method': 'card' } }, payCtx);
const risk = paymentsTracer.startSpan('risk-check', { kind: api.SpanKind.INTERNAL, startTime: t0 + 33, attributes: { 'risk.score': 0.12 } },
  api.trace.setSpan(api.ROOT_CONTEXT, charge));
risk.end(t0 + 40);
charge.end(t0 + 85);
pay.recordException({ name: 'TimeoutError', message: 'payment gateway timed out', stack: 'TimeoutError: payment gateway timed out\n    at pay (shop.js:10)' }, t0 + 80);
pay.setStatus({ code: api.SpanStatusCode.ERROR, message: 'gateway timeout' });
pay.end(t0 + 90);
root.end(t0 + 100);

const ns = (hr) => (BigInt(hr[0]) * 1000000000n + BigInt(hr[1])).toString();
const spans = memory.getFinishedSpans();
const expected = spans.map((s) => ({
  trace_id: s.spanContext().traceId,
  span_id: s.spanContext().spanId,
  parent_span_id: (s.parentSpanContext && s.parentSpanContext.spanId) || '',
  name: s.name,
  kind: s.kind,
  service_name: s.resource.attributes['service.name'],
  start_time_unix_nano: ns(s.startTime),
  end_time_unix_nano: ns(s.endTime),
  status_code: s.status.code,
  status_message: s.status.message || '',
  attributes: s.attributes,
  events: s.events.map((e) => ({ name: e.name, time_unix_nano: ns(e.time), attributes: e.attributes || {} })),
  links: s.links.map((l) => ({ trace_id: l.context.traceId, span_id: l.context.spanId })),
}));

const exporter = new OTLPTraceExporter({ url, timeoutMillis: 10000, ...(protocol === 'grpc-gzip' ? { compression: 'gzip' } : {}) });
exporter.export(spans, (result) => {
  if (result.code !== 0) {
    console.error('export failed:', result.error && result.error.message);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ exported: true, spans: expected }) + '\n');
  exporter.shutdown().then(() => process.exit(0));
});
