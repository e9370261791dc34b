#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace spanlight::demo {

// ---- the shop: services, their operations and what each operation does ----

enum class StepType { Internal, Db, Call, Publish, External };

struct Step
{
    StepType type;
    QString name; // Internal/Db/External: the span name; Call/Publish: the callee's operation
    QString target; // Call/Publish: callee service; Db: backend key
    int minRepeat = 1;
    int maxRepeat = 1;
    double probability = 1.0;
    double medianMs = 1.0; // Internal, Db, External
};

struct Operation
{
    QString name;
    bool http = false; // else gRPC (or a Kafka consumer, or a job)
    double selfMs = 1.0;
    double failRate = 0.002; // fails by itself (beyond failures of what it calls)
    QList<Step> steps;
};

struct Service
{
    QString name;
    QString language;
    QString rpcService; // oteldemo.XService
    QList<Operation> operations;
    QList<QJsonObject> resources = {}; // one per pod, filled by makeShop()
};

struct Backend
{
    QString system; // db.system
    QString dbName;
    QString host;
    int port;
    QString peerService; // empty: not set
};

struct Entry
{
    QString service;
    QString operation;
    int weight;
};
struct Shop
{
    QList<Service> services;
    QHash<QString, int> serviceIndex;
    QHash<QString, Backend> backends;
    QList<Entry> entries;
    int entryWeights = 0;

    const Service &service(const QString &name) const { return services.at(serviceIndex.value(name)); }
    const Operation &operation(const Service &s, const QString &name) const
    {
        for (const Operation &o : s.operations)
            if (o.name == name)
                return o;
        qFatal("unknown operation %s of %s", qPrintable(name), qPrintable(s.name));
    }
};

// The shop every demo and benchmark trace runs through: 10 services, 8 backends, the entry
// operations users hit (by weight), and jobs that only a TraceShape asks for.
Shop makeShop();

} // namespace spanlight::demo
