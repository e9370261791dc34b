#pragma once

#include "analysis/traceanalysis.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace spanlight {

// The selected span: a header of display strings as properties and, as rows, its
// attributes, resource attributes and events (key/value pairs grouped by `section`).
class SpanDetailsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SpanDetailsModel is owned by ConsoleController")
    Q_PROPERTY(bool hasSpan READ hasSpan NOTIFY spanChanged)
    Q_PROPERTY(QString name READ name NOTIFY spanChanged)
    Q_PROPERTY(QString service READ service NOTIFY spanChanged)
    Q_PROPERTY(QString spanId READ spanId NOTIFY spanChanged)
    Q_PROPERTY(QString parentSpanId READ parentSpanId NOTIFY spanChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY spanChanged)
    Q_PROPERTY(QString status READ status NOTIFY spanChanged)
    Q_PROPERTY(bool isError READ isError NOTIFY spanChanged)
    Q_PROPERTY(QString errorType READ errorType NOTIFY spanChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY spanChanged)
    Q_PROPERTY(QString stackTrace READ stackTrace NOTIFY spanChanged)
    Q_PROPERTY(QString startOffsetText READ startOffsetText NOTIFY spanChanged)
    Q_PROPERTY(QString durationText READ durationText NOTIFY spanChanged)
    Q_PROPERTY(QString selfTimeText READ selfTimeText NOTIFY spanChanged)
    Q_PROPERTY(QString link READ link NOTIFY spanChanged)
    Q_PROPERTY(QString startTimeText READ startTimeText NOTIFY spanChanged)
    // The selected row is a group of repeated spans: what it stands for (the rest is its first member).
    Q_PROPERTY(QString groupText READ groupText NOTIFY groupTextChanged)
public:
    enum Role {
        SectionRole = Qt::UserRole + 1, // QString, translated group title ("Attributes", "Events", ...)
        KeyRole, // QString, attribute key or event name
        ValueRole, // QString, attribute value as text; for events their attributes "k=v, ..."
        TimeTextRole, // QString, for events the offset from the span start ("+1.2 ms"), else empty
    };
    Q_ENUM(Role)

    explicit SpanDetailsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // `traceStartNs` anchors the span's start offset.
    void setSpan(const SpanView &view, qint64 traceStartNs);
    void clear();
    QString groupText() const { return m_groupText; }
    void setGroupText(const QString &text)
    {
        if (text == m_groupText)
            return;
        m_groupText = text;
        Q_EMIT groupTextChanged();
    }

    bool hasSpan() const { return m_hasSpan; }
    QString name() const { return m_name; }
    QString service() const { return m_service; }
    QString spanId() const { return m_spanId; }
    QString parentSpanId() const { return m_parentSpanId; }
    QString kind() const { return m_kind; }
    QString status() const { return m_status; }
    bool isError() const { return m_isError; }
    QString errorType() const { return m_errorType; }
    QString errorMessage() const { return m_errorMessage; }
    QString stackTrace() const { return m_stackTrace; }
    QString startOffsetText() const { return m_startOffsetText; }
    QString durationText() const { return m_durationText; }
    QString selfTimeText() const { return m_selfTimeText; }
    QString startTimeText() const { return m_startTimeText; } // absolute, display time zone
    QString link() const { return m_link; } // spanlight://trace/<id>?span=<id> (DeepLink)

Q_SIGNALS:
    void spanChanged();
    void groupTextChanged();

private:
    struct Row
    {
        QString section;
        QString key;
        QString value;
        QString timeText;
    };
    QList<Row> m_rows;
    bool m_hasSpan = false;
    bool m_isError = false;
    QString m_name, m_service, m_spanId, m_parentSpanId, m_kind, m_status;
    QString m_errorType, m_errorMessage, m_stackTrace;
    QString m_startOffsetText, m_durationText, m_selfTimeText;
    QString m_link, m_startTimeText;
    QString m_groupText;
};

} // namespace spanlight
