// Traces, newest first. Up/Down move, Enter or a click opens the trace in the waterfall.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    property ConsoleController controller

    ListView {
        id: list

        objectName: "traceList"
        anchors.fill: parent
        clip: true
        focus: true
        model: root.controller ? root.controller.traces : null
        keyNavigationEnabled: true
        highlightMoveDuration: 0
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        // A trace opened elsewhere (the errors page) becomes the current row too.
        Connections {
            target: root.controller
            function onSelectedTraceChanged() {
                list.currentIndex = root.controller.traces.rowOf(root.controller.selectedTraceId)
            }
        }

        Keys.onReturnPressed: root.controller.openTrace(currentIndex)
        Keys.onEnterPressed: root.controller.openTrace(currentIndex)

        // Empty: how to send traces here, or demo data to look around with.
        ColumnLayout {
            objectName: "tracesEmpty"
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.spacingL
            visible: list.count === 0
            spacing: Theme.spacingM

            Label {
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("No traces yet")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: qsTr("Point an OpenTelemetry SDK at Spanlight with this variable, or load demo data to look around.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            RowLayout {
                Layout.fillWidth: true
                visible: root.controller !== null && root.controller.otlpHttpUrl.length > 0
                spacing: Theme.spacingS

                Label {
                    Layout.fillWidth: true
                    text: root.controller ? root.controller.dashboardPage.setupSnippet : ""
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.fontBody
                    color: Theme.text
                    // The list is narrow: the whole line, wrapped, rather than an elided one.
                    wrapMode: Text.WrapAnywhere
                }
                Button {
                    objectName: "copyTracesSetupSnippet"
                    text: qsTr("Copy")
                    Accessible.name: qsTr("Copy the OTLP endpoint variable")
                    onClicked: root.controller.dashboardPage.copySetupSnippet()
                }
            }
            DemoDataButton {
                Layout.alignment: Qt.AlignHCenter
                controller: root.controller
            }
        }

        delegate: ItemDelegate {
            id: row

            required property int index
            required property string traceId
            required property string service
            required property string operation
            required property string startText
            required property string durationText
            required property string status
            required property bool isError
            required property string errorMessage
            required property var spanCount

            width: ListView.view.width
            highlighted: ListView.isCurrentItem

            onClicked: {
                list.currentIndex = index
                list.forceActiveFocus()
                root.controller.openTrace(index)
            }

            ToolTip.visible: hovered && isError && errorMessage.length > 0
            ToolTip.text: errorMessage

            contentItem: RowLayout {
                spacing: 8

                Label {
                    // marks the trace shown in the waterfall
                    text: "▶"
                    font.pixelSize: 10
                    opacity: root.controller.selectedTraceId === row.traceId ? 1 : 0
                }

                Rectangle {
                    Layout.fillHeight: true
                    implicitWidth: 4
                    radius: 2
                    color: row.isError ? Theme.error : "transparent"
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2

                    RowLayout {
                        Label {
                            Layout.fillWidth: true
                            text: row.operation
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            text: row.durationText
                            font.family: "monospace"
                        }
                    }
                    RowLayout {
                        Label {
                            Layout.fillWidth: true
                            text: row.service
                            elide: Text.ElideRight
                            opacity: 0.75
                        }
                        Label {
                            text: qsTr("%n span(s)", "", row.spanCount)
                            opacity: 0.75
                        }
                        Label {
                            text: row.status
                            color: row.isError ? Theme.error : palette.text
                        }
                        Label {
                            text: row.startText
                            font.family: "monospace"
                            opacity: 0.75
                        }
                    }
                }
            }
        }
    }
}
