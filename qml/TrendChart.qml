// One trend chart (Performance and Services pages): a ChartView with a time axis and a value axis
// in the theme's colours. Its LineSeries are given as children, each with a `metric` property (a
// TrendChartData.Metric); the page's TrendChartData fills them in C++ whenever its trends change.
import QtQuick
import QtQuick.Controls
import QtCharts
import Spanlight

ChartView {
    id: chart

    required property ConsolePage page
    required property TrendChartData trend
    // ChartView's own title has no change signal; bindings read this one.
    property string chartTitle
    property real maxValue: 1
    property string valueFormat: "%.0f"
    property string trendText
    property alias timeAxis: timeAxis
    property alias valueAxis: valueAxis

    antialiasing: true
    backgroundColor: Theme.surface
    backgroundRoundness: Theme.radius
    plotAreaColor: Theme.surface
    titleColor: Theme.text
    titleFont.pixelSize: Theme.fontBody
    titleFont.bold: true
    legend.alignment: Qt.AlignBottom
    legend.labelColor: Theme.textMuted
    legend.font.pixelSize: Theme.fontCaption
    margins.left: Theme.spacingXs
    margins.right: Theme.spacingS
    margins.top: Theme.spacingXs
    margins.bottom: Theme.spacingXs
    Accessible.role: Accessible.Chart
    title: chartTitle
    Accessible.name: chartTitle

    function refill() {
        for (let i = 0; i < chart.count; ++i) {
            const s = chart.series(i)
            chart.trend.updateSeries(s, s.metric)
        }
    }

    Component.onCompleted: refill()

    Connections {
        target: chart.trend
        function onTrendsChanged() { chart.refill() }
    }

    DateTimeAxis {
        id: timeAxis

        min: chart.trend.axisFrom
        max: chart.trend.axisTo
        format: chart.trend.axisFormat
        tickCount: 5
        labelsColor: Theme.textMuted
        labelsFont.pixelSize: Theme.fontCaption
        gridLineColor: Theme.border
        color: Theme.border
    }
    ValueAxis {
        id: valueAxis

        min: 0
        max: chart.maxValue
        tickCount: 5
        labelFormat: chart.valueFormat
        labelsColor: Theme.textMuted
        labelsFont.pixelSize: Theme.fontCaption
        gridLineColor: Theme.border
        color: Theme.border
    }

    Label {
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.spacingM
        text: chart.trendText
        font.pixelSize: Theme.fontCaption
        color: Theme.textMuted
    }
    Label {
        anchors.centerIn: parent
        visible: !chart.trend.hasTrendData
        text: qsTr("No requests in this time range")
        font.pixelSize: Theme.fontBody
        color: Theme.textMuted
    }
}
