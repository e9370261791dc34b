// spanlightd: the Spanlight server without a user interface.
#include "core/config.h"
#include "core/logging.h"
#include "core/termination.h"
#include "spanlightserver.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("spanlightd"));
    QCoreApplication::setOrganizationName(QStringLiteral("spanlight"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPANLIGHT_VERSION));

    spanlight::Config config;
    if (const auto exitCode = spanlight::configureProcess(
            QStringLiteral("Spanlight headless server: OTLP, Zipkin and Jaeger collector with a REST API."), true,
            &config))
        return *exitCode;
    spanlight::quitOnTerminationSignals();

    spanlight::SpanlightServer server(config);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "spanlightd: %s\n", qPrintable(error));
        return 1;
    }
    const int rc = app.exec();
    server.stop();
    qCInfo(spanlight::lcServer) << "stopped";
    return rc;
}
