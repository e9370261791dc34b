#pragma once

#include "consolepage.h"
#include "servicemodels.h"

namespace spanlight {

// What the services page asks for in one query: every stored service's requests over the
// window and the graph's callers and callees of each.
struct ServicesSnapshot
{
    QList<ServicePerformance> performance; // by name, as services() lists them
    QList<ServiceDependencies> dependencies; // by name
};

// The services page: a sortable table of the services' RED figures over a time range and, for
// the selected service, its operations and its upstream (callers) and downstream (callees)
// services. The selection is a service name, so it survives refreshes and sorting.
class ServicesPage : public ConsolePage
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ServicesPage is owned by ConsoleController")
    Q_PROPERTY(spanlight::ServiceSortModel *services READ services CONSTANT)
    Q_PROPERTY(spanlight::OperationStatsModel *operations READ operations CONSTANT)
    Q_PROPERTY(int serviceCount READ serviceCount NOTIFY resultApplied)
    Q_PROPERTY(QString selectedService READ selectedService NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedSummary READ selectedSummary NOTIFY selectionChanged)
    Q_PROPERTY(QStringList upstream READ upstream NOTIFY selectionChanged)
    Q_PROPERTY(QStringList downstream READ downstream NOTIFY selectionChanged)
    Q_PROPERTY(QString emptyText READ emptyText NOTIFY resultApplied)
public:
    explicit ServicesPage(ConsoleController *controller);

    ServiceSortModel *services() const { return m_sorted; }
    ServiceTableModel *table() const { return m_table; }
    OperationStatsModel *operations() const { return m_operations; }
    int serviceCount() const { return m_table->rowCount(); }
    QString selectedService() const { return m_selected; }
    QString selectedSummary() const { return m_selectedSummary; }
    QStringList upstream() const { return m_upstream; }
    QStringList downstream() const { return m_downstream; }
    QString emptyText() const;

    // The worker-thread half, public for tests: what startQuery() runs.
    static ServicesSnapshot query(const TraceSource &source, const TimeWindow &window);
    void apply(const ServicesSnapshot &snapshot);

    Q_INVOKABLE void selectService(const QString &name); // empty clears the selection
    Q_INVOKABLE void selectRow(int row); // a row of `services` (sorted)
    // Up/Down in the table: the selection moves by `delta` rows of the sorted table.
    Q_INVOKABLE void moveSelection(int delta);
    Q_INVOKABLE int selectedRow() const { return m_sorted->rowOf(m_selected); } // in `services`

Q_SIGNALS:
    void selectionChanged();

protected:
    bool startQuery(const TimeWindow &window) override;

private:
    void updateSelection();

    ServiceTableModel *m_table;
    ServiceSortModel *m_sorted;
    OperationStatsModel *m_operations;
    ServicesSnapshot m_snapshot;
    QString m_selected;
    QString m_selectedSummary;
    QStringList m_upstream;
    QStringList m_downstream;
};

} // namespace spanlight
