// The Services page: the services' RED figures over a time range in a table sorted by the
// clicked header, beside it the selected service's operations and neighbours, and below its
// latency, error-rate and throughput charts over the range.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property ServicesPage page

    // A list of service names as small coloured chips ("none" when empty).
    component NameChips: Flow {
        id: chips

        property var names: []

        spacing: Theme.spacingXs

        Label {
            visible: chips.names.length === 0
            text: qsTr("none")
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
        }
        Repeater {
            model: chips.names

            delegate: Label {
                required property string modelData

                text: modelData
                font.pixelSize: Theme.fontBody
                color: Theme.text
                leftPadding: Theme.spacingS
                rightPadding: Theme.spacingS
                topPadding: 2
                bottomPadding: 2
                background: Rectangle {
                    radius: height / 2
                    color: Theme.surfaceAlt
                    border.color: Theme.border
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Services")
            subtitle: root.page.windowText
            busy: root.page.loading

            TimeRangeBar {
                page: root.page
            }
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            Rectangle {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 480
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                HorizontalHeaderView {
                    id: header

                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: 1
                    syncView: table
                    clip: true

                    delegate: Rectangle {
                        id: headerCell

                        required property string display
                        required property int index

                        implicitHeight: Theme.rowHeight
                        implicitWidth: 80
                        color: Theme.surfaceAlt

                        Label {
                            anchors.fill: parent
                            anchors.leftMargin: Theme.spacingS
                            anchors.rightMargin: Theme.spacingS
                            verticalAlignment: Text.AlignVCenter
                            horizontalAlignment: headerCell.index === 0 ? Text.AlignLeft : Text.AlignRight
                            text: headerCell.display
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Rectangle {
                            anchors.bottom: parent.bottom
                            width: parent.width
                            height: 1
                            color: Theme.border
                        }
                        TapHandler {
                            onTapped: root.page.services.sortBy(headerCell.index)
                        }
                    }
                }

                TableView {
                    id: table

                    objectName: "servicesTable"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: header.bottom
                    anchors.bottom: parent.bottom
                    anchors.margins: 1
                    clip: true
                    focus: true
                    model: root.page.services
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    // The name column takes what the six figure columns leave.
                    columnWidthProvider: column => column === 0 ? Math.max(160, table.width - 6 * 104) : 104

                    Keys.onUpPressed: root.page.moveSelection(-1)
                    Keys.onDownPressed: root.page.moveSelection(1)

                    delegate: Rectangle {
                        id: cell

                        required property string display
                        required property string service
                        required property color serviceColor
                        required property bool numeric
                        required property bool alert
                        required property int row
                        required property int column

                        implicitHeight: Theme.rowHeight
                        color: service === root.page.selectedService ? Theme.selection
                                                                     : row % 2 ? Theme.surfaceAlt : Theme.surface

                        Rectangle {
                            id: dot

                            visible: cell.column === 0
                            x: Theme.spacingS
                            anchors.verticalCenter: parent.verticalCenter
                            width: 8
                            height: 8
                            radius: 4
                            color: cell.serviceColor
                        }
                        Label {
                            anchors.fill: parent
                            anchors.leftMargin: cell.column === 0 ? Theme.spacingS * 2 + dot.width : Theme.spacingS
                            anchors.rightMargin: Theme.spacingS
                            verticalAlignment: Text.AlignVCenter
                            horizontalAlignment: cell.numeric ? Text.AlignRight : Text.AlignLeft
                            text: cell.display
                            font.pixelSize: Theme.fontBody
                            font.family: cell.numeric ? Theme.monoFamily : Theme.bodyFamily
                            color: cell.alert ? Theme.error : Theme.text
                            elide: Text.ElideRight
                        }
                        TapHandler {
                            onTapped: {
                                root.page.selectService(cell.service)
                                table.forceActiveFocus()
                            }
                        }
                    }
                }

                Label {
                    anchors.centerIn: parent
                    visible: root.page.serviceCount === 0
                    text: root.page.emptyText
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
            }

            Rectangle {
                SplitView.preferredWidth: 380
                SplitView.minimumWidth: 280
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                Label {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingL
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    visible: root.page.selectedService.length === 0
                    text: qsTr("Select a service to see its charts, its operations and the services it talks to.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingL
                    spacing: Theme.spacingS
                    visible: root.page.selectedService.length > 0

                    Label {
                        Layout.fillWidth: true
                        text: root.page.selectedService
                        font.pixelSize: Theme.fontSubtitle
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: root.page.selectedSummary
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }

                    Label {
                        Layout.topMargin: Theme.spacingS
                        text: qsTr("Upstream (callers)")
                        font.pixelSize: Theme.fontCaption
                        font.bold: true
                        color: Theme.textMuted
                    }
                    NameChips {
                        objectName: "upstream"
                        Layout.fillWidth: true
                        names: root.page.upstream
                    }
                    Label {
                        Layout.topMargin: Theme.spacingS
                        text: qsTr("Downstream (callees)")
                        font.pixelSize: Theme.fontCaption
                        font.bold: true
                        color: Theme.textMuted
                    }
                    NameChips {
                        objectName: "downstream"
                        Layout.fillWidth: true
                        names: root.page.downstream
                    }

                    Label {
                        Layout.topMargin: Theme.spacingM
                        text: qsTr("Operations")
                        font.pixelSize: Theme.fontCaption
                        font.bold: true
                        color: Theme.textMuted
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS

                        Label { Layout.fillWidth: true; text: qsTr("Operation"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: qsTr("Requests"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight; text: qsTr("Errors"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                        Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: qsTr("Avg"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                    }
                    ListView {
                        id: operations

                        objectName: "operationsList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: root.page.operations
                        boundsBehavior: Flickable.StopAtBounds
                        ScrollBar.vertical: ScrollBar {}

                        Label {
                            visible: operations.count === 0
                            text: qsTr("No requests in this time range.")
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                        }

                        delegate: RowLayout {
                            id: op

                            required property string name
                            required property string requestsText
                            required property string errorRateText
                            required property string avgText
                            required property bool alert

                            width: ListView.view.width
                            height: 26
                            spacing: Theme.spacingS

                            Label { Layout.fillWidth: true; text: op.name; elide: Text.ElideRight; font.pixelSize: Theme.fontBody; color: Theme.text }
                            Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: op.requestsText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: Theme.text }
                            Label { Layout.preferredWidth: 56; horizontalAlignment: Text.AlignRight; text: op.errorRateText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: op.alert ? Theme.error : Theme.text }
                            Label { Layout.preferredWidth: 64; horizontalAlignment: Text.AlignRight; text: op.avgText; font.pixelSize: Theme.fontBody; font.family: Theme.monoFamily; color: Theme.text }
                        }
                    }
                }
            }
        }

        // The selected service's requests over the page's range, one point per granularity step.
        ColumnLayout {
            objectName: "serviceCharts"
            Layout.fillWidth: true
            // The charts would take every pixel (a nested layout fills when a child does).
            Layout.fillHeight: false
            visible: root.page.selectedService.length > 0
            spacing: Theme.spacingXs

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS

                Label {
                    Layout.fillWidth: true
                    text: root.page.trendsCaption
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textMuted
                    elide: Text.ElideRight
                }
                Button {
                    objectName: "openInPerformance"
                    text: qsTr("Open in Performance")
                    font.pixelSize: Theme.fontBody
                    flat: true
                    palette.buttonText: Theme.accent
                    focusPolicy: Qt.StrongFocus
                    Accessible.name: qsTr("Open %1 on the Performance page").arg(root.page.selectedService)
                    onClicked: root.page.openInPerformance()
                }
            }
            TrendChartRow {
                objectName: "serviceTrendCharts"
                Layout.fillWidth: true
                Layout.preferredHeight: 240
                Layout.minimumHeight: 180
                page: root.page
                trend: root.page.trendChart
                medianLatency: true
            }
        }
    }
}
