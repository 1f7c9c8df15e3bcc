/* A header button without a background: an icon and a label in the primary colour. */
import QtQuick

Item {
    id: button
    property alias text: label.text
    property alias icon: picture.source
    property bool mirrorIcon: false
    property string face
    signal clicked()

    width: row.width + 48
    height: 96

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 12
        Image {
            id: picture
            anchors.verticalCenter: parent.verticalCenter
            sourceSize: Qt.size(36, 36)
            mirror: button.mirrorIcon
        }
        Text {
            id: label
            anchors.verticalCenter: parent.verticalCenter
            font { family: button.face; pixelSize: 30; bold: true }
            color: Theme.primary
        }
    }
    MouseArea { anchors.fill: parent; onClicked: button.clicked() }
}
