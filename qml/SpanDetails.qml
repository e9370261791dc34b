// The selected span: its header, its error (with stack trace) and its attributes and events.
// "Copy link" puts the span's spanlight:// link on the clipboard (Ctrl+Shift+C on the Trace page).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Pane {
    id: root

    property SpanDetailsModel details
    property ConsoleController controller

    padding: 8

    Label {
        anchors.centerIn: parent
        visible: !root.details || !root.details.hasSpan
        text: qsTr("No span selected")
        opacity: 0.6
    }

    ColumnLayout {
        anchors.fill: parent
        visible: root.details && root.details.hasSpan
        spacing: 6

        // A group row: what it stands for; the rest is its first member.
        Label {
            objectName: "spanGroupText"
            Layout.fillWidth: true
            visible: root.details && root.details.groupText.length > 0
            text: root.details ? root.details.groupText : ""
            font.italic: true
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }

        // Two halves of equal width (a preferred width of 1 leaves all of it to the fill), so
        // that a long span name elides instead of pushing the right half out of the pane.
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM

            GridLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                columns: 2
                columnSpacing: Theme.spacingM
                rowSpacing: 2

                Label { text: qsTr("Span"); opacity: 0.7 }
                Label { text: root.details ? root.details.name : ""; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                Label { text: qsTr("Duration"); opacity: 0.7 }
                Label { text: root.details ? qsTr("%1 (self %2)").arg(root.details.durationText).arg(root.details.selfTimeText) : "" }
                Label { text: qsTr("Kind"); opacity: 0.7 }
                Label { text: root.details ? root.details.kind : "" }
                Label { text: qsTr("Span ID"); opacity: 0.7 }
                Label { text: root.details ? root.details.spanId : ""; font.family: Theme.monoFamily }
            }
            GridLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                columns: 2
                columnSpacing: Theme.spacingM
                rowSpacing: 2

                Label { text: qsTr("Service"); opacity: 0.7 }
                Label { text: root.details ? root.details.service : ""; elide: Text.ElideRight; Layout.fillWidth: true }
                Label { text: qsTr("Start"); opacity: 0.7 }
                Label {
                    text: root.details ? qsTr("%1 (%2)").arg(root.details.startOffsetText).arg(root.details.startTimeText) : ""
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Status"); opacity: 0.7 }
                Label {
                    text: root.details ? root.details.status : ""
                    color: root.details && root.details.isError ? Theme.error : palette.text
                }
                Label { text: qsTr("Parent"); opacity: 0.7 }
                Label { text: root.details ? root.details.parentSpanId : ""; font.family: Theme.monoFamily }
            }
            Button {
                objectName: "copySpanLink"
                Layout.alignment: Qt.AlignTop
                visible: root.controller !== null
                text: qsTr("Copy link")
                Accessible.name: qsTr("Copy a link to this span")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Copies a spanlight:// link that opens this span (Ctrl+Shift+C)")
                onClicked: root.controller.copyToClipboard(root.details.link)
            }
        }

        Label {
            Layout.fillWidth: true
            visible: root.details && root.details.isError
            text: root.details ? qsTr("%1: %2").arg(root.details.errorType).arg(root.details.errorMessage) : ""
            color: Theme.error
            wrapMode: Text.Wrap
        }

        ListView {
            id: list

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.details
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            section.property: "section"
            section.delegate: Label {
                required property string section

                text: section
                font.bold: true
                topPadding: 6
                bottomPadding: 2
            }

            delegate: RowLayout {
                required property string key
                required property string value
                required property string timeText

                width: ListView.view.width
                spacing: 12

                Label {
                    text: parent.timeText
                    visible: parent.timeText.length > 0
                    font.family: "monospace"
                    opacity: 0.7
                }
                Label {
                    text: parent.key
                    font.family: "monospace"
                    Layout.preferredWidth: list.width * 0.35
                    elide: Text.ElideRight
                }
                Label {
                    text: parent.value
                    font.family: "monospace"
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                }
            }

            footer: TextArea {
                width: ListView.view.width
                visible: root.details && root.details.stackTrace.length > 0
                height: visible ? implicitHeight : 0
                readOnly: true
                text: root.details ? root.details.stackTrace : ""
                font.family: "monospace"
                wrapMode: TextEdit.NoWrap
            }
        }
    }
}
