// The Traces page: trace list on the left; waterfall and span details of the open trace on
// the right.
import QtQuick
import QtQuick.Controls
import Spanlight

FocusScope {
    id: root

    required property ConsoleController controller

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        TraceList {
            SplitView.preferredWidth: 420
            SplitView.minimumWidth: 260
            controller: root.controller
            focus: true
        }

        SplitView {
            SplitView.fillWidth: true
            orientation: Qt.Vertical

            Waterfall {
                SplitView.fillHeight: true
                SplitView.minimumHeight: 200
                controller: root.controller
            }

            SpanDetails {
                SplitView.preferredHeight: 280
                SplitView.minimumHeight: 120
                details: root.controller.spanDetails
            }
        }
    }
}
