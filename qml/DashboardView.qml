// The Dashboard: the last 15 minutes at a glance. Four KPI tiles with per-minute sparklines, then
// the newest traces, the busiest services and the latest errors; a click (or Enter) on a row goes
// where the row leads. With nothing in the window the page says how to send spans instead.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property DashboardPage page
    // For "Load demo data" in the empty state.
    property ConsoleController controller

    // A titled surface; its content fills the space under the title.
    component Panel: Rectangle {
        id: panel

        property string title
        property string caption
        default property alias content: body.data

        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius

        RowLayout {
            id: titleRow

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.spacingM
            spacing: Theme.spacingS

            Label {
                Layout.fillWidth: true
                text: panel.title
                font.pixelSize: Theme.fontSubtitle
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                text: panel.caption
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
        }
        Item {
            id: body

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: titleRow.bottom
            anchors.bottom: parent.bottom
            anchors.margins: 1
            anchors.topMargin: Theme.spacingS
        }
    }

    // The text a list shows while it has no rows.
    component EmptyLabel: Label {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacingL
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
    }

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
            title: qsTr("Dashboard")
            subtitle: root.page.windowText
            busy: root.page.loading

            Label {
                text: root.page.liveText
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
        }

        // Nothing in the window: what to do about it.
        Item {
            objectName: "dashboardEmpty"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !root.page.hasData

            ColumnLayout {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 560)
                spacing: Theme.spacingM

                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: "\u25A6"
                    font.pixelSize: 48
                    color: Theme.textMuted
                }
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: root.page.emptyTitle
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    text: root.page.emptyText
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                Rectangle {
                    Layout.fillWidth: true
                    visible: root.page.setupSnippet.length > 0 && root.page.loaded
                    implicitHeight: snippetRow.implicitHeight + 2 * Theme.spacingS
                    color: Theme.surfaceAlt
                    border.color: Theme.border
                    radius: Theme.radius

                    RowLayout {
                        id: snippetRow

                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacingM
                        anchors.rightMargin: Theme.spacingS
                        spacing: Theme.spacingS

                        Label {
                            Layout.fillWidth: true
                            text: root.page.setupSnippet
                            font.family: Theme.monoFamily
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            elide: Text.ElideMiddle
                        }
                        Button {
                            objectName: "copySetupSnippet"
                            text: qsTr("Copy")
                            Accessible.name: qsTr("Copy the OTLP endpoint variable")
                            onClicked: root.page.copySetupSnippet()
                        }
                    }
                }
                DemoDataButton {
                    Layout.alignment: Qt.AlignHCenter
                    controller: root.controller
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM
            visible: root.page.hasData

            Repeater {
                objectName: "kpiTiles"
                model: root.page.kpis

                delegate: Rectangle {
                    id: tile

                    required property string key
                    required property string title
                    required property string valueText
                    required property string detailText
                    required property var sparkline
                    required property bool alert

                    objectName: "kpi_" + key
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1 // equal shares of the row
                    implicitHeight: tileColumn.implicitHeight + 2 * Theme.spacingM
                    color: Theme.surface
                    border.color: tile.alert ? Theme.error : Theme.border
                    radius: Theme.radius
                    Accessible.role: Accessible.StaticText
                    Accessible.name: tile.title + ": " + tile.valueText

                    ColumnLayout {
                        id: tileColumn

                        anchors.fill: parent
                        anchors.margins: Theme.spacingM
                        spacing: Theme.spacingXs

                        Label {
                            text: tile.title
                            font.pixelSize: Theme.fontCaption
                            font.bold: true
                            color: Theme.textMuted
                        }
                        Label {
                            text: tile.valueText
                            font.pixelSize: Theme.fontDisplay
                            font.bold: true
                            color: tile.alert ? Theme.error : Theme.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: tile.detailText
                            font.pixelSize: Theme.fontCaption
                            color: Theme.textMuted
                            elide: Text.ElideRight
                        }
                        Sparkline {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 40
                            Layout.topMargin: Theme.spacingXs
                            values: tile.sparkline
                            color: tile.alert ? Theme.error : Theme.accent
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacingM
            visible: root.page.hasData

            Panel {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 5
                title: qsTr("Recent traces")
                caption: qsTr("Enter opens")

                ListView {
                    id: recent

                    objectName: "recentTraces"
                    anchors.fill: parent
                    clip: true
                    focus: true
                    activeFocusOnTab: true
                    model: root.page.recentTraces
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Recent traces")

                    Keys.onReturnPressed: root.page.openTrace(currentIndex)
                    Keys.onEnterPressed: root.page.openTrace(currentIndex)

                    EmptyLabel {
                        visible: recent.count === 0
                        text: qsTr("No traces started in the last 15 minutes.")
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
                        height: 44
                        highlighted: ListView.isCurrentItem && recent.activeFocus
                        focusPolicy: Qt.NoFocus
                        background: Rectangle {
                            color: traceRow.highlighted ? Theme.selection : traceRow.hovered ? Theme.surfaceAlt : "transparent"
                        }
                        Accessible.name: operation + ", " + service + ", " + durationText
                        onClicked: root.page.openTrace(index)

                        contentItem: RowLayout {
                            spacing: Theme.spacingS

                            Rectangle {
                                Layout.fillHeight: true
                                implicitWidth: 3
                                radius: 1
                                color: traceRow.isError ? Theme.error : "transparent"
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 1

                                Label {
                                    Layout.fillWidth: true
                                    text: traceRow.operation
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
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
                            ColumnLayout {
                                spacing: 1

                                Label {
                                    Layout.alignment: Qt.AlignRight
                                    text: traceRow.durationText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: traceRow.isError ? Theme.error : Theme.text
                                }
                                Label {
                                    Layout.alignment: Qt.AlignRight
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

            Panel {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 4
                title: qsTr("Busiest services")
                caption: qsTr("requests · errors · p95")

                ListView {
                    id: services

                    objectName: "topServices"
                    anchors.fill: parent
                    clip: true
                    activeFocusOnTab: true
                    model: root.page.topServices
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    boundsBehavior: Flickable.StopAtBounds
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Busiest services")

                    Keys.onReturnPressed: root.page.openService(root.page.topServices.serviceAt(currentIndex))
                    Keys.onEnterPressed: root.page.openService(root.page.topServices.serviceAt(currentIndex))

                    EmptyLabel {
                        visible: services.count === 0
                        text: qsTr("No requests in the last 15 minutes.")
                    }

                    delegate: ItemDelegate {
                        id: serviceRow

                        required property string name
                        required property color serviceColor
                        required property string requestsText
                        required property string errorRateText
                        required property string p95Text
                        required property real share
                        required property bool alert

                        width: ListView.view.width
                        height: 44
                        highlighted: ListView.isCurrentItem && services.activeFocus
                        focusPolicy: Qt.NoFocus
                        background: Rectangle {
                            color: serviceRow.highlighted ? Theme.selection : serviceRow.hovered ? Theme.surfaceAlt : "transparent"
                        }
                        Accessible.name: name + ", " + requestsText + ", " + errorRateText
                        onClicked: root.page.openService(name)

                        contentItem: ColumnLayout {
                            spacing: 3

                            RowLayout {
                                spacing: Theme.spacingS

                                Rectangle {
                                    implicitWidth: 8
                                    implicitHeight: 8
                                    radius: 4
                                    color: serviceRow.serviceColor
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: serviceRow.name
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.text
                                    elide: Text.ElideRight
                                }
                                Label {
                                    text: serviceRow.requestsText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: Theme.text
                                }
                                Label {
                                    Layout.preferredWidth: 52
                                    horizontalAlignment: Text.AlignRight
                                    text: serviceRow.errorRateText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: serviceRow.alert ? Theme.error : Theme.text
                                }
                                Label {
                                    Layout.preferredWidth: 64
                                    horizontalAlignment: Text.AlignRight
                                    text: serviceRow.p95Text
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: Theme.textMuted
                                }
                            }
                            // The share of the busiest service's requests.
                            Rectangle {
                                Layout.fillWidth: true
                                implicitHeight: 4
                                radius: 2
                                color: Theme.surfaceAlt

                                Rectangle {
                                    width: parent.width * serviceRow.share
                                    height: parent.height
                                    radius: 2
                                    color: serviceRow.serviceColor
                                }
                            }
                        }
                    }
                }
            }

            Panel {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 5
                title: qsTr("Latest errors")
                caption: root.page.errorsSummary

                ListView {
                    id: errors

                    objectName: "latestErrors"
                    anchors.fill: parent
                    clip: true
                    activeFocusOnTab: true
                    model: root.page.latestErrors
                    keyNavigationEnabled: true
                    highlightMoveDuration: 0
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Latest errors")

                    Keys.onReturnPressed: root.page.openError(currentIndex)
                    Keys.onEnterPressed: root.page.openError(currentIndex)

                    EmptyLabel {
                        visible: errors.count === 0
                        text: qsTr("No errors in the last 15 minutes.")
                    }

                    delegate: ItemDelegate {
                        id: errorRow

                        required property int index
                        required property string type
                        required property string message
                        required property string service
                        required property string operation
                        required property int severityLevel
                        required property string countText
                        required property string lastSeenText

                        width: ListView.view.width
                        height: 44
                        highlighted: ListView.isCurrentItem && errors.activeFocus
                        focusPolicy: Qt.NoFocus
                        background: Rectangle {
                            color: errorRow.highlighted ? Theme.selection : errorRow.hovered ? Theme.surfaceAlt : "transparent"
                        }
                        Accessible.name: type + ", " + service + ", " + lastSeenText
                        onClicked: root.page.openError(index)

                        ToolTip.visible: hovered && message.length > 0
                        ToolTip.delay: 600
                        ToolTip.text: message

                        contentItem: RowLayout {
                            spacing: Theme.spacingS

                            Rectangle {
                                Layout.fillHeight: true
                                implicitWidth: 3
                                radius: 1
                                color: Theme.severity[errorRow.severityLevel]
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 1

                                Label {
                                    Layout.fillWidth: true
                                    text: errorRow.type
                                    font.pixelSize: Theme.fontBody
                                    font.bold: true
                                    color: Theme.text
                                    elide: Text.ElideRight
                                }
                                RowLayout {
                                    Layout.fillWidth: true
                                    spacing: Theme.spacingS

                                    Label {
                                        Layout.maximumWidth: implicitWidth
                                        Layout.fillWidth: true
                                        text: errorRow.service
                                        font.pixelSize: Theme.fontCaption
                                        color: Theme.textMuted
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        text: errorRow.operation
                                        font.pixelSize: Theme.fontCaption
                                        color: Theme.textMuted
                                        elide: Text.ElideRight
                                    }
                                }
                            }
                            ColumnLayout {
                                spacing: 1

                                Label {
                                    Layout.alignment: Qt.AlignRight
                                    text: errorRow.countText
                                    font.pixelSize: Theme.fontBody
                                    font.family: Theme.monoFamily
                                    color: Theme.text
                                }
                                Label {
                                    Layout.alignment: Qt.AlignRight
                                    text: errorRow.lastSeenText
                                    font.pixelSize: Theme.fontCaption
                                    font.family: Theme.monoFamily
                                    color: Theme.textMuted
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
