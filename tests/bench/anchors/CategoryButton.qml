/* One category of the rail: its picture over its name; the chosen one on the primary colour. */
import QtQuick

Rectangle {
    id: button
    property string name
    property string picture
    property string face
    property bool chosen: false
    signal clicked()

    height: column.height
    radius: 22
    color: chosen ? Theme.primary : "transparent"

    Column {
        id: column
        width: parent.width
        spacing: 8
        Image {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 112
            height: 112
            source: button.picture
            sourceSize: Qt.size(112, 112)
            fillMode: Image.PreserveAspectFit
            asynchronous: true
        }
        Text {
            width: parent.width
            text: button.name
            font { family: button.face; pixelSize: 22; bold: true }
            color: button.chosen ? Theme.textOnPrimary : Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }
    MouseArea { anchors.fill: parent; onClicked: button.clicked() }
}
