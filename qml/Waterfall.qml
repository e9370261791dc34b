// The open trace as a waterfall: one row per visible span, indented by depth, with a bar
// placed by the model's fractions. Up/Down select, Left/Right fold and unfold (or move to the
// parent / first child), Enter or Space toggles. A group row (repeated siblings, folded by the
// model) draws one lighter bar over its members' extent; a thin accent line under a bar marks the
// critical path.
//
// Zoom and pan: the minimap over the ruler shows every span of the trace and the part the bars
// show; drag across it (or across the ruler) to show that part, drag the window to pan, click to
// centre it, double-click to see everything. Ctrl+wheel zooms about the pointer, Shift+wheel and
// Shift+Left/Right pan; + and - zoom, 0 shows the whole trace, Z zooms to the selected span.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    property ConsoleController controller
    readonly property WaterfallModel waterfall: controller ? controller.waterfall : null
    property real nameColumnWidth: Math.min(360, width * 0.35)
    readonly property int indentWidth: 14
    // The shown part of the trace (fractions of it) and the width of the bars' lane.
    readonly property real viewStart: waterfall ? waterfall.viewStart : 0
    readonly property real viewWidth: waterfall ? Math.max(1e-9, waterfall.viewEnd - waterfall.viewStart) : 1
    readonly property real laneWidth: Math.max(1, width - nameColumnWidth - 8)

    function zoomKeys(event) {
        if (!waterfall)
            return
        switch (event.key) {
        case Qt.Key_Plus:
        case Qt.Key_Equal:
            waterfall.zoomBy(2)
            break
        case Qt.Key_Minus:
        case Qt.Key_Underscore:
            waterfall.zoomBy(0.5)
            break
        case Qt.Key_0:
            waterfall.resetView()
            break
        case Qt.Key_Z:
            waterfall.zoomToRow(rows.currentIndex)
            break
        default:
            return
        }
        event.accepted = true
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 6
            visible: root.waterfall && root.waterfall.hasTrace

            Label {
                Layout.fillWidth: true
                text: root.waterfall ? root.waterfall.title : ""
                font.bold: true
                elide: Text.ElideRight
            }
            Label {
                text: root.waterfall ? qsTr("%n span(s)", "", root.waterfall.spanCount) : ""
                opacity: 0.75
            }
            Label {
                text: root.waterfall ? qsTr("%n service(s)", "", root.waterfall.serviceCount) : ""
                opacity: 0.75
            }
            Label {
                text: root.waterfall ? root.waterfall.durationText : ""
                font.family: "monospace"
            }
        }

        // Self time per service: a stacked bar and the largest shares.
        RowLayout {
            objectName: "serviceBreakdown"
            Layout.fillWidth: true
            Layout.leftMargin: 6
            Layout.rightMargin: 6
            spacing: Theme.spacingS
            visible: root.waterfall && root.waterfall.hasTrace

            Label {
                visible: breakdownBar.visible
                text: qsTr("Self time")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            Row {
                id: breakdownBar

                visible: root.waterfall && root.waterfall.serviceBreakdown.length > 0
                Layout.preferredWidth: 160
                Layout.preferredHeight: 8
                Accessible.role: Accessible.Chart
                Accessible.name: qsTr("Self time by service")
                Repeater {
                    model: root.waterfall ? root.waterfall.serviceBreakdown : []
                    delegate: Rectangle {
                        required property var modelData
                        width: breakdownBar.width * modelData.fraction
                        height: breakdownBar.height
                        color: modelData.color
                    }
                }
            }
            Repeater {
                model: root.waterfall ? root.waterfall.serviceBreakdown.slice(0, 4) : []
                delegate: Row {
                    required property var modelData
                    spacing: Theme.spacingXs
                    Rectangle {
                        width: 8
                        height: 8
                        radius: 2
                        color: parent.modelData.color
                        anchors.verticalCenter: parent.verticalCenter
                    }
                    Label {
                        text: parent.modelData.text
                        font.pixelSize: Theme.fontCaption
                        color: Theme.textMuted
                    }
                }
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                objectName: "waterfallViewText"
                visible: root.waterfall && root.waterfall.zoomed
                text: root.waterfall ? root.waterfall.viewText : ""
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            ToolButton {
                objectName: "zoomOut"
                text: "\u2212"
                enabled: root.waterfall && root.waterfall.zoomed
                Accessible.name: qsTr("Zoom out")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Zoom out (-)")
                onClicked: { root.waterfall.zoomBy(0.5); rows.forceActiveFocus() }
            }
            ToolButton {
                objectName: "zoomIn"
                text: "+"
                Accessible.name: qsTr("Zoom in")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Zoom in (+, Ctrl+wheel, or drag across the ruler)")
                onClicked: { root.waterfall.zoomBy(2); rows.forceActiveFocus() }
            }
            ToolButton {
                objectName: "zoomToSpan"
                text: qsTr("Zoom to span")
                enabled: rows.currentIndex >= 0
                Accessible.name: qsTr("Zoom to the selected span")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Show the selected span across the width (Z)")
                onClicked: { root.waterfall.zoomToRow(rows.currentIndex); rows.forceActiveFocus() }
            }
            ToolButton {
                objectName: "zoomReset"
                text: qsTr("Whole trace")
                enabled: root.waterfall && root.waterfall.zoomed
                Accessible.name: qsTr("Show the whole trace")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Show the whole trace (0)")
                onClicked: { root.waterfall.resetView(); rows.forceActiveFocus() }
            }
        }

        // The minimap: the whole trace, the shown part framed.
        Item {
            id: minimap

            objectName: "waterfallMinimapArea"
            Layout.fillWidth: true
            Layout.leftMargin: root.nameColumnWidth
            Layout.rightMargin: 8
            Layout.topMargin: 2
            implicitHeight: 36
            visible: root.waterfall && root.waterfall.hasTrace
            Accessible.role: Accessible.Slider
            Accessible.name: qsTr("Minimap of the trace; drag to choose the part shown")

            readonly property real windowX: width * root.viewStart
            readonly property real windowWidth: Math.max(4, width * root.viewWidth)

            Rectangle {
                anchors.fill: parent
                color: Theme.surfaceAlt
                border.color: Theme.border
            }
            WaterfallMinimap {
                objectName: "waterfallMinimap"
                anchors.fill: parent
                anchors.margins: 1
                waterfall: root.waterfall
                errorColor: Theme.error
            }
            // Outside the shown part: shaded.
            Rectangle {
                visible: root.waterfall && root.waterfall.zoomed
                width: minimap.windowX
                height: parent.height
                color: Theme.window
                opacity: 0.6
            }
            Rectangle {
                visible: root.waterfall && root.waterfall.zoomed
                x: minimap.windowX + minimap.windowWidth
                width: Math.max(0, parent.width - x)
                height: parent.height
                color: Theme.window
                opacity: 0.6
            }
            Rectangle {
                visible: root.waterfall && root.waterfall.zoomed
                x: minimap.windowX
                width: minimap.windowWidth
                height: parent.height
                color: "transparent"
                border.color: Theme.accent
                border.width: 2
            }
            Rectangle {
                id: minimapSelection
                visible: minimapMouse.selecting
                x: Math.min(minimapMouse.pressX, minimapMouse.mouseX)
                width: Math.abs(minimapMouse.mouseX - minimapMouse.pressX)
                height: parent.height
                color: Theme.accent
                opacity: 0.25
            }
            MouseArea {
                id: minimapMouse

                property real pressX: 0
                property real pressStart: 0
                property bool moving: false // dragging the shown part, not choosing a new one
                property bool selecting: false

                anchors.fill: parent
                onPressed: (mouse) => {
                    pressX = mouse.x
                    pressStart = root.viewStart
                    moving = root.waterfall.zoomed && mouse.x >= minimap.windowX
                             && mouse.x <= minimap.windowX + minimap.windowWidth
                    selecting = false
                }
                onPositionChanged: (mouse) => {
                    if (moving) {
                        const start = pressStart + (mouse.x - pressX) / width
                        root.waterfall.setView(start, start + root.viewWidth)
                    } else if (Math.abs(mouse.x - pressX) > 3) {
                        selecting = true
                    }
                }
                onReleased: (mouse) => {
                    if (selecting) {
                        const a = Math.max(0, Math.min(pressX, mouse.x)) / width
                        const b = Math.min(width, Math.max(pressX, mouse.x)) / width
                        root.waterfall.setView(a, b)
                    } else if (!moving) {
                        const centre = mouse.x / width
                        root.waterfall.setView(centre - root.viewWidth / 2, centre + root.viewWidth / 2)
                    }
                    selecting = false
                    moving = false
                    rows.forceActiveFocus()
                }
                onDoubleClicked: root.waterfall.resetView()
            }
        }

        // The ruler over the shown part; drag across it to zoom into the part dragged over.
        Item {
            Layout.fillWidth: true
            Layout.leftMargin: root.nameColumnWidth
            Layout.rightMargin: 8
            implicitHeight: ruler.implicitHeight

            TimeRuler {
                id: ruler
                anchors.fill: parent
                ticks: root.waterfall ? root.waterfall.rulerTicks : []
            }
            Rectangle {
                visible: rulerMouse.selecting
                x: Math.min(rulerMouse.pressX, rulerMouse.mouseX)
                width: Math.abs(rulerMouse.mouseX - rulerMouse.pressX)
                height: parent.height
                color: Theme.accent
                opacity: 0.25
            }
            MouseArea {
                id: rulerMouse

                property real pressX: 0
                property bool selecting: false

                anchors.fill: parent
                cursorShape: Qt.SizeHorCursor
                onPressed: (mouse) => { pressX = mouse.x; selecting = false }
                onPositionChanged: (mouse) => { if (Math.abs(mouse.x - pressX) > 3) selecting = true }
                onReleased: (mouse) => {
                    if (selecting) {
                        const a = Math.max(0, Math.min(pressX, mouse.x)) / width
                        const b = Math.min(width, Math.max(pressX, mouse.x)) / width
                        root.waterfall.setView(root.viewStart + a * root.viewWidth, root.viewStart + b * root.viewWidth)
                    }
                    selecting = false
                    rows.forceActiveFocus()
                }
                onDoubleClicked: root.waterfall.resetView()
            }
        }

        ListView {
            id: rows

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: root.waterfall
            // The controller owns the selection, so that it survives folding and reloads.
            currentIndex: root.controller ? root.controller.selectedSpanRow : -1
            keyNavigationEnabled: false
            highlightMoveDuration: 0
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            Keys.onPressed: (event) => root.zoomKeys(event)
            Keys.onUpPressed: root.controller.moveSpanSelection(-1)
            Keys.onDownPressed: root.controller.moveSpanSelection(1)
            Keys.onLeftPressed: (event) => {
                if (event.modifiers & Qt.ShiftModifier)
                    root.waterfall.panBy(-0.25)
                else
                    root.controller.collapseOrParent()
            }
            Keys.onRightPressed: (event) => {
                if (event.modifiers & Qt.ShiftModifier)
                    root.waterfall.panBy(0.25)
                else
                    root.controller.expandOrChild()
            }

            // Ctrl+wheel zooms about the pointer's time; Shift+wheel pans.
            WheelHandler {
                acceptedModifiers: Qt.ControlModifier
                target: null
                onWheel: (event) => {
                    const anchor = (point.position.x - root.nameColumnWidth) / root.laneWidth
                    root.waterfall.zoomBy(event.angleDelta.y > 0 ? 1.25 : 0.8, anchor)
                }
            }
            WheelHandler {
                acceptedModifiers: Qt.ShiftModifier
                target: null
                onWheel: (event) => root.waterfall.panBy(event.angleDelta.y + event.angleDelta.x > 0 ? -0.1 : 0.1)
            }
            Keys.onReturnPressed: root.waterfall.toggle(currentIndex)
            Keys.onEnterPressed: root.waterfall.toggle(currentIndex)
            Keys.onSpacePressed: root.waterfall.toggle(currentIndex)

            delegate: Item {
                id: span

                required property int index
                required property int depth
                required property string name
                required property string service
                required property color serviceColor
                required property real offsetFraction
                required property real widthFraction
                required property string durationText
                required property string selfTimeText
                required property bool isError
                required property string errorText
                required property bool hasChildren
                required property bool expanded
                required property bool isGroup
                required property bool onCriticalPath
                // A partial trace: the row stands for unloaded spans below its parent; expanding
                // it (Enter, Space, Right, a double click, its arrow) loads them.
                required property bool isMore

                width: ListView.view.width
                height: 24

                Rectangle {
                    anchors.fill: parent
                    color: span.ListView.isCurrentItem ? palette.highlight : "transparent"
                    opacity: 0.35
                }

                MouseArea {
                    anchors.fill: parent
                    onClicked: {
                        root.controller.selectSpan(span.index)
                        rows.forceActiveFocus()
                    }
                    onDoubleClicked: root.waterfall.toggle(span.index)
                }

                RowLayout {
                    x: 4 + span.depth * root.indentWidth
                    width: root.nameColumnWidth - x - 4
                    height: parent.height
                    spacing: 4

                    Label {
                        // disclosure arrow
                        Layout.preferredWidth: 12
                        text: span.hasChildren ? (span.expanded ? "\u25BE" : "\u25B8") : ""
                        TapHandler {
                            onTapped: root.waterfall.toggle(span.index)
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: span.name
                        elide: Text.ElideRight
                        font.italic: span.isGroup || span.isMore
                        color: span.isError ? Theme.error : span.isMore ? Theme.accent : palette.text
                    }
                    // The service's colour as a swatch, its name in the muted text colour: some
                    // service colours are too light (or too dark) to read as text on one theme.
                    Rectangle {
                        visible: !span.isMore
                        implicitWidth: 8
                        implicitHeight: 8
                        radius: 2
                        color: span.serviceColor
                    }
                    Label {
                        visible: !span.isMore
                        text: span.service
                        font.pixelSize: Theme.fontCaption
                        color: Theme.textMuted
                        elide: Text.ElideRight
                        Layout.maximumWidth: root.nameColumnWidth * 0.4
                    }
                }

                Item {
                    id: lane

                    x: root.nameColumnWidth
                    width: root.laneWidth
                    height: parent.height
                    clip: true
                    visible: !span.isMore

                    // The bar's ends over the shown part, kept near the lane when zoomed far in.
                    readonly property real barLeft: Math.max(-10, lane.width * (span.offsetFraction - root.viewStart) / root.viewWidth)
                    readonly property real barRight: Math.min(lane.width + 10, lane.width * (span.offsetFraction + span.widthFraction - root.viewStart) / root.viewWidth)

                    Rectangle {
                        id: bar

                        x: Math.min(lane.barLeft, lane.width + 10)
                        width: Math.max(2, lane.barRight - x)
                        anchors.verticalCenter: parent.verticalCenter
                        height: span.isGroup ? 10 : 14
                        radius: 2
                        color: span.serviceColor
                        opacity: span.isGroup ? 0.55 : 1
                        border.color: span.isError ? Theme.error : "transparent"
                        border.width: span.isError ? 2 : 0
                    }
                    Rectangle {
                        visible: span.onCriticalPath
                        x: bar.x
                        width: bar.width
                        y: bar.y + bar.height + 1
                        height: 2
                        color: Theme.accent
                    }
                    Label {
                        // right of the bar when it fits, else left of it, else inside its visible end;
                        // none for a bar outside the shown part
                        readonly property real barEnd: Math.min(lane.width, bar.x + bar.width)
                        visible: bar.x + bar.width >= 0 && bar.x <= lane.width
                        x: bar.x + bar.width + 4 + implicitWidth <= lane.width ? bar.x + bar.width + 4
                           : bar.x - implicitWidth - 4 >= 0 ? bar.x - implicitWidth - 4
                           : Math.max(0, barEnd - implicitWidth - 4)
                        anchors.verticalCenter: parent.verticalCenter
                        text: span.durationText
                        font.pixelSize: 11
                        font.family: "monospace"
                    }
                }

                ToolTip.visible: hoverArea.hovered
                ToolTip.delay: 600
                ToolTip.text: span.isMore ? span.name : span.isError ? span.errorText : qsTr("%1, self time %2").arg(span.durationText).arg(span.selfTimeText)
                Accessible.name: span.name

                HoverHandler {
                    id: hoverArea
                }
            }
        }
    }
}
