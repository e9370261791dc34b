// spanlightd: the Spanlight server without a user interface.
#include "core/accesscontrol.h"
#include "core/config.h"
#include "core/logging.h"
#include "core/termination.h"
#include "spanlightserver.h"
#include "storage/backup.h"

#include <QCoreApplication>
#include <QFileInfo>

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

// `spanlightd backup FILE` and `spanlightd restore FILE` [options]: the database of the usual
// configuration (DATABASE_URL, flags, settings file), copied out or replaced.
int backupOrRestore(const QString &command, const QString &file)
{
    QStringList arguments = QCoreApplication::arguments();
    arguments.remove(1, 2); // the command and FILE; the rest are the usual options
    const spanlight::ConfigResult loaded = spanlight::loadConfig(arguments, QProcessEnvironment::systemEnvironment(),
        QStringLiteral("spanlightd %1 FILE: %2").arg(command, command == u"backup"
            ? QStringLiteral("write a consistent copy of the SQLite store, also while a server runs.")
            : QStringLiteral("replace the SQLite store with a copy made by backup; the server must be stopped.")),
        false);
    if (loaded.helpShown) {
        std::fputs(qPrintable(loaded.helpText), stdout);
        return 0;
    }
    if (!loaded.error.isEmpty()) {
        std::fprintf(stderr, "spanlightd %s: %s\n", qPrintable(command), qPrintable(loaded.error));
        return 2;
    }
    const QString path = QFileInfo(file).absoluteFilePath();
    spanlight::BackupResult r;
    std::unique_ptr<spanlight::DatabaseLock> lock;
    if (command == u"backup") {
        r = spanlight::backupDatabase(loaded.config.databaseUrl, path);
    } else {
        QString inUse;
        lock = spanlight::lockDatabase(loaded.config.databaseUrl, &inUse);
        if (!inUse.isEmpty()) {
            std::fprintf(stderr, "spanlightd restore: %s\n", qPrintable(inUse));
            return 1;
        }
        r = spanlight::restoreDatabase(path, loaded.config.databaseUrl);
    }
    if (!r.ok) {
        std::fprintf(stderr, "spanlightd %s: %s\n", qPrintable(command), qPrintable(r.error));
        return 1;
    }
    std::printf("%s %s: %lld bytes, schema version %d\n", command == u"backup" ? "wrote" : "restored",
                qPrintable(command == u"backup" ? path : loaded.config.databaseUrl.section(u'@', -1)),
                static_cast<long long>(r.bytes), r.schemaVersion);
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
    if (argc > 1 && (std::strcmp(argv[1], "backup") == 0 || std::strcmp(argv[1], "restore") == 0)) {
        if (argc < 3 || argv[2][0] == '-') {
            std::fprintf(stderr, "usage: spanlightd %s FILE [options]\n", argv[1]);
            return 2;
        }
        return backupOrRestore(QString::fromLocal8Bit(argv[1]), QString::fromLocal8Bit(argv[2]));
    }

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
