// The Performance page: latency, error rate and throughput trends of the chosen requests at the
// chosen granularity, and the slowest traces and operations of the time range. A click (or Enter)
// on a slow trace opens it on the Trace page.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Spanlight

FocusScope {
    id: root

    required property PerformancePage page

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Performance")
            subtitle: root.page.windowText
            busy: root.page.loading

            ComboBox {
                objectName: "serviceFilter"
                Layout.preferredWidth: 170
                model: root.page.serviceOptions
                currentIndex: root.page.serviceIndex
                onActivated: index => root.page.serviceIndex = index
                Accessible.name: qsTr("Service")
            }
            ComboBox {
                objectName: "operationFilter"
                Layout.preferredWidth: 190
                model: root.page.operationOptions
                currentIndex: root.page.operationIndex
                enabled: root.page.serviceIndex > 0
                onActivated: index => root.page.operationIndex = index
                Accessible.name: qsTr("Operation")
            }
            // The granularity of the trends; the time range decides which ones it allows.
            Row {
                objectName: "granularityBar"

                Repeater {
                    model: root.page.granularities

                    delegate: Button {
                        required property int index
                        required property string modelData

                        text: root.page.granularityLabels[index]
                        font.pixelSize: Theme.fontBody
                        leftPadding: Theme.spacingM
                        rightPadding: Theme.spacingM
                        implicitWidth: implicitContentWidth + leftPadding + rightPadding
                        highlighted: root.page.granularity === modelData
                        flat: !highlighted
                        palette.buttonText: Theme.text
                        opacity: enabled ? 1 : 0.4
                        enabled: root.page.allowedGranularities.indexOf(modelData) >= 0
                        focusPolicy: Qt.TabFocus
                        Accessible.name: qsTr("One point per %1").arg(text)
                        onClicked: root.page.granularity = modelData
                    }
                }
            }
            ToolSeparator {}
            TimeRangeBar {
                page: root.page
            }
        }

        Label {
            Layout.fillWidth: true
            text: root.page.trendsCaption
            font.pixelSize: Theme.fontCaption
            color: Theme.textMuted
            elide: Text.ElideRight
        }

        RowLayout {
            Layout.fillWidth: true
            // The charts would take every pixel (a nested layout fills when a child does); the
            // slowest lists below get the rest.
            Layout.fillHeight: false
            Layout.preferredHeight: 280
            Layout.minimumHeight: 200
            spacing: Theme.spacingM

            TrendChart {
                id: latencyChart

                objectName: "latencyChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                page: root.page
                markers: root.page.latencyMarkers
                chartTitle: qsTr("Latency (ms)")
                maxValue: root.page.latencyMax
                trendText: root.page.latencyTrendText

                LineSeries {
                    property int metric: PerformancePage.AvgLatency
                    name: qsTr("avg")
                    axisX: latencyChart.timeAxis
                    axisY: latencyChart.valueAxis
                    color: Theme.chartAvg
                    width: 2
                }
                LineSeries {
                    property int metric: PerformancePage.P95Latency
                    name: qsTr("p95")
                    axisX: latencyChart.timeAxis
                    axisY: latencyChart.valueAxis
                    color: Theme.chartP95
                    width: 2
                }
                LineSeries {
                    property int metric: PerformancePage.P99Latency
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
                page: root.page
                markers: root.page.errorRateMarkers
                chartTitle: qsTr("Error rate (%)")
                maxValue: root.page.errorRateMax
                valueFormat: "%.1f"
                trendText: root.page.errorTrendText
                legend.visible: false

                LineSeries {
                    property int metric: PerformancePage.ErrorRate
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
                page: root.page
                markers: root.page.throughputMarkers
                chartTitle: qsTr("Throughput (per second)")
                maxValue: root.page.throughputMax
                valueFormat: "%.2f"
                trendText: root.page.throughputTrendText
                legend.visible: false

                LineSeries {
                    property int metric: PerformancePage.Throughput
                    name: qsTr("throughput")
                    axisX: throughputChart.timeAxis
                    axisY: throughputChart.valueAxis
                    color: Theme.chartThroughput
                    width: 2
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacingM

            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 1
                    spacing: 0

                    Label {
                        Layout.margins: Theme.spacingM
                        text: qsTr("Slowest traces")
                        font.pixelSize: Theme.fontSubtitle
                        font.bold: true
                        color: Theme.text
                    }
                    ListView {
                        id: traces

                        objectName: "slowestTraces"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        focus: true
                        activeFocusOnTab: true
                        model: root.page.slowestTraces
                        keyNavigationEnabled: true
                        highlightMoveDuration: 0
                        boundsBehavior: Flickable.StopAtBounds
                        ScrollBar.vertical: ScrollBar {}
                        Accessible.role: Accessible.List
                        Accessible.name: qsTr("Slowest traces")

                        Keys.onReturnPressed: root.page.openTrace(currentIndex)
                        Keys.onEnterPressed: root.page.openTrace(currentIndex)

                        Label {
                            anchors.centerIn: parent
                            width: parent.width - 2 * Theme.spacingL
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.Wrap
                            visible: traces.count === 0
                            text: root.page.emptyText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                        }

                        delegate: ItemDelegate {
                            id: traceRow

                            required property int index
                            required property string service
                            required property string operation
                            required property string startText
                            required property string durationText
                            required property bool isError
                            required property var spanCount

                            width: ListView.view.width
                            height: 40
                            highlighted: ListView.isCurrentItem && traces.activeFocus
                            focusPolicy: Qt.NoFocus
                            background: Rectangle {
                                color: traceRow.highlighted ? Theme.selection : traceRow.hovered ? Theme.surfaceAlt : "transparent"
                            }
                            Accessible.name: operation + ", " + durationText
                            onClicked: root.page.openTrace(index)

                            contentItem: RowLayout {
                                spacing: Theme.spacingM

                                Rectangle {
                                    Layout.fillHeight: true
                                    implicitWidth: 3
                                    radius: 1
                                    color: traceRow.isError ? Theme.error : "transparent"
                                }
                                Label {
                                    Layout.preferredWidth: 80
                                    horizontalAlignment: Text.AlignRight
                                    text: traceRow.durationText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    font.bold: true
                                    color: Theme.text
                                }
                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 1

                                    Label {
                                        Layout.fillWidth: true
                                        text: traceRow.operation
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.text
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        text: traceRow.service
                                        font.pixelSize: Theme.fontCaption
                                        color: Theme.textMuted
                                        elide: Text.ElideRight
                                    }
                                }
                                Label {
                                    text: qsTr("%n span(s)", "", traceRow.spanCount)
                                    font.pixelSize: Theme.fontCaption
                                    color: Theme.textMuted
                                }
                                Label {
                                    text: traceRow.startText
                                    font.pixelSize: Theme.fontCaption
                                    font.family: Theme.monoFamily
                                    color: Theme.textMuted
                                }
                            }
                        }
                    }
                }
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 1
                    spacing: 0

                    Label {
                        Layout.margins: Theme.spacingM
                        text: qsTr("Slowest operations")
                        font.pixelSize: Theme.fontSubtitle
                        font.bold: true
                        color: Theme.text
                    }
                    // Column titles, as wide as the delegate's columns.
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.spacingM
                        Layout.rightMargin: Theme.spacingM
                        Layout.bottomMargin: Theme.spacingXs
                        spacing: Theme.spacingM

                        Label { Layout.fillWidth: true; text: qsTr("Operation"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: qsTr("Avg"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: qsTr("Max"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight; text: qsTr("Spans"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 52; horizontalAlignment: Text.AlignRight; text: qsTr("Errors"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                    }
                    ListView {
                        id: operations

                        objectName: "slowestOperations"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        activeFocusOnTab: true
                        model: root.page.slowestOperations
                        keyNavigationEnabled: true
                        highlightMoveDuration: 0
                        boundsBehavior: Flickable.StopAtBounds
                        ScrollBar.vertical: ScrollBar {}
                        Accessible.role: Accessible.List
                        Accessible.name: qsTr("Slowest operations")

                        Label {
                            anchors.centerIn: parent
                            width: parent.width - 2 * Theme.spacingL
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.Wrap
                            visible: operations.count === 0
                            text: root.page.emptyText
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                        }

                        delegate: Rectangle {
                            id: operationRow

                            required property int index
                            required property string service
                            required property string operation
                            required property color serviceColor
                            required property string countText
                            required property string avgText
                            required property string maxText
                            required property string errorRateText
                            required property bool alert

                            width: ListView.view.width
                            height: 40
                            color: ListView.isCurrentItem && operations.activeFocus ? Theme.selection
                                                                                    : index % 2 ? Theme.surfaceAlt : Theme.surface
                            Accessible.role: Accessible.ListItem
                            Accessible.name: operation + ", " + service + ", " + avgText

                            RowLayout {
                                anchors.fill: parent
                                anchors.leftMargin: Theme.spacingM
                                anchors.rightMargin: Theme.spacingM
                                spacing: Theme.spacingM

                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 1

                                    Label {
                                        Layout.fillWidth: true
                                        text: operationRow.operation
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.text
                                        elide: Text.ElideRight
                                    }
                                    RowLayout {
                                        spacing: Theme.spacingXs

                                        Rectangle { implicitWidth: 8; implicitHeight: 8; radius: 4; color: operationRow.serviceColor }
                                        Label {
                                            text: operationRow.service
                                            font.pixelSize: Theme.fontCaption
                                            color: Theme.textMuted
                                            elide: Text.ElideRight
                                        }
                                    }
                                }
                                Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: operationRow.avgText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; font.bold: true; color: Theme.text }
                                Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: operationRow.maxText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: Theme.textMuted }
                                Label { Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight; text: operationRow.countText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: Theme.text }
                                Label { Layout.preferredWidth: 52; horizontalAlignment: Text.AlignRight; text: operationRow.errorRateText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: operationRow.alert ? Theme.error : Theme.text }
                            }
                        }
                    }
                }
            }
        }
    }
}
