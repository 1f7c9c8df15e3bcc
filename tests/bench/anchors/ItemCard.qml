/* A menu item's card: its picture with the offer badges, name, calories, price and "+". */
import QtQuick

Rectangle {
    id: card
    property var item
    property string currency
    property string face
    property string currencyFace
    property string soldOutText

    height: column.height + 32
    radius: 28
    color: item.soldOut ? Theme.surfaceSoldOut : Theme.surface

    Column {
        id: column
        x: 12
        y: 12
        width: card.width - 24
        spacing: 12

        Item {
            width: parent.width
            height: width * 3 / 4
            Image {
                anchors.fill: parent
                source: card.item.image
                sourceSize: Qt.size(width, height)
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
            }
            Row {
                anchors { left: parent.left; top: parent.top; margins: 12 }
                spacing: 8
                Repeater {
                    model: card.item.badges
                    delegate: Badge { text: modelData.text; kind: modelData.kind; face: card.face }
                }
            }
            Rectangle {
                anchors.fill: parent
                visible: card.item.soldOut
                color: Theme.scrim
                radius: 20
                Badge { anchors.centerIn: parent; text: card.soldOutText; face: card.face }
            }
        }

        Column {
            x: 8
            width: parent.width - 16
            spacing: 8
            Text {
                width: parent.width
                text: card.item.name
                font { family: card.face; pixelSize: 26; bold: true }
                color: Theme.text
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignLeft
            }
            Text {
                width: parent.width
                visible: card.item.kcal !== ""
                text: card.item.kcal
                horizontalAlignment: Text.AlignLeft
                font { family: card.face; pixelSize: 22 }
                color: Theme.textMuted
            }
            Item {
                width: parent.width
                height: 44
                Text {
                    id: price
                    anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                    text: card.item.price
                    font { family: card.face; pixelSize: 28; bold: true }
                    color: Theme.primary
                }
                Text {
                    anchors { left: price.right; leftMargin: 6; baseline: price.baseline }
                    text: card.currency
                    font { family: card.currencyFace; pixelSize: 28; bold: true }
                    color: Theme.primary
                }
                Image {
                    anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                    source: "icon-plus.svg"
                    sourceSize: Qt.size(44, 44)
                }
            }
        }
    }
}
