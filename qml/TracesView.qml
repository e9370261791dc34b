// The Traces page: the live trace list, newest first. Enter or a click opens a trace on the
// Trace page (Ctrl+3); Ctrl+K jumps to a trace by its id.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property ConsoleController controller

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
            title: qsTr("Traces")
            subtitle: qsTr("Enter or a click opens a trace; Ctrl+K jumps to a trace id")
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius

            TraceList {
                anchors.fill: parent
                anchors.margins: 1
                controller: root.controller
                focus: true
            }
        }
    }
}
