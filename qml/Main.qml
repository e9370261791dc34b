// The console window: trace list on the left; waterfall and span details of the open trace
// on the right. All data and display text come from the ConsoleController.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

ApplicationWindow {
    id: window

    required property ConsoleController controller

    width: 1280
    height: 800
    visible: true
    title: qsTr("Spanlight")

    header: StatusHeader {
        controller: window.controller
    }

    Shortcut {
        sequences: [StandardKey.Copy]
        onActivated: window.controller.copySelectedTraceId()
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        TraceList {
            SplitView.preferredWidth: 420
            SplitView.minimumWidth: 260
            controller: window.controller
            focus: true
        }

        SplitView {
            SplitView.fillWidth: true
            orientation: Qt.Vertical

            Waterfall {
                SplitView.fillHeight: true
                SplitView.minimumHeight: 200
                controller: window.controller
            }

            SpanDetails {
                SplitView.preferredHeight: 280
                SplitView.minimumHeight: 120
                details: window.controller.spanDetails
            }
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8

            Label {
                text: window.controller.statusText
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("%n trace(s)", "", window.controller.traceCount)
            }
            Label {
                text: window.controller.spansPerSecondText
            }
        }
    }
}
