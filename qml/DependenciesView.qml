// The Dependencies page: the service graph of a time range, laid out in C++ (GraphLayout),
// callers left of callees. Nodes are delegates placed by the model; every edge is drawn by one
// DependencyEdges item. Clicking a node shows its impact and highlights the critical paths
// through it; clicking the background clears the selection. The graph opens fitted to the view
// (at most its own size) and stays fitted until the user zooms or pans. It zooms (the buttons over it,
// Ctrl+wheel about the pointer, + - 0 and F with the graph focused) and pans (drag, the wheel,
// the scroll bars); geometry scales, labels keep their size.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

FocusScope {
    id: root

    required property DependenciesPage page

    // The graph's zoom, 1 = the layout's own size.
    property real zoom: 1
    // Until the user zooms, the graph is kept fitted to the view (never above its own size) as
    // it loads and as the view is resized, the way Jaeger's and Kiali's graphs open.
    property bool autoFit: true
    readonly property real minimumZoom: 0.2
    readonly property real maximumZoom: 4

    // Zooms to `z` keeping the graph point under (px, py) of the view where it is.
    function zoomTo(z, px, py) {
        const next = Math.max(minimumZoom, Math.min(maximumZoom, z))
        autoFit = false
        if (next === zoom)
            return
        const gx = (view.contentX + px - graph.x) / zoom
        const gy = (view.contentY + py - graph.y) / zoom
        zoom = next
        const newX = Math.max(0, (view.width - root.page.contentWidth * next) / 2)
        const newY = Math.max(0, (view.height - root.page.contentHeight * next) / 2)
        view.contentX = Math.max(0, Math.min(view.contentWidth - view.width, newX + gx * next - px))
        view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, newY + gy * next - py))
    }
    function zoomBy(factor) {
        zoomTo(zoom * factor, view.width / 2, view.height / 2)
    }
    // The whole graph in the view (never larger than `largest` times its size, twice for F).
    function fit(largest) {
        if (largest === undefined) {
            largest = 2
            autoFit = false
        }
        if (root.page.contentWidth <= 0 || root.page.contentHeight <= 0 || view.width <= 0 || view.height <= 0)
            return
        zoom = Math.max(minimumZoom, Math.min(largest, view.width / root.page.contentWidth,
                                                       view.height / root.page.contentHeight))
        view.contentX = 0
        view.contentY = 0
    }
    function keepFitted() {
        if (autoFit)
            fit(1)
    }

    Connections {
        target: root.page
        function onGraphChanged() { Qt.callLater(root.keepFitted) }
    }

    component Caption: Label {
        font.pixelSize: Theme.fontCaption
        font.bold: true
        color: Theme.textMuted
        Layout.topMargin: Theme.spacingS
    }
    component Value: Label {
        Layout.fillWidth: true
        font.pixelSize: Theme.fontBody
        color: Theme.text
        wrapMode: Text.Wrap
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacingM

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Dependencies")
            subtitle: root.page.windowText
            busy: root.page.loading

            TimeRangeBar {
                page: root.page
            }
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            Rectangle {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 400
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius
                clip: true

                Flickable {
                    id: view

                    objectName: "dependencyView"
                    anchors.fill: parent
                    anchors.margins: 1
                    onMovementStarted: root.autoFit = false // the user pans: the view stays where they take it
                    onWidthChanged: Qt.callLater(root.keepFitted)
                    onHeightChanged: Qt.callLater(root.keepFitted)
                    contentWidth: Math.max(width, graph.width)
                    contentHeight: Math.max(height, graph.height)
                    boundsBehavior: Flickable.StopAtBounds
                    focus: true
                    activeFocusOnTab: true
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("Service dependency graph")
                    ScrollBar.vertical: ScrollBar {}
                    ScrollBar.horizontal: ScrollBar {}

                    Keys.onPressed: (event) => {
                        switch (event.key) {
                        case Qt.Key_Plus:
                        case Qt.Key_Equal:
                            root.zoomBy(1.25)
                            break
                        case Qt.Key_Minus:
                        case Qt.Key_Underscore:
                            root.zoomBy(0.8)
                            break
                        case Qt.Key_0:
                            root.zoomTo(1, view.width / 2, view.height / 2)
                            break
                        case Qt.Key_F:
                            root.fit()
                            break
                        case Qt.Key_Left:
                            root.autoFit = false
                            view.contentX = Math.max(0, view.contentX - 60)
                            break
                        case Qt.Key_Right:
                            root.autoFit = false
                            view.contentX = Math.max(0, Math.min(view.contentWidth - view.width, view.contentX + 60))
                            break
                        case Qt.Key_Up:
                            root.autoFit = false
                            view.contentY = Math.max(0, view.contentY - 60)
                            break
                        case Qt.Key_Down:
                            root.autoFit = false
                            view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, view.contentY + 60))
                            break
                        default:
                            return
                        }
                        event.accepted = true
                    }

                    TapHandler {
                        onTapped: {
                            view.forceActiveFocus()
                            root.page.clearSelection()
                        }
                    }
                    WheelHandler {
                        acceptedModifiers: Qt.ControlModifier
                        target: null
                        onWheel: (event) => {
                            // In the view's own coordinates, whichever item holds the handler.
                            const at = parent.mapToItem(view, point.position)
                            root.zoomTo(root.zoom * (event.angleDelta.y > 0 ? 1.25 : 0.8), at.x, at.y)
                        }
                    }

                    Item {
                        id: graph

                        // Centred while it fits, scrollable when it does not.
                        x: Math.max(0, (view.width - width) / 2)
                        y: Math.max(0, (view.height - height) / 2)
                        width: root.page.contentWidth * root.zoom
                        height: root.page.contentHeight * root.zoom

                        DependencyEdges {
                            objectName: "dependencyEdges"
                            anchors.fill: parent
                            page: root.page
                            lineColor: Theme.edge
                            alertColor: Theme.error
                            highlightColor: Theme.accent
                            labelColor: Theme.textMuted
                            labelBackground: Theme.surface
                            labelPixelSize: Theme.fontCaption
                            zoom: root.zoom
                        }

                        Repeater {
                            objectName: "dependencyNodes"
                            model: root.page.nodes

                            delegate: Item {
                                id: node

                                required property string nodeId
                                required property string name
                                required property bool external
                                required property real nodeX
                                required property real nodeY
                                required property real diameter
                                required property color nodeColor
                                required property string requestsText
                                required property string toolTipText
                                required property bool alert
                                required property bool selected
                                required property bool highlighted
                                required property bool dimmed

                                x: nodeX * root.zoom
                                y: nodeY * root.zoom
                                width: diameter * root.zoom
                                height: diameter * root.zoom
                                opacity: dimmed ? 0.3 : 1

                                ToolTip.visible: hover.hovered
                                ToolTip.delay: 400
                                ToolTip.text: toolTipText

                                HoverHandler {
                                    id: hover
                                }
                                TapHandler {
                                    onTapped: root.page.selectNode(node.nodeId)
                                }

                                // Services are circles in their colour; external systems grey squares.
                                Rectangle {
                                    anchors.fill: parent
                                    radius: node.external ? Theme.radius : width / 2
                                    color: node.external ? Theme.externalNode : node.nodeColor
                                    border.width: node.selected ? 4 : node.alert ? 3 : node.highlighted ? 2 : 0
                                    border.color: node.selected || node.highlighted ? Theme.accent : Theme.error
                                }
                                Label {
                                    anchors.top: parent.bottom
                                    anchors.topMargin: 3
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    width: 160
                                    horizontalAlignment: Text.AlignHCenter
                                    text: node.name
                                    font.pixelSize: Theme.fontBody
                                    font.bold: node.selected
                                    color: Theme.text
                                    elide: Text.ElideMiddle
                                }
                                Label {
                                    anchors.top: parent.bottom
                                    anchors.topMargin: 20
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    width: 160
                                    horizontalAlignment: Text.AlignHCenter
                                    text: node.requestsText
                                    font.pixelSize: Theme.fontCaption
                                    color: node.alert ? Theme.error : Theme.textMuted
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }

                    Label {
                        anchors.centerIn: parent
                        visible: root.page.nodes.count === 0
                        text: root.page.emptyText
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                    }
                }

                // Zoom
                Row {
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.spacingS
                    spacing: Theme.spacingXs
                    visible: root.page.nodes.count > 0

                    ToolButton {
                        objectName: "graphZoomOut"
                        text: "\u2212"
                        enabled: root.zoom > root.minimumZoom
                        Accessible.name: qsTr("Zoom out")
                        ToolTip.visible: hovered
                        ToolTip.delay: 500
                        ToolTip.text: qsTr("Zoom out (-)")
                        onClicked: root.zoomBy(0.8)
                    }
                    Label {
                        objectName: "graphZoomText"
                        anchors.verticalCenter: parent.verticalCenter
                        text: qsTr("%1 %").arg(Math.round(root.zoom * 100))
                        font.pixelSize: Theme.fontCaption
                        color: Theme.textMuted
                    }
                    ToolButton {
                        objectName: "graphZoomIn"
                        text: "+"
                        enabled: root.zoom < root.maximumZoom
                        Accessible.name: qsTr("Zoom in")
                        ToolTip.visible: hovered
                        ToolTip.delay: 500
                        ToolTip.text: qsTr("Zoom in (+, Ctrl+wheel)")
                        onClicked: root.zoomBy(1.25)
                    }
                    ToolButton {
                        objectName: "graphFit"
                        text: qsTr("Fit")
                        Accessible.name: qsTr("Fit the graph to the view")
                        ToolTip.visible: hovered
                        ToolTip.delay: 500
                        ToolTip.text: qsTr("Show the whole graph (F); 0 for its own size")
                        onClicked: root.fit()
                    }
                }

                // Legend
                Row {
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    anchors.margins: Theme.spacingS
                    spacing: Theme.spacingM

                    Row {
                        spacing: Theme.spacingXs
                        Rectangle { width: 10; height: 10; radius: 5; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter }
                        Label { text: qsTr("service (size: requests)"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                    }
                    Row {
                        spacing: Theme.spacingXs
                        Rectangle { width: 10; height: 10; radius: 2; color: Theme.externalNode; anchors.verticalCenter: parent.verticalCenter }
                        Label { text: qsTr("external system"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                    }
                    Row {
                        spacing: Theme.spacingXs
                        Rectangle { width: 14; height: 2; color: Theme.error; anchors.verticalCenter: parent.verticalCenter }
                        Label { text: qsTr("more than 5 % errors"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                    }
                    Row {
                        spacing: Theme.spacingXs
                        Rectangle { width: 14; height: 3; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter }
                        Label { text: qsTr("critical path of the selection"); font.pixelSize: Theme.fontCaption; color: Theme.textMuted }
                    }
                }
            }

            Rectangle {
                SplitView.preferredWidth: 340
                SplitView.minimumWidth: 260
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius

                Label {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingL
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    visible: root.page.selectedId.length === 0
                    text: qsTr("Click a service to see what depends on it and the slowest paths through it.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingL
                    spacing: Theme.spacingXs
                    visible: root.page.selectedId.length > 0

                    Label {
                        Layout.fillWidth: true
                        text: root.page.selectedName
                        font.pixelSize: Theme.fontSubtitle
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    Label {
                        text: root.page.selectedKind
                        font.pixelSize: Theme.fontCaption
                        color: Theme.textMuted
                    }
                    Label {
                        visible: !root.page.impactLoaded
                        text: qsTr("Loading impact…")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        spacing: Theme.spacingXs
                        visible: root.page.impactLoaded

                        Caption { text: qsTr("Impact score") }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            Label {
                                objectName: "impactScore"
                                text: root.page.impactScoreText
                                font.pixelSize: Theme.fontDisplay
                                font.bold: true
                                color: Theme.text
                            }
                            Label {
                                Layout.fillWidth: true
                                text: qsTr("of the root services' requests can reach it")
                                font.pixelSize: Theme.fontCaption
                                color: Theme.textMuted
                                wrapMode: Text.Wrap
                            }
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            implicitHeight: 6
                            radius: 3
                            color: Theme.surfaceAlt
                            border.color: Theme.border

                            Rectangle {
                                width: parent.width * root.page.impactScore
                                height: parent.height
                                radius: 3
                                color: Theme.accent
                            }
                        }
                        Value {
                            text: root.page.selectedSummary
                            color: Theme.textMuted
                        }

                        Caption { text: qsTr("Called by") }
                        Value { text: root.page.dependentsText }
                        Caption { text: qsTr("Everything that depends on it") }
                        Value { objectName: "transitiveDependents"; text: root.page.transitiveDependentsText }
                        Caption { text: qsTr("Calls") }
                        Value { text: root.page.dependenciesText }

                        Caption { text: qsTr("Critical paths through it") }
                        ListView {
                            id: paths

                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: root.page.paths
                            spacing: Theme.spacingXs
                            boundsBehavior: Flickable.StopAtBounds

                            Label {
                                visible: paths.count === 0
                                text: qsTr("none")
                                font.pixelSize: Theme.fontBody
                                color: Theme.textMuted
                            }

                            delegate: ColumnLayout {
                                id: path

                                required property string pathText
                                required property string latencyText
                                required property string bottleneckText

                                width: ListView.view.width
                                spacing: 0

                                Label {
                                    Layout.fillWidth: true
                                    text: path.pathText
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.text
                                    wrapMode: Text.Wrap
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: qsTr("%1 self time, bottleneck %2").arg(path.latencyText).arg(path.bottleneckText)
                                    font.pixelSize: Theme.fontCaption
                                    color: Theme.textMuted
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
