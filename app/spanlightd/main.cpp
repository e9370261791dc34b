// spanlightd: the Spanlight server without a user interface.
#include "core/accesscontrol.h"
#include "core/config.h"
#include "core/logging.h"
#include "core/termination.h"
#include "spanlightserver.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {

// `spanlightd token ROLE NAME`: a new random token, and the line that grants it in TOKENS_FILE
// (only the digest is stored there). The token is shown once, here.
int newToken(int argc, char *argv[])
{
    const QByteArray role = argc > 2 ? QByteArray(argv[2]) : QByteArray();
    const QByteArray name = argc > 3 ? QByteArray(argv[3]) : QByteArray();
    if (argc != 4 || (role != "viewer" && role != "ingest" && role != "admin") || name.trimmed().isEmpty()) {
        std::fputs("usage: spanlightd token viewer|ingest|admin NAME\n"
                   "prints a new token, then the line to add to TOKENS_FILE\n",
                   stderr);
        return 2;
    }
    const QByteArray token = spanlight::AccessControl::generateToken();
    std::printf("%s\n%s %s %s\n", token.constData(), role.constData(),
                spanlight::AccessControl::hashToken(token).constData(), name.simplified().constData());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "token") == 0)
        return newToken(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("spanlightd"));
    QCoreApplication::setOrganizationName(QStringLiteral("spanlight"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPANLIGHT_VERSION));

    spanlight::Config config;
    if (const auto exitCode = spanlight::configureProcess(
            QStringLiteral("Spanlight headless server: OTLP, Zipkin and Jaeger collector with a REST API."), &config))
        return *exitCode;
    spanlight::quitOnTerminationSignals();

    spanlight::SpanlightServer server(config);
    QString error;
    if (!server.start(&error)) {
        qCCritical(spanlight::lcServer).noquote() << "cannot start:" << error; // LOG_FORMAT applies
        return 1;
    }
    const int rc = app.exec();
    server.stop();
    qCInfo(spanlight::lcServer) << "stopped";
    return rc;
}
