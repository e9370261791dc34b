#pragma once

#include "consolepage.h"
#include "errormodels.h"

namespace spanlight {

// What the errors page asks for in one query.
struct ErrorsSnapshot
{
    ErrorList errors;
    QStringList serviceNames; // every stored service, for the filter
};

// The errors page: filters (service, severity, time range), the errors of the window grouped
// by fingerprint, and the error types. Groups are made from the newest kErrorFetchLimit errors
// that match; when more match, truncationText says so (the types summary counts all of them).
class ErrorsPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ErrorsPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::ErrorGroupModel *groups READ groups CONSTANT)
    Q_PROPERTY(spanlight::ErrorTypeModel *types READ types CONSTANT)
    Q_PROPERTY(QStringList serviceOptions READ serviceOptions NOTIFY serviceOptionsChanged)
    Q_PROPERTY(int serviceIndex READ serviceIndex WRITE setServiceIndex NOTIFY filterChanged)
    Q_PROPERTY(QStringList severityOptions READ severityOptions NOTIFY labelsChanged)
    Q_PROPERTY(int severityIndex READ severityIndex WRITE setSeverityIndex NOTIFY filterChanged)
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY resultApplied)
    Q_PROPERTY(QString truncationText READ truncationText NOTIFY resultApplied)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
public:
    static constexpr int kErrorFetchLimit = 1000; // the API's largest page

    explicit ErrorsPage(ConsoleController *controller);

    ErrorGroupModel *groups() const { return m_groups; }
    ErrorTypeModel *types() const { return m_types; }

    // Index 0 of both option lists means "all".
    QStringList serviceOptions() const;
    int serviceIndex() const;
    void setServiceIndex(int index);
    QStringList severityOptions() const;
    int severityIndex() const;
    void setSeverityIndex(int index);

    QString serviceFilter() const { return m_service; }
    void setServiceFilter(const QString &service); // empty: every service
    std::optional<Severity> severityFilter() const { return m_severity; }
    void setSeverityFilter(std::optional<Severity> severity);

    QString summaryText() const;
    QString truncationText() const;
    QString emptyText() const;

    // The query for the current filters over `window`, and the worker-thread half (for tests).
    ErrorQuery errorQuery(const TimeWindow &window) const;
    static ErrorsSnapshot query(const TraceSource &source, const ErrorQuery &query);
    void apply(const ErrorsSnapshot &snapshot);

    // Opens the group's newest error on the Trace page, its span selected.
    Q_INVOKABLE void openGroup(int row);

Q_SIGNALS:
    void serviceOptionsChanged();
    void filterChanged();

protected:
    bool startQuery(const TimeWindow &window) override;

private:
    ErrorGroupModel *m_groups;
    ErrorTypeModel *m_types;
    QStringList m_serviceNames;
    QString m_service;
    std::optional<Severity> m_severity;
    qint64 m_totalCount = 0;
    qint64 m_listed = 0;
};

} // namespace spanlight
