#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <QList>
#include <QSet>
#include <QString>

namespace spanlight {

// A list model of value rows that each carry a unique `QString key`. setRows() turns the
// current rows into a new snapshot with removals, inserts, moves and dataChanged (only for rows
// whose display changed, by Row::operator==), so that views keep their current item, scroll
// position and delegates while the pages refresh every few seconds. The page models derive
// from it and only add data() and roleNames().
// The `count` property every page model shows in QML (empty states, headers). A class template
// cannot carry Q_OBJECT, so KeyedRowsModel derives from this instead of each model declaring it.
class CountedListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    using QAbstractListModel::QAbstractListModel;
    int count() const { return rowCount(); }

Q_SIGNALS:
    void countChanged();
};

template<typename Row> class KeyedRowsModel : public CountedListModel
{
public:
    using CountedListModel::CountedListModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    const Row *rowAt(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr; }
    const QList<Row> &rows() const { return m_rows; }
    int rowOfKey(const QString &key) const
    {
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].key == key)
                return i;
        return -1;
    }

protected:
    void setRows(const QList<Row> &snapshot)
    {
        const int oldCount = count();
        QSet<QString> incoming;
        QList<Row> wantedRows;
        wantedRows.reserve(snapshot.size());
        for (const Row &r : snapshot) {
            if (!incoming.contains(r.key)) { // a duplicate key keeps its first position
                incoming.insert(r.key);
                wantedRows.append(r);
            }
        }

        // 1. Removals, as contiguous runs from the back so that earlier row numbers stay valid.
        for (int last = int(m_rows.size()) - 1; last >= 0;) {
            if (incoming.contains(m_rows[last].key)) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !incoming.contains(m_rows[first - 1].key))
                --first;
            beginRemoveRows({}, first, last);
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }

        // 2. Rows [0, i) equal wanted[0, i); every remaining row is wanted, so a mismatch is a new
        // row (insert) or a reordered one (move).
        QSet<QString> present;
        for (const Row &r : std::as_const(m_rows))
            present.insert(r.key);
        for (int i = 0; i < wantedRows.size(); ++i) {
            const Row &wanted = wantedRows[i];
            if (i < m_rows.size() && m_rows[i].key == wanted.key) {
                update(i, wanted);
                continue;
            }
            if (!present.contains(wanted.key)) {
                int end = i + 1;
                while (end < wantedRows.size() && !present.contains(wantedRows[end].key))
                    ++end;
                beginInsertRows({}, i, end - 1);
                for (int k = i; k < end; ++k) {
                    m_rows.insert(k, wantedRows[k]);
                    present.insert(wantedRows[k].key);
                }
                endInsertRows();
                i = end - 1;
                continue;
            }
            int from = i + 1;
            while (m_rows[from].key != wanted.key)
                ++from;
            beginMoveRows({}, from, from, {}, i);
            m_rows.move(from, i);
            endMoveRows();
            update(i, wanted);
        }
        Q_ASSERT(m_rows.size() == wantedRows.size());
        if (count() != oldCount)
            Q_EMIT countChanged();
    }

    QList<Row> m_rows;

private:
    void update(int i, const Row &wanted)
    {
        if (m_rows[i] == wanted)
            return;
        m_rows[i] = wanted;
        Q_EMIT dataChanged(index(i), index(i));
    }
};

} // namespace spanlight
