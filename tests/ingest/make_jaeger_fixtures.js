// Writes the Jaeger Thrift goldens of tst_jaeger with the real Node Jaeger client
// (jaeger-client, pinned by tests/e2e/otel-js/package-lock.json), independent of Spanlight's
// encoder. See data/README.md.
//   node tests/ingest/make_jaeger_fixtures.js [outdir]     (default: tests/ingest/data)
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { createRequire } = require('module');

const npm = createRequire(path.join(__dirname, '../e2e/otel-js/package.json'));
const jaeger = npm('jaeger-client');
const jaegerUtil = npm('jaeger-client/dist/src/util.js').default;
const ThriftUtils = npm('jaeger-client/dist/src/thrift.js').default;
const HTTPSender = npm('jaeger-client/dist/src/reporters/http_sender.js').default;
const { Thrift } = npm('thriftrw');
const opentracing = npm('opentracing');

const outDir = process.argv[2] || path.join(__dirname, 'data');

// Deterministic ids: the client draws them from getRandom64; count instead.
let nextId = 0x1000;
jaegerUtil.getRandom64 = () => {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(0xa0b0c0d0, 0);
  b.writeUInt32BE(nextId++, 4);
  return b;
};
jaegerUtil.getRandom128 = () => Buffer.concat([Buffer.from('0f0e0d0c0b0a0908', 'hex'), jaegerUtil.getRandom64()]);

// Runs one tracer with an HTTPSender against a local server that keeps the POSTed body.
async function captureTracer(name, serviceName, options, build) {
  const bodies = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== '/api/traces' || req.headers['content-type'] !== 'application/x-thrift') {
        res.writeHead(400).end();
        return;
      }
      bodies.push(Buffer.concat(chunks));
      res.writeHead(202).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const errors = [];
  const logger = { info() {}, error(msg) { errors.push(msg); } };
  const sender = new HTTPSender({ endpoint: `http://127.0.0.1:${server.address().port}/api/traces`, logger });
  const reporter = new jaeger.RemoteReporter(sender, { logger, bufferFlushInterval: 60000 });
  const tracer = new jaeger.Tracer(serviceName, reporter, new jaeger.ConstSampler(true),
    { logger, tags: { hostname: 'fixture-host', ip: '10.1.2.3', 'deployment.environment': 'golden' }, ...options });
  // client-uuid is random per tracer; pin it so that the golden only changes when the client does.
  reporter.setProcess(serviceName, Object.entries({ ...tracer._tags, 'client-uuid': 'fixture-uuid' })
    .map(([key, value]) => ({ key, value })));
  build(tracer);
  await new Promise((resolve) => tracer.close(resolve));
  server.close();
  if (errors.length || bodies.length !== 1)
    throw new Error(`${name}: ${errors.join('; ') || `${bodies.length} bodies`}`);
  fs.writeFileSync(path.join(outDir, name), bodies[0]);
}

const T0 = 1735700000000; // ms; 2025-01-01T02:53:20Z

function build128(tracer) {
  const root = tracer.startSpan('GET /checkout', { startTime: T0, tags: {
    'span.kind': 'server', 'http.method': 'GET', 'http.status_code': 200, 'cart.total': 59.5,
    'cart.gift': true, 'cart.token': Buffer.from([0, 1, 2, 250, 251]), 'cart.meta': { items: 3 },
  } });
  const db = tracer.startSpan('SELECT orders', { childOf: root.context(), startTime: T0 + 5,
    tags: { 'span.kind': 'client', 'db.system': 'postgresql', error: true } });
  db.log({ event: 'error', 'error.kind': 'TimeoutError', message: 'db timed out', stack: 'TimeoutError: db timed out\n    at query (db.js:7)' }, T0 + 20);
  db.log({ message: 'retrying', attempt: 2 }, T0 + 21);
  db.finish(T0 + 25);
  const publish = tracer.startSpan('publish order', { references: [opentracing.followsFrom(root.context())], startTime: T0 + 30,
    tags: { 'span.kind': 'producer', 'sampling.priority': 1 } });
  publish.finish(T0 + 31);
  root.finish(T0 + 40);
}

function build64(tracer) {
  const root = tracer.startSpan('legacy job', { startTime: T0 + 1000, tags: { 'job.id': 'j-17' } });
  const step = tracer.startSpan('step', { childOf: root.context(), startTime: T0 + 1001 });
  step.finish(T0 + 1002);
  root.finish(T0 + 1010);
}

// A Batch built straight through thriftrw with the client's own IDL: what the tracer cannot
// produce (LONG tags, CHILD_OF without parentSpanId, references to other traces, error as a
// string, otel.* tags, several CHILD_OF references).
function thriftrwBatch() {
  const t = new Thrift({ source: ThriftUtils.loadJaegerThriftDefinition(), allowOptionalArguments: true });
  const id = (hex) => Buffer.from(hex, 'hex');
  const tag = (key, vType, value) => {
    const o = { key, vType: t.TagType[vType] };
    o[{ STRING: 'vStr', DOUBLE: 'vDouble', BOOL: 'vBool', LONG: 'vLong', BINARY: 'vBinary' }[vType]] = value;
    return new t.Tag(o);
  };
  const us = T0 * 1000 + 2000000;
  const batch = new t.Batch({
    process: new t.Process({ serviceName: 'payments', tags: [tag('host.name', 'STRING', 'pay-1'), tag('pid', 'LONG', id('0000000000001f90'))] }),
    spans: [
      new t.Span({
        traceIdLow: id('1112131415161718'), traceIdHigh: id('0102030405060708'), spanId: id('00000000000000a1'),
        parentSpanId: id('0000000000000000'), operationName: 'charge', flags: 1, startTime: us, duration: 1500,
        references: [
          new t.SpanRef({ refType: t.SpanRefType.CHILD_OF, traceIdLow: id('1112131415161718'), traceIdHigh: id('0102030405060708'), spanId: id('00000000000000a0') }),
          new t.SpanRef({ refType: t.SpanRefType.CHILD_OF, traceIdLow: id('1112131415161718'), traceIdHigh: id('0102030405060708'), spanId: id('000000000000009f') }),
          new t.SpanRef({ refType: t.SpanRefType.FOLLOWS_FROM, traceIdLow: id('2222222222222222'), traceIdHigh: id('0000000000000000'), spanId: id('00000000000000b1') }),
        ],
        tags: [
          tag('amount.cents', 'LONG', id('7fffffffffffffff')), tag('amount.negative', 'LONG', id('fffffffffffffffe')),
          tag('rate', 'DOUBLE', 0.25), tag('approved', 'BOOL', false), tag('card.hash', 'BINARY', Buffer.from('hash!')),
          tag('currency', 'STRING', 'EUR'), tag('error', 'STRING', 'true'), tag('otel.status_description', 'STRING', 'card declined'),
          tag('otel.scope.name', 'STRING', 'pay-lib'), tag('otel.scope.version', 'STRING', '2.1'), tag('span.kind', 'STRING', 'INTERNAL'),
        ],
        logs: [new t.Log({ timestamp: us + 100, fields: [tag('event', 'STRING', 'exception'), tag('exception.type', 'STRING', 'CardError'),
          tag('exception.message', 'STRING', 'declined'), tag('retries', 'LONG', id('0000000000000003'))] })],
      }),
      new t.Span({
        traceIdLow: id('1112131415161718'), traceIdHigh: id('0102030405060708'), spanId: id('00000000000000a2'),
        parentSpanId: id('00000000000000a1'), operationName: 'audit', flags: 0, startTime: us + 200, duration: 0,
        tags: [tag('otel.status_code', 'STRING', 'OK'), tag('span.kind', 'STRING', 'consumer'), tag('error', 'BOOL', false)],
      }),
    ],
  });
  const result = t.Batch.rw.toBuffer(batch);
  if (result.err)
    throw result.err;
  fs.writeFileSync(path.join(outDir, 'thriftrw_batch.thrift'), result.value);
}

(async () => {
  await captureTracer('tracer_128bit.thrift', 'frontend', { traceId128bit: true }, build128);
  await captureTracer('tracer_64bit.thrift', 'legacy', {}, build64);
  thriftrwBatch();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
