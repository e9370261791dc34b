// GraphLayout: layers by the longest path, cycles broken, no overlaps, edges left to right,
// crossings reduced by the barycenter sweeps, and the same layout for the same input.
#include "graphlayout.h"

#include <QTest>

using namespace spanlight;

class TstGraphLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layersOfKnownDag();
    void longEdgesPassThroughEveryLayer();
    void cyclesAreBroken_data();
    void cyclesAreBroken();
    void noTwoNodesOverlap();
    void edgesGoLeftToRight();
    void crossings_data();
    void crossings();
    void deterministic();
    void emptyAndSingle();
    void unknownAndRepeatedEdgesIgnored();
};

using EdgeList = QList<std::pair<QString, QString>>;

static const QSizeF kNode(40, 40);

static GraphLayout graphOf(const QStringList &nodes, const QList<std::pair<QString, QString>> &edges)
{
    GraphLayout g;
    for (const QString &n : nodes)
        g.addNode(n, kNode);
    for (const auto &[from, to] : edges)
        g.addEdge(from, to);
    return g;
}

// A deterministic pseudo-random DAG: edges only from lower to higher numbers, varied sizes.
static GraphLayout randomDag(int nodes, int edges, quint32 seed)
{
    quint32 state = seed;
    const auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    GraphLayout g;
    for (int i = 0; i < nodes; ++i)
        g.addNode(QString::number(i), QSizeF(20 + next() % 50, 20 + next() % 50));
    for (int e = 0; e < edges; ++e) {
        const int a = int(next() % quint32(nodes - 1));
        const int b = a + 1 + int(next() % quint32(nodes - a - 1));
        g.addEdge(QString::number(a), QString::number(b));
    }
    return g;
}

void TstGraphLayout::layersOfKnownDag()
{
    //   a -> b -> d -> e,  a -> c -> d,  a -> e,  f (alone)
    GraphLayout g = graphOf({ u"a"_qs, u"b"_qs, u"c"_qs, u"d"_qs, u"e"_qs, u"f"_qs },
        { { u"a"_qs, u"b"_qs }, { u"a"_qs, u"c"_qs }, { u"b"_qs, u"d"_qs }, { u"c"_qs, u"d"_qs },
            { u"d"_qs, u"e"_qs }, { u"a"_qs, u"e"_qs } });
    g.run();
    QCOMPARE(g.layerCount(), 4);
    QCOMPARE(g.layerOf(u"a"_qs), 0);
    QCOMPARE(g.layerOf(u"b"_qs), 1);
    QCOMPARE(g.layerOf(u"c"_qs), 1);
    QCOMPARE(g.layerOf(u"d"_qs), 2);
    QCOMPARE(g.layerOf(u"e"_qs), 3); // the longest path decides, not the direct edge a -> e
    QCOMPARE(g.layerOf(u"f"_qs), 0);
    QCOMPARE(g.layerOf(u"nope"_qs), -1);
    // Columns: every node of a layer shares its centre x, and the layers go left to right.
    QCOMPARE(g.centerOf(u"b"_qs).x(), g.centerOf(u"c"_qs).x());
    QVERIFY(g.centerOf(u"a"_qs).x() < g.centerOf(u"b"_qs).x());
    QVERIFY(g.centerOf(u"b"_qs).x() < g.centerOf(u"d"_qs).x());
    QVERIFY(g.centerOf(u"d"_qs).x() < g.centerOf(u"e"_qs).x());
    QCOMPARE(g.crossings(), 0);
}

void TstGraphLayout::longEdgesPassThroughEveryLayer()
{
    GraphLayout g = graphOf({ u"a"_qs, u"b"_qs, u"c"_qs, u"d"_qs },
        { { u"a"_qs, u"b"_qs }, { u"b"_qs, u"c"_qs }, { u"c"_qs, u"d"_qs }, { u"a"_qs, u"d"_qs } });
    g.run();
    const GraphLayout::Route *longEdge = g.routeOf(u"a"_qs, u"d"_qs);
    QVERIFY(longEdge);
    QCOMPARE(longEdge->points.size(), 4); // a, a dummy in layers 1 and 2, d
    QCOMPARE(longEdge->points.first(), g.centerOf(u"a"_qs));
    QCOMPARE(longEdge->points.last(), g.centerOf(u"d"_qs));
    QCOMPARE(longEdge->points[1].x(), g.centerOf(u"b"_qs).x());
    QCOMPARE(longEdge->points[2].x(), g.centerOf(u"c"_qs).x());
    // The dummies take their own slot, so the long edge does not run through b or c.
    QVERIFY(!g.rectOf(u"b"_qs).contains(longEdge->points[1]));
    QVERIFY(!g.rectOf(u"c"_qs).contains(longEdge->points[2]));
    QCOMPARE(g.routeOf(u"a"_qs, u"b"_qs)->points.size(), 2);
}

void TstGraphLayout::cyclesAreBroken_data()
{
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<EdgeList>("edges");
    QTest::addColumn<QStringList>("layers"); // "node:layer"
    QTest::addColumn<QStringList>("reversed"); // "from>to"

    QTest::newRow("triangle") << QStringList { u"a"_qs, u"b"_qs, u"c"_qs, u"d"_qs }
                              << EdgeList { { u"a"_qs, u"b"_qs }, { u"b"_qs, u"c"_qs }, { u"c"_qs, u"a"_qs },
                                     { u"c"_qs, u"d"_qs } }
                              << QStringList { u"a:0"_qs, u"b:1"_qs, u"c:2"_qs, u"d:3"_qs }
                              << QStringList { u"c>a"_qs };
    // x has no root: the search starts at the first node, so y -> x is the edge it drops.
    QTest::newRow("two-cycle without a root")
        << QStringList { u"x"_qs, u"y"_qs } << EdgeList { { u"x"_qs, u"y"_qs }, { u"y"_qs, u"x"_qs } }
        << QStringList { u"x:0"_qs, u"y:1"_qs } << QStringList { u"y>x"_qs };
    // A root reaches the cycle: the search enters it at m.
    QTest::newRow("cycle below a root")
        << QStringList { u"n"_qs, u"m"_qs, u"r"_qs }
        << EdgeList { { u"r"_qs, u"m"_qs }, { u"m"_qs, u"n"_qs }, { u"n"_qs, u"m"_qs } }
        << QStringList { u"r:0"_qs, u"m:1"_qs, u"n:2"_qs } << QStringList { u"n>m"_qs };
}

void TstGraphLayout::cyclesAreBroken()
{
    QFETCH(QStringList, nodes);
    QFETCH(EdgeList, edges);
    QFETCH(QStringList, layers);
    QFETCH(QStringList, reversed);
    GraphLayout g = graphOf(nodes, edges);
    g.run();
    for (const QString &l : layers)
        QCOMPARE(g.layerOf(l.section(u':', 0, 0)), l.section(u':', 1).toInt());
    QStringList gotReversed;
    for (const auto &[from, to] : edges) {
        const GraphLayout::Route *r = g.routeOf(from, to);
        QVERIFY(r);
        if (r->reversed) {
            gotReversed.append(from + u'>' + to);
            QCOMPARE(r->points.size(), 2); // drawn straight from source to target
            QVERIFY(r->points.first().x() > r->points.last().x());
        }
    }
    QCOMPARE(gotReversed, reversed);
}

void TstGraphLayout::noTwoNodesOverlap()
{
    for (quint32 seed = 1; seed <= 20; ++seed) {
        GraphLayout g = randomDag(18, 30, seed);
        GraphLayout::Options options;
        g.run(options);
        QList<QRectF> rects;
        for (int i = 0; i < g.nodeCount(); ++i)
            rects.append(g.rectOf(QString::number(i)));
        const QRectF canvas(QPointF(0, 0), g.size());
        for (int i = 0; i < rects.size(); ++i) {
            QVERIFY2(canvas.contains(rects[i]),
                qPrintable(QStringLiteral("seed %1 node %2 outside").arg(seed).arg(i)));
            for (int j = i + 1; j < rects.size(); ++j) {
                // Nodes of one layer keep nodeGap between them (the room for their labels).
                const QRectF grown
                    = rects[i].adjusted(0, -options.nodeGap / 2 + 0.01, 0, options.nodeGap / 2 - 0.01);
                QVERIFY2(!grown.intersects(rects[j]),
                    qPrintable(QStringLiteral("seed %1: nodes %2 and %3 overlap").arg(seed).arg(i).arg(j)));
            }
        }
    }
}

void TstGraphLayout::edgesGoLeftToRight()
{
    for (quint32 seed = 1; seed <= 20; ++seed) {
        GraphLayout g = randomDag(15, 25, seed);
        g.addEdge(u"14"_qs, u"0"_qs); // one edge against the flow: a cycle through 0
        g.run();
        // Every edge the layering kept runs left to right through its points; only edges it
        // dropped to break a cycle run the other way.
        for (const GraphLayout::Route &r : g.routes()) {
            for (int i = 1; i < r.points.size(); ++i) {
                if (r.reversed)
                    QVERIFY(r.points[i].x() < r.points[i - 1].x());
                else
                    QVERIFY2(r.points[i].x() > r.points[i - 1].x(),
                        qPrintable(QStringLiteral("seed %1").arg(seed)));
            }
        }
        QVERIFY(g.routeOf(u"14"_qs, u"0"_qs));
    }
}

void TstGraphLayout::crossings_data()
{
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<EdgeList>("edges");
    QTest::addColumn<int>("atMost");
    QTest::addColumn<int>("atLeast");

    // Added in an order that crosses: a -> d and b -> c.
    QTest::newRow("swap") << QStringList { u"a"_qs, u"b"_qs, u"c"_qs, u"d"_qs }
                          << EdgeList { { u"a"_qs, u"d"_qs }, { u"b"_qs, u"c"_qs } } << 0 << 0;
    // Three chains r_i -> m_i -> l_i whose middle and last layers were added reversed.
    QTest::newRow("three chains") << QStringList { u"r1"_qs, u"r2"_qs, u"r3"_qs, u"m3"_qs, u"m2"_qs, u"m1"_qs,
        u"l2"_qs, u"l1"_qs, u"l3"_qs }
                                  << EdgeList { { u"r1"_qs, u"m1"_qs }, { u"r2"_qs, u"m2"_qs },
                                         { u"r3"_qs, u"m3"_qs }, { u"m1"_qs, u"l1"_qs },
                                         { u"m2"_qs, u"l2"_qs }, { u"m3"_qs, u"l3"_qs } }
                                  << 0 << 0;
    // A tree whose leaves were added interleaved across its two subtrees.
    QTest::newRow("tree") << QStringList { u"root"_qs, u"a"_qs, u"b"_qs, u"a1"_qs, u"b1"_qs, u"a2"_qs,
        u"b2"_qs }
                          << EdgeList { { u"root"_qs, u"a"_qs }, { u"root"_qs, u"b"_qs },
                                 { u"a"_qs, u"a1"_qs }, { u"a"_qs, u"a2"_qs }, { u"b"_qs, u"b1"_qs },
                                 { u"b"_qs, u"b2"_qs } }
                          << 0 << 0;
    // K(3,3) crosses C(3,2)^2 = 9 times in any two-layer order: the count itself is checked.
    QStringList k33 { u"a"_qs, u"b"_qs, u"c"_qs, u"x"_qs, u"y"_qs, u"z"_qs };
    EdgeList k33Edges;
    for (const char *from : { "a", "b", "c" })
        for (const char *to : { "x", "y", "z" })
            k33Edges.append({ QLatin1String(from), QLatin1String(to) });
    QTest::newRow("K3,3") << k33 << k33Edges << 9 << 9;
}

void TstGraphLayout::crossings()
{
    QFETCH(QStringList, nodes);
    QFETCH(EdgeList, edges);
    QFETCH(int, atMost);
    QFETCH(int, atLeast);
    GraphLayout g = graphOf(nodes, edges);
    g.run();
    QVERIFY2(g.crossings() <= atMost, qPrintable(QString::number(g.crossings())));
    QVERIFY(g.crossings() >= atLeast);

    // No sweeps: the order as added, which (except for K3,3) crosses.
    GraphLayout unswept = graphOf(nodes, edges);
    GraphLayout::Options none;
    none.sweeps = 0;
    unswept.run(none);
    QVERIFY(unswept.crossings() >= g.crossings());
    if (atMost == 0)
        QVERIFY(unswept.crossings() > 0);
}

void TstGraphLayout::deterministic()
{
    GraphLayout first = randomDag(25, 50, 7);
    GraphLayout second = randomDag(25, 50, 7);
    first.run();
    second.run();
    QCOMPARE(first.size(), second.size());
    QCOMPARE(first.crossings(), second.crossings());
    for (int i = 0; i < first.nodeCount(); ++i) {
        QCOMPARE(first.rectOf(QString::number(i)), second.rectOf(QString::number(i)));
        QCOMPARE(first.orderOf(QString::number(i)), second.orderOf(QString::number(i)));
    }
    QCOMPARE(first.routes().size(), second.routes().size());
    for (int i = 0; i < first.routes().size(); ++i)
        QCOMPARE(first.routes()[i].points, second.routes()[i].points);
    // Running again gives the same again.
    const QSizeF size = first.size();
    first.run();
    QCOMPARE(first.size(), size);
}

void TstGraphLayout::emptyAndSingle()
{
    GraphLayout empty;
    empty.run();
    QCOMPARE(empty.layerCount(), 0);
    QCOMPARE(empty.crossings(), 0);
    QVERIFY(empty.routes().isEmpty());

    GraphLayout single;
    QCOMPARE(single.addNode(u"only"_qs, QSizeF(30, 50)), 0);
    QCOMPARE(single.addNode(u"only"_qs, QSizeF(99, 99)), 0); // keeps its first size
    single.addEdge(u"only"_qs, u"only"_qs);
    GraphLayout::Options options;
    single.run(options);
    QCOMPARE(single.layerCount(), 1);
    QCOMPARE(single.rectOf(u"only"_qs), QRectF(options.margin, options.margin, 30, 50));
    QCOMPARE(single.size(), QSizeF(30 + 2 * options.margin, 50 + 2 * options.margin));
    QCOMPARE(single.routes().size(), 1);
    QVERIFY(single.routes().first().selfLoop);
}

void TstGraphLayout::unknownAndRepeatedEdgesIgnored()
{
    GraphLayout g = graphOf({ u"a"_qs, u"b"_qs }, {});
    QVERIFY(g.addEdge(u"a"_qs, u"b"_qs));
    QVERIFY(!g.addEdge(u"a"_qs, u"b"_qs));
    QVERIFY(!g.addEdge(u"a"_qs, u"ghost"_qs));
    g.run();
    QCOMPARE(g.routes().size(), 1);
    QVERIFY(!g.routeOf(u"b"_qs, u"a"_qs));
}

QTEST_GUILESS_MAIN(TstGraphLayout)
#include "tst_consolegraphlayout.moc"
