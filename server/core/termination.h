#pragma once

namespace spanlight {

// Makes SIGTERM and SIGINT end the application's event loop (through a socket pair, so that
// the shutdown runs outside the signal handler and commits what is queued). Call once,
// after the QCoreApplication exists.
void quitOnTerminationSignals();

} // namespace spanlight
