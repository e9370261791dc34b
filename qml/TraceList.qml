// The Traces page's results, in the page's sort. Up/Down move, Enter or a click opens the trace
// in the waterfall; Ctrl+Enter or the context menu's "Compare with open trace" compares it
// with the trace open on the Trace page. Empty: how to send traces here when the store has none, else that the
// search matched nothing.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    property ConsoleController controller
    property TracesPage page
    // Set when the open trace changes or the page is shown: the next result moves the current
    // row to it (a live refresh alone leaves the row where the keys put it).
    property bool followSelection: true

    function compareWithOpen(row) {
        const id = root.page.results.traceIdAt(row)
        if (id.length > 0)
            root.controller.compareWithTraceId(id)
    }

    Menu {
        id: resultMenu

        property int row: -1
        function popupFor(r, item) {
            row = r
            if (item)
                popup(item, item.width / 3, item.height / 2)
            else
                popup()
        }

        MenuItem {
            text: qsTr("Open")
            onTriggered: root.page.openResult(resultMenu.row)
        }
        MenuItem {
            objectName: "compareWithOpenTrace"
            text: qsTr("Compare with open trace")
            enabled: root.controller.selectedTraceId.length > 0
                     && root.page.results.traceIdAt(resultMenu.row) !== root.controller.selectedTraceId
            onTriggered: root.compareWithOpen(resultMenu.row)
        }
    }

    ListView {
        id: list

        objectName: "traceList"
        anchors.fill: parent
        clip: true
        focus: true
        model: root.page ? root.page.results : null
        keyNavigationEnabled: true
        highlightMoveDuration: 0
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        // A trace opened elsewhere (the errors page) becomes the current row too.
        Connections {
            target: root.controller
            function onSelectedTraceChanged() {
                root.followSelection = true
                list.follow()
            }
        }
        Connections {
            target: root.page
            function onResultApplied() {
                list.follow()
            }
            function onActiveChanged() {
                root.followSelection = true
                list.follow()
            }
        }
        function follow() {
            const row = root.followSelection ? root.page.results.rowOf(root.controller.selectedTraceId) : -1
            if (row >= 0) {
                list.currentIndex = row
                root.followSelection = false
            } else if (list.currentIndex < 0 && list.count > 0) {
                list.currentIndex = 0 // rows arrived in an empty list: the keys start at the top
            }
        }

        function activate(event) {
            if (event.modifiers & Qt.ControlModifier)
                root.compareWithOpen(currentIndex)
            else
                root.page.openResult(currentIndex)
        }
        Keys.onReturnPressed: (event) => activate(event)
        Keys.onEnterPressed: (event) => activate(event)
        Keys.onMenuPressed: resultMenu.popupFor(currentIndex, currentItem)

        // A search that matched nothing in a store that has traces.
        Label {
            objectName: "tracesNoMatch"
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.spacingL
            visible: list.count === 0 && !empty.visible && root.page.loaded
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: root.page.emptyText
            font.pixelSize: Theme.fontSubtitle
            color: Theme.textMuted
        }

        // Empty: how to send traces here, or demo data to look around with.
        ColumnLayout {
            id: empty

            objectName: "tracesEmpty"
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.spacingL, 720)
            visible: list.count === 0 && root.controller.traceCount === 0
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
            required property var errorCount
            required property string note
            required property bool hasNote

            width: ListView.view.width
            highlighted: ListView.isCurrentItem

            onClicked: {
                list.currentIndex = index
                list.forceActiveFocus()
                root.page.openResult(index)
            }
            TapHandler {
                acceptedButtons: Qt.RightButton
                onTapped: {
                    list.currentIndex = row.index
                    resultMenu.popupFor(row.index, row)
                }
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
                    // The trace's note, its first line.
                    RowLayout {
                        visible: row.hasNote
                        Label {
                            text: "\u270E"
                            opacity: 0.75
                        }
                        Label {
                            objectName: "traceListNote"
                            Layout.fillWidth: true
                            text: row.note
                            font.italic: true
                            elide: Text.ElideRight
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
                            visible: row.errorCount > 0
                            text: qsTr("%n error(s)", "", row.errorCount)
                            color: row.highlighted ? palette.highlightedText : Theme.error
                        }
                        Label {
                            text: row.status
                            // Red on the selection's blue does not read.
                            color: row.highlighted ? palette.highlightedText : row.isError ? Theme.error : palette.text
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
