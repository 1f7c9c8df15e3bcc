#!/usr/bin/env python3
"""The anchors' menu data: the kiosk's demo menu as the menu screen shows it.

Reads the kiosk's menu file (kiosk-menu/1) and writes one JavaScript file,
`var MENU = {...};`, that both anchors load: the Chromium page through a
<script> tag and the Qt Quick scene through `import "menu-data.js"`. A page
opened from a file: URL may not read a JSON file with fetch(), so the data is
made into a script at run time instead of relaxing the browser's file rules.

What the kiosk decides is decided here the same way, so that the three
screens show the same tiles: the categories with something listed now and
the items listed now (kiosk/domain/catalog.c, the time windows, at the
kiosk's default UTC offset), the offer badges (kiosk/screens/item_card.c),
"New" and "Spicy", the sold-out veil, calories and prices in SAR as the customer reads them
(kiosk/screens/kit.c), the texts (kiosk/domain/texts.c) and the store's
name (kiosk/app/config.c). Pictures keep the menu's paths, relative to the
assets folder: the pages' folder links assets' pictures/ and fonts/ beside them.

usage: menu_data.py --menu FILE --out FILE [--utc-offset-min N] [--now EPOCH]
"""
import argparse
import json
import sys
import time
from pathlib import Path

DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

TEXTS = {
    "en": {"back": "Back", "cancel": "Cancel order", "empty": "Your order is empty",
           "view": "View order", "kcal": "kcal", "offer": "Offer", "new": "New",
           "spicy": "Spicy", "soldOut": "Sold out", "store": "Olaya Burger", "currency": "SAR"},
    "ar": {"back": "رجوع", "cancel": "إلغاء الطلب", "empty": "طلبك فارغ",
           "view": "عرض الطلب", "kcal": "سعرة حرارية", "offer": "عرض", "new": "جديد",
           "spicy": "حار", "soldOut": "نفدت الكمية", "store": "برجر العليا",
           "currency": "\u20c1"},
}


def minutes(hhmm):
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def window_contains(window, weekday, minute):
    """One time window at a local weekday (0 = Sunday) and minute of the day."""
    days = {DAYS.index(d) for d in window["days"]}
    start, end = minutes(window["from"]), minutes(window["to"])
    if start < end:
        return weekday in days and start <= minute < end
    if start == end:
        return False
    # Crossing midnight: the evening part today, or the early part of yesterday's window.
    return (weekday in days and minute >= start) or ((weekday + 6) % 7 in days and minute < end)


def available(windows, weekday, minute):
    return not windows or any(window_contains(w, weekday, minute) for w in windows)


def targets(target, item):
    return item["id"] in target.get("items", []) or item["category"] in target.get("categories", [])


def offer_badge(promotions, item, weekday, minute, lang):
    """The first promotion on item available now, as its badge's text; None without one."""
    for p in promotions:
        if p.get("whole_order"):
            continue
        if p["kind"] == "bundle_price":
            hit = any(targets(c, item) for c in p["components"])
        else:
            hit = targets(p["target"], item)
        if not hit or not available(p.get("available", []), weekday, minute):
            continue
        if p["kind"] == "percent_off" and p["percent_bp"] % 100 == 0:
            return "-%d%%" % (p["percent_bp"] // 100)
        if p["kind"] == "buy_x_get_y" and p["get_percent_bp"] == 10000:
            return "%d+%d" % (p["buy"], p["get"])
        return TEXTS[lang]["offer"]
    return None


def money(minor):
    return "%d.%02d" % (minor // 100, minor % 100)


def screen(menu, lang, weekday, minute):
    """What the menu screen shows in lang: categories with their listed items."""
    text = TEXTS[lang]
    categories = []
    for cat in sorted(menu["categories"], key=lambda c: c.get("sort", 0)):
        items = []
        for item in menu["items"] + menu.get("combos", []):
            if item["category"] != cat["id"] or not available(item.get("available", []), weekday, minute):
                continue
            badges = []
            offer = offer_badge(menu.get("promotions", []), item, weekday, minute, lang)
            if offer:
                badges.append({"text": offer, "kind": "danger"})
            if "new" in item.get("tags", []):
                badges.append({"text": text["new"], "kind": "accent"})
            if "spicy" in item.get("tags", []):
                badges.append({"text": text["spicy"], "kind": "primary"})
            calories = item.get("calories", -1)
            items.append({
                "name": item["name"][lang],
                "kcal": "%d %s" % (calories, text["kcal"]) if calories >= 0 else "",
                "price": money(item["price"]),
                "image": item.get("image", ""),
                "badges": badges,
                "soldOut": item.get("sold_out", False),
            })
        if items:
            categories.append({"id": cat["id"], "name": cat["name"][lang],
                               "image": cat.get("image", ""), "items": items})
    return {"dir": "rtl" if lang == "ar" else "ltr", "texts": text, "categories": categories}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menu", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--utc-offset-min", type=int, default=180)  # the kiosk's default
    parser.add_argument("--now", type=int, default=None, help="seconds since the epoch")
    args = parser.parse_args()
    try:
        menu = json.loads(args.menu.read_text(encoding="utf-8"))
        if menu.get("format") != "kiosk-menu/1":
            raise ValueError("not a kiosk-menu/1 file")
        now = time.time() if args.now is None else args.now
        local = time.gmtime(int(now) + args.utc_offset_min * 60)
        weekday, minute = (local.tm_wday + 1) % 7, local.tm_hour * 60 + local.tm_min
        data = {
            "en": screen(menu, "en", weekday, minute),
            "ar": screen(menu, "ar", weekday, minute),
        }
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("menu_data.py: %s: %s" % (args.menu, e), file=sys.stderr)
        return 1
    args.out.write_text("var MENU = " + json.dumps(data, ensure_ascii=False) + ";\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
