// "Load demo data" for the empty states: fills the current store with the demo workload (off
// the GUI thread, in the controller) and spins while it runs.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Spanlight

RowLayout {
    id: root

    property ConsoleController controller

    visible: root.controller !== null && root.controller.demoAvailable
    spacing: Theme.spacingS

    Button {
        objectName: "loadDemoData"
        text: qsTr("Load demo data")
        enabled: !root.controller.demoLoading
        Accessible.name: qsTr("Load a generated shop workload into the store")
        onClicked: root.controller.loadDemoData()
    }
    BusyIndicator {
        objectName: "demoBusy"
        running: root.controller.demoLoading
        visible: running
        implicitWidth: 28
        implicitHeight: 28
    }
}
