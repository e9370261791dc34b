// The three trend charts of a page side by side: latency (avg or p50, p95, p99), error rate and
// throughput, fed by the page's TrendChartData.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Spanlight

RowLayout {
    id: row

    required property ConsolePage page
    required property TrendChartData trend
    // The latency chart's first line: the median (p50) instead of the mean.
    property bool medianLatency: false

    spacing: Theme.spacingM

    TrendChart {
        id: latencyChart

        objectName: "latencyChart"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        page: row.page
        trend: row.trend
        markers: row.trend.latencyMarkers
        chartTitle: qsTr("Latency (ms)")
        maxValue: row.trend.latencyMax
        trendText: row.trend.latencyTrendText

        LineSeries {
            property int metric: row.medianLatency ? TrendChartData.P50Latency : TrendChartData.AvgLatency
            name: row.medianLatency ? qsTr("p50") : qsTr("avg")
            axisX: latencyChart.timeAxis
            axisY: latencyChart.valueAxis
            color: Theme.chartAvg
            width: 2
        }
        LineSeries {
            property int metric: TrendChartData.P95Latency
            name: qsTr("p95")
            axisX: latencyChart.timeAxis
            axisY: latencyChart.valueAxis
            color: Theme.chartP95
            width: 2
        }
        LineSeries {
            property int metric: TrendChartData.P99Latency
            name: qsTr("p99")
            axisX: latencyChart.timeAxis
            axisY: latencyChart.valueAxis
            color: Theme.chartP99
            width: 2
        }
    }
    TrendChart {
        id: errorRateChart

        objectName: "errorRateChart"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        page: row.page
        trend: row.trend
        markers: row.trend.errorRateMarkers
        chartTitle: qsTr("Error rate (%)")
        maxValue: row.trend.errorRateMax
        valueFormat: "%.1f"
        trendText: row.trend.errorTrendText
        legend.visible: false

        LineSeries {
            property int metric: TrendChartData.ErrorRate
            name: qsTr("error rate")
            axisX: errorRateChart.timeAxis
            axisY: errorRateChart.valueAxis
            color: Theme.chartErrors
            width: 2
        }
    }
    TrendChart {
        id: throughputChart

        objectName: "throughputChart"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        page: row.page
        trend: row.trend
        markers: row.trend.throughputMarkers
        chartTitle: qsTr("Throughput (per second)")
        maxValue: row.trend.throughputMax
        valueFormat: "%.2f"
        trendText: row.trend.throughputTrendText
        legend.visible: false

        LineSeries {
            property int metric: TrendChartData.Throughput
            name: qsTr("throughput")
            axisX: throughputChart.timeAxis
            axisY: throughputChart.valueAxis
            color: Theme.chartThroughput
            width: 2
        }
    }
}
