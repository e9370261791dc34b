#pragma once

#include "analysis/anomalyanalysis.h"

#include <memory>

namespace spanlight {

class ConsoleController;
class SpanlightServer;
class IngestSenders;
class Store;
class TraceSource;
struct ImportOutcome;
struct TraceImportResult;

// Connects a console to a started embedded server: the server's store becomes the trace
// source (queried on the console's worker thread), its commits refresh the console, and its
// listeners and token become the endpoints shown. Call controller.shutdown() before
// server.stop(), so that no query is running when the store closes. The same binding is
// handed to controller.connection(), which restores it after a remote server was used.
void attachServer(ConsoleController &controller, SpanlightServer &server);

// The source attachServer() uses: every read through TraceAnalysis and ServiceAnalysis over
// `store`, which must outlive it, the ingest-health table of `senders` (may be null: none), and
// anomalies judged by `anomalyOptions` (the server's ANOMALY_MARGIN, as GET /anomalies does).
// Tests use it over a store of their own.
std::shared_ptr<const TraceSource> storeTraceSource(
    const Store &store, const IngestSenders *senders = nullptr, const AnomalyOptions &anomalyOptions = {});

// A trace file's import as the console reports it (the importer attachServer() sets runs
// importTraceFile() through the server's pipeline).
ImportOutcome importOutcome(const TraceImportResult &result);

} // namespace spanlight
