#pragma once

namespace spanlight {

class ConsoleController;
class SpanlightServer;

// Connects a console to a started embedded server: the server's store becomes the trace
// source (queried on the console's worker thread), its commits refresh the console, and its
// listeners and token become the endpoints shown. Call controller.shutdown() before
// server.stop(), so that no query is running when the store closes.
void attachServer(ConsoleController &controller, SpanlightServer &server);

} // namespace spanlight
