/*
 * The Qt scene's smoke check (check.sh): loads Menu.qml beside it, hidden, and quits
 * with 0 once its pictures had time to load, or 1 when the scene does not load or
 * shows no category. Every warning (a binding, a picture that cannot be opened) goes
 * to stderr, which check.sh requires empty.
 */
import QtQuick

Item {
    property var scene
    property Timer settle: Timer {
        interval: 1500
        onTriggered: Qt.exit(0)
    }
    Component.onCompleted: {
        const component = Qt.createComponent("Menu.qml")
        if (component.status !== Component.Ready) {
            console.error(component.errorString())
            Qt.exit(1)
            return
        }
        scene = component.createObject(null, {visible: false})
        if (!scene || scene.screen.categories.length === 0) {
            console.error("Menu.qml: no category shown")
            Qt.exit(1)
            return
        }
        settle.start()
    }
}
