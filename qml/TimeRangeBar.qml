// The time range buttons of a page (15 min .. 7 days); the page owns the choice.
import QtQuick
import QtQuick.Controls
import Spanlight

Row {
    id: root

    required property ConsolePage page

    spacing: 0

    Repeater {
        model: root.page.timeRanges

        delegate: Button {
            required property int index
            required property string modelData

            text: root.page.timeRangeLabels[index]
            font.pixelSize: Theme.fontBody
            leftPadding: Theme.spacingM
            rightPadding: Theme.spacingM
            implicitWidth: implicitContentWidth + leftPadding + rightPadding
            highlighted: root.page.timeRange === modelData
            flat: !highlighted
            palette.buttonText: Theme.text
            // Tab reaches the range; a click leaves the focus where it was (the page's list).
            focusPolicy: Qt.TabFocus
            Accessible.name: qsTr("Time range %1").arg(text)
            onClicked: root.page.timeRange = modelData
        }
    }
}
