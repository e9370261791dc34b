// spanlightd: the Spanlight server without a user interface.
#include "core/config.h"
#include "core/logging.h"
#include "spanlightserver.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

static int s_signalFds[2] = {-1, -1};

static void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalFds[0], &byte, 1);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("spanlightd"));
    QCoreApplication::setOrganizationName(QStringLiteral("spanlight"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPANLIGHT_VERSION));

    const spanlight::ConfigResult loaded = spanlight::loadConfig(
        QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(),
        QStringLiteral("Spanlight headless server: OTLP, Zipkin and Jaeger collector with a REST API."));
    if (loaded.helpShown) {
        std::fputs(qPrintable(loaded.helpText), stdout);
        return 0;
    }
    if (!loaded.error.isEmpty()) {
        std::fprintf(stderr, "spanlightd: %s\n", qPrintable(loaded.error));
        return 2;
    }
    spanlight::installLogFormat();
    spanlight::applyLogLevel(loaded.config.logLevel);
    if (loaded.config.apiTokenGenerated)
        qCInfo(spanlight::lcServer).noquote() << "generated API token" << loaded.config.apiToken << "(stored in"
                                              << loaded.config.settingsFile + u')';

    // SIGTERM / SIGINT end the event loop through a socket pair, so that shutdown runs
    // outside the signal handler and commits what is queued.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) == 0) {
        auto *notifier = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
    }

    spanlight::SpanlightServer server(loaded.config);
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
