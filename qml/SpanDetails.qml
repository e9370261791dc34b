// The selected span: its header, its error (with stack trace) and its attributes and events.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

Pane {
    id: root

    property SpanDetailsModel details

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

        GridLayout {
            Layout.fillWidth: true
            columns: 4
            columnSpacing: 12
            rowSpacing: 2

            Label { text: qsTr("Span"); opacity: 0.7 }
            Label { text: root.details ? root.details.name : ""; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
            Label { text: qsTr("Service"); opacity: 0.7 }
            Label { text: root.details ? root.details.service : ""; Layout.fillWidth: true }

            Label { text: qsTr("Duration"); opacity: 0.7 }
            Label { text: root.details ? qsTr("%1 (self %2)").arg(root.details.durationText).arg(root.details.selfTimeText) : "" }
            Label { text: qsTr("Start"); opacity: 0.7 }
            Label { text: root.details ? root.details.startOffsetText : "" }

            Label { text: qsTr("Kind"); opacity: 0.7 }
            Label { text: root.details ? root.details.kind : "" }
            Label { text: qsTr("Status"); opacity: 0.7 }
            Label {
                text: root.details ? root.details.status : ""
                color: root.details && root.details.isError ? "#d62728" : palette.text
            }

            Label { text: qsTr("Span ID"); opacity: 0.7 }
            Label { text: root.details ? root.details.spanId : ""; font.family: "monospace" }
            Label { text: qsTr("Parent"); opacity: 0.7 }
            Label { text: root.details ? root.details.parentSpanId : ""; font.family: "monospace" }
        }

        Label {
            Layout.fillWidth: true
            visible: root.details && root.details.isError
            text: root.details ? qsTr("%1: %2").arg(root.details.errorType).arg(root.details.errorMessage) : ""
            color: "#d62728"
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
