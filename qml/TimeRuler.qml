// Tick marks over the waterfall's bar area; positions and labels come from WaterfallModel.
import QtQuick
import QtQuick.Controls
import Spanlight

Item {
    id: ruler

    property var ticks: []

    implicitHeight: 22
    clip: true

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: palette.mid
    }

    Repeater {
        model: ruler.ticks

        delegate: Item {
            required property var modelData

            x: ruler.width * modelData.fraction
            height: ruler.height

            Rectangle {
                width: 1
                height: parent.height
                color: palette.mid
            }
            Label {
                // The last labels sit left of their mark so they stay inside the ruler.
                x: parent.x + implicitWidth + 4 > ruler.width ? -implicitWidth - 3 : 3
                anchors.verticalCenter: parent.verticalCenter
                text: parent.modelData.label
                font.pixelSize: 11
                opacity: 0.8
            }
        }
    }
}
