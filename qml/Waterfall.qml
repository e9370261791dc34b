// The open trace as a waterfall: one row per visible span, indented by depth, with a bar
// placed by the model's fractions. Up/Down select, Left/Right fold and unfold (or move to the
// parent / first child), Enter or Space toggles. A group row (repeated siblings, folded by the
// model) draws one lighter bar over its members' extent; a thin accent line under a bar marks the
// critical path.
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

        TimeRuler {
            Layout.fillWidth: true
            Layout.leftMargin: root.nameColumnWidth
            Layout.rightMargin: 8
            ticks: root.waterfall ? root.waterfall.rulerTicks : []
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

            Keys.onUpPressed: root.controller.moveSpanSelection(-1)
            Keys.onDownPressed: root.controller.moveSpanSelection(1)
            Keys.onLeftPressed: root.controller.collapseOrParent()
            Keys.onRightPressed: root.controller.expandOrChild()
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
                        font.italic: span.isGroup
                        color: span.isError ? Theme.error : palette.text
                    }
                    // The service's colour as a swatch, its name in the muted text colour: some
                    // service colours are too light (or too dark) to read as text on one theme.
                    Rectangle {
                        implicitWidth: 8
                        implicitHeight: 8
                        radius: 2
                        color: span.serviceColor
                    }
                    Label {
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
                    width: parent.width - root.nameColumnWidth - 8
                    height: parent.height

                    Rectangle {
                        id: bar

                        x: lane.width * span.offsetFraction
                        width: Math.max(2, lane.width * span.widthFraction)
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
                        // right of the bar when it fits, else left of it
                        x: bar.x + bar.width + 4 + implicitWidth <= lane.width ? bar.x + bar.width + 4
                                                                               : Math.max(0, bar.x - implicitWidth - 4)
                        anchors.verticalCenter: parent.verticalCenter
                        text: span.durationText
                        font.pixelSize: 11
                        font.family: "monospace"
                    }
                }

                ToolTip.visible: hoverArea.hovered
                ToolTip.delay: 600
                ToolTip.text: span.isError ? span.errorText : qsTr("%1, self time %2").arg(span.durationText).arg(span.selfTimeText)
                Accessible.name: span.name

                HoverHandler {
                    id: hoverArea
                }
            }
        }
    }
}
