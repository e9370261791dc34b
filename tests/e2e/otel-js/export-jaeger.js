// Reports a small multi-service trace with the real Node Jaeger client (jaeger-client, its
// HTTPSender posting Thrift Batches) to a Spanlight Jaeger endpoint, and prints what the client
// reported (ids, parents, names, µs times, tags, logs, references) as JSON, so that the C++
// test can compare it with what Spanlight's API returns. Exits non-zero when a send fails.
//   node export-jaeger.js <http://127.0.0.1:PORT/api/traces>
'use strict';
const jaeger = require('jaeger-client');
const opentracing = require('opentracing');
const HTTPSender = require('jaeger-client/dist/src/reporters/http_sender.js').default; // not exported by index.js

const [endpoint] = process.argv.slice(2);
if (!endpoint) {
  console.error('usage: node export-jaeger.js URL');
  process.exit(2);
}

const failures = [];
const logger = { info() {}, error(msg) { failures.push(msg); } };
const reported = [];

// One tracer per service; each one's HTTPSender posts its own Batch (one Process per Batch).
function makeTracer(serviceName) {
  const sender = new HTTPSender({ endpoint, logger, timeoutMs: 10000 });
  const remote = new jaeger.RemoteReporter(sender, { logger, bufferFlushInterval: 60000 });
  const capture = {
    report(span) {
      reported.push({ serviceName, span });
      remote.report(span);
    },
    close(callback) { remote.close(callback); },
    setProcess(name, tags) { remote.setProcess(name, tags); },
  };
  return new jaeger.Tracer(serviceName, capture, new jaeger.ConstSampler(true),
    { logger, traceId128bit: true, tags: { 'deployment.environment': 'e2e' } });
}

const shop = makeTracer('jaeger-shop');
const stock = makeTracer('jaeger-stock');

const t0 = Date.now() - 5000; // ms; the client reports µs
const root = shop.startSpan('GET /basket', { startTime: t0, tags: {
  'span.kind': 'server', 'http.method': 'GET', 'http.status_code': 200, 'basket.total': 12.75,
  'basket.express': true, 'basket.token': Buffer.from('tok\u0001'), 'basket.meta': { lines: 2 },
} });
root.log({ event: 'cache.miss', key: 'basket:42' }, t0 + 1);
const call = shop.startSpan('GET /stock', { childOf: root.context(), startTime: t0 + 2, tags: { 'span.kind': 'client', 'peer.service': 'jaeger-stock' } });
const serve = stock.startSpan('check stock', { childOf: call.context(), startTime: t0 + 3, tags: { 'span.kind': 'server', error: true } });
serve.log({ event: 'error', 'error.kind': 'StockError', message: 'item 7 is gone', stack: 'StockError: item 7 is gone\n    at check (stock.js:12)' }, t0 + 8);
serve.finish(t0 + 9);
call.finish(t0 + 10);
const audit = stock.startSpan('audit', { references: [opentracing.followsFrom(serve.context())], startTime: t0 + 11, tags: { 'audit.items': 3 } });
audit.finish(t0 + 12);
root.finish(t0 + 20);

const hex = (b) => Buffer.from(b).toString('hex');
const tagValue = (v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'object' ? JSON.stringify(v) : v);
const tagsOf = (list) => Object.fromEntries(list.map((t) => [t.key, tagValue(t.value)]));
const expected = reported.map(({ serviceName, span }) => {
  const ctx = span.context();
  return {
    trace_id: hex(ctx.traceId).padStart(32, '0'),
    span_id: hex(ctx.spanId),
    parent_span_id: ctx.parentId ? hex(ctx.parentId) : '',
    service_name: serviceName,
    name: span.operationName,
    start_us: String(span._startTime * 1000),
    duration_us: String(span._duration * 1000),
    flags: ctx.flags,
    tags: tagsOf(span._tags),
    logs: span._logs.map((l) => ({ timestamp_us: String(l.timestamp * 1000), fields: tagsOf(l.fields) })),
    references: span._references.map((r) => ({ type: r.type(), span_id: hex(r.referencedContext().spanId) })),
  };
});

let open = 2;
const done = () => {
  if (--open > 0)
    return;
  if (failures.length) {
    console.error('send failed:', failures.join('; '));
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ exported: true, spans: expected }) + '\n');
  process.exit(0);
};
// close() flushes what is buffered and waits for the HTTP answer before calling back.
shop.close(done);
stock.close(done);
