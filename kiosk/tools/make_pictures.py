#!/usr/bin/python3
"""Draws the demo menu pictures in assets/pictures/ from Noto Color Emoji.

Every picture a demo menu names (assets/menus/*.json: items, combos,
categories) is a 256x256 RGBA PNG: one to three emoji on a soft rounded tile
in its category's colour. The emoji for each picture are in the tables
below; a picture a menu names without a recipe here is an error, and PNGs
no menu names any more are removed. Output is the same on every run.

Needs Debian's python3-pil (Pillow with libimagequant), optipng and
fonts-noto-color-emoji; run with the system Python:

    /usr/bin/python3 kiosk/tools/make_pictures.py

Emoji images: Noto Emoji, Copyright Google Inc., Apache License 2.0 (see
assets/LICENSES.md).
"""

import json
import os
import subprocess
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ASSETS = os.path.join(ROOT, "assets")
MENUS = ["restaurant", "supermarket"]
FONT_PATH = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
FONT_PX = 109  # the font's only bitmap strike: 136x128 glyphs
SIZE = 256
RADIUS = 48

# Tile colours (the darker, lower end of a vertical gradient) by menu and category.
COLOURS = {
    "restaurant": {
        "meals": (250, 190, 110), "burgers": (248, 160, 130), "chicken": (250, 210, 110),
        "wraps": (215, 190, 150), "breakfast": (250, 225, 150), "sides": (180, 215, 140),
        "drinks": (150, 200, 240), "desserts": (240, 170, 200), "kids": (190, 170, 235),
        "extras": (170, 220, 210),
    },
    "supermarket": {
        "fruits": (248, 165, 150), "vegetables": (170, 215, 140), "meat-poultry": (240, 160, 160),
        "fish": (150, 200, 235), "dairy": (175, 205, 240), "cheese": (250, 215, 120),
        "bakery": (230, 195, 145), "dates-nuts": (215, 180, 140), "rice-pulses-pasta": (240, 220, 160),
        "baking": (245, 200, 210), "canned": (225, 175, 160), "oils-sauces": (200, 215, 130),
        "spices": (245, 180, 120), "breakfast": (250, 220, 140), "beverages": (150, 210, 230),
        "tea-coffee": (205, 175, 150), "snacks": (235, 175, 205), "frozen": (170, 220, 245),
        "household": (215, 205, 180), "cleaning": (170, 225, 215), "personal-care": (215, 190, 235),
        "baby": (180, 215, 245), "paper": (205, 210, 220),
    },
}

# Emoji per picture: categories by id, then items and combos by id. The
# first emoji is the main one; a second is an accent, a third a companion.
CATEGORY_EMOJI = {
    "restaurant": {
        "meals": "🍔🍟🥤", "burgers": "🍔", "chicken": "🍗", "wraps": "🌯", "breakfast": "🍳",
        "sides": "🍟", "drinks": "🥤", "desserts": "🍨", "kids": "🧸", "extras": "🧄",
    },
    "supermarket": {
        "fruits": "🍎🍌", "vegetables": "🥦🥕", "meat-poultry": "🥩🍗", "fish": "🐟🦐", "dairy": "🥛🥚",
        "cheese": "🧀", "bakery": "🍞🥐", "dates-nuts": "🌰🥜🌴", "rice-pulses-pasta": "🍚🍝",
        "baking": "🧁🌾", "canned": "🥫", "oils-sauces": "🫒🫗", "spices": "🧂🌶️", "breakfast": "🥣🍯",
        "beverages": "🧃🥤", "tea-coffee": "☕🫖", "snacks": "🍫🍪", "frozen": "🧊🍦",
        "household": "💡🕯️", "cleaning": "🧽🫧", "personal-care": "🧴🪥", "baby": "🍼🧸", "paper": "🧻",
    },
}

ITEM_EMOJI = {
    "restaurant": {
        # burgers
        "beef-burger": "🍔", "cheese-burger": "🍔🧀", "double-cheese-burger": "🍔🍔",
        "mushroom-swiss-burger": "🍔🍄", "smoky-bbq-burger": "🍔🔥", "spicy-chicken-burger": "🍔🌶️",
        "crispy-chicken-burger": "🍔🍗", "grilled-chicken-burger": "🍔🌿", "fish-fillet-burger": "🍔🐟",
        "veggie-burger": "🍔🥬",
        # chicken
        "broast-4": "🍗", "broast-8": "🍗🍗🍗", "strips-3": "🍗🥣", "strips-5": "🍗🍗🥣", "nuggets-6": "🧆",
        "nuggets-9": "🧆🧆", "spicy-wings": "🍗🌶️", "popcorn-chicken": "🍿🍗",
        # wraps
        "chicken-shawarma": "🌯", "beef-shawarma": "🌯🥩", "crispy-chicken-wrap": "🌯🌶️",
        "shish-tawook": "🥙🍢", "halloumi-wrap": "🌯🧀", "falafel-sandwich": "🥙🧆", "steak-sandwich": "🥪🥩",
        # breakfast
        "egg-cheese-muffin": "🥯🍳", "chicken-sausage-muffin": "🥯🌭", "foul-sandwich": "🫘🥖",
        "shakshuka-wrap": "🍳🍅", "labneh-zaatar": "🫓🌿", "pancakes": "🥞", "hash-brown": "🥔",
        "breakfast-platter": "🍳🫒🫓",
        # sides
        "fries": "🍟", "curly-fries": "🍟➰", "cheese-fries": "🍟🧀", "spicy-wedges": "🥔🌶️",
        "onion-rings": "🧅", "mozzarella-sticks": "🧀🔥", "coleslaw": "🥬🥕", "garden-salad": "🥗",
        "corn-cup": "🌽", "hummus": "🫘🥣",
        # drinks
        "cola": "🥤", "diet-cola": "🥤🧊", "lemon-soda": "🥤🍋", "orange-soda": "🥤🍊", "water": "💧",
        "orange-juice": "🍊🧃", "lemon-mint": "🍋🌿", "laban": "🥛", "iced-tea": "🍑🧊", "karak": "☕",
        "saudi-coffee": "🫖🌴",
        # desserts
        "vanilla-sundae": "🍨", "ice-cream-cone": "🍦", "brownie": "🍫", "apple-pie": "🥧🍎", "kunafa": "🥮",
        "date-cake": "🍰🌴", "strawberry-shake": "🥛🍓", "mango-shake": "🥛🥭", "cookie": "🍪",
        # kids
        "kids-burger": "🍔🧸", "kids-nuggets": "🧆🧸", "kids-cheese-sandwich": "🥪🧸",
        # extras
        "garlic-sauce": "🧄", "spicy-mayo-dip": "🥣🌶️", "cheese-dip": "🥣🧀", "ketchup": "🍅",
        "extra-bun": "🍞", "donation": "🤲💚",
        # combos
        "cheeseburger-meal": "🍔🍟🥤", "double-cheese-meal": "🍔🧀🥤", "spicy-chicken-meal": "🍔🌶️🥤",
        "grilled-chicken-meal": "🍔🥗🥤", "strips-meal": "🍗🍟🥤", "shawarma-meal": "🌯🍟🥤",
        "broast-meal": "🍗🥗🥤", "family-meal": "🍗🍟🍰", "breakfast-meal": "🥯🥔☕",
    },
    "supermarket": {},
}

# Centre and longest side of each emoji, by how many share a tile.
LAYOUTS = {
    1: [(128, 124, 176)],
    2: [(114, 112, 164), (186, 182, 100)],
    3: [(128, 96, 150), (70, 184, 100), (186, 184, 100)],
}


def split_emoji(text):
    """Splits a recipe into emoji, keeping a variation selector with its base."""
    out = []
    for ch in text:
        if ch == "\ufe0f" and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


class Painter:
    def __init__(self):
        self.font = ImageFont.truetype(FONT_PATH, FONT_PX)
        self.glyphs = {}
        big = Image.new("L", (SIZE * 4, SIZE * 4), 0)
        ImageDraw.Draw(big).rounded_rectangle((0, 0, SIZE * 4 - 1, SIZE * 4 - 1), radius=RADIUS * 4, fill=255)
        self.mask = big.resize((SIZE, SIZE), Image.LANCZOS)

    def glyph(self, emoji):
        if emoji not in self.glyphs:
            im = Image.new("RGBA", (2 * FONT_PX, 2 * FONT_PX), (0, 0, 0, 0))
            ImageDraw.Draw(im).text((0, 0), emoji, font=self.font, embedded_color=True)
            box = im.getbbox()
            if box is None or box[2] - box[0] > 140:
                sys.exit("make_pictures: %r is not one glyph in %s" % (emoji, FONT_PATH))
            self.glyphs[emoji] = im.crop(box)
        return self.glyphs[emoji]

    def tile(self, colour, emoji):
        top = tuple(int(c + (255 - c) * 0.55) for c in colour)
        bg = Image.new("RGBA", (SIZE, SIZE))
        draw = ImageDraw.Draw(bg)
        for y in range(SIZE):
            t = y / (SIZE - 1)
            draw.line([(0, y), (SIZE, y)], fill=tuple(round(top[i] * (1 - t) + colour[i] * t) for i in range(3)) + (255,))
        out = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
        out.paste(bg, (0, 0), self.mask)
        for e, (cx, cy, side) in zip(emoji, LAYOUTS[len(emoji)]):
            g = self.glyph(e)
            k = side / max(g.size)
            g = g.resize((round(g.width * k), round(g.height * k)), Image.LANCZOS)
            x, y = cx - g.width // 2, cy - g.height // 2
            shadow = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
            ink = Image.new("RGBA", g.size, (60, 40, 20, 255))
            ink.putalpha(g.getchannel("A").point(lambda a: a * 30 // 100))
            shadow.paste(ink, (x + 3, y + 8), ink)
            out = Image.alpha_composite(out, shadow.filter(ImageFilter.GaussianBlur(6)))
            layer = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
            layer.paste(g, (x, y), g)
            out = Image.alpha_composite(out, layer)
        # Shadows blur past the tile edge: clip them to the rounded corners.
        out.putalpha(Image.composite(out.getchannel("A"), Image.new("L", (SIZE, SIZE), 0), self.mask))
        return out


def recipes():
    """Maps each picture path the menus name to (colour, emoji list)."""
    wanted, missing = {}, []

    def want(path, colour, text, who):
        if not path:
            return
        if text is None:
            missing.append(who)
            return
        recipe = (colour, split_emoji(text))
        if wanted.setdefault(path, recipe) != recipe:
            sys.exit("make_pictures: %s is drawn two different ways" % path)

    for menu_name in MENUS:
        with open(os.path.join(ASSETS, "menus", menu_name + ".json"), encoding="utf-8") as f:
            menu = json.load(f)
        colours = COLOURS[menu_name]
        categories = {}
        for c in menu["categories"]:
            categories[c["id"]] = c
            want(c.get("image", ""), colours[c["id"]], CATEGORY_EMOJI[menu_name].get(c["id"]),
                 "%s category %s" % (menu_name, c["id"]))
        for it in menu["items"] + menu.get("combos", []):
            path = it.get("image", "")
            if path and path == categories[it["category"]].get("image"):
                continue
            want(path, colours[it["category"]], ITEM_EMOJI[menu_name].get(it["id"]), "%s item %s" % (menu_name, it["id"]))
    if missing:
        sys.exit("make_pictures: no emoji recipe for " + ", ".join(missing))
    return wanted


def main():
    wanted = recipes()
    painter = Painter()
    for path, (colour, emoji) in sorted(wanted.items()):
        dest = os.path.join(ASSETS, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        im = painter.tile(colour, emoji)
        # 256 colours chosen by libimagequant look the same and compress to half.
        im = im.quantize(256, method=Image.Quantize.LIBIMAGEQUANT).convert("RGBA")
        im.save(dest)
        subprocess.run(["optipng", "-quiet", "-o2", "-nx", "-strip", "all", dest], check=True)
    folders = {os.path.dirname(os.path.join(ASSETS, p)) for p in wanted}
    for folder in sorted(folders):
        for fn in sorted(os.listdir(folder)):
            full = os.path.join(folder, fn)
            if fn.endswith(".png") and os.path.relpath(full, ASSETS) not in wanted:
                os.remove(full)
                print("removed stale %s" % os.path.relpath(full, ROOT), file=sys.stderr)
    total = sum(os.path.getsize(os.path.join(ASSETS, p)) for p in wanted)
    print("assets/pictures: %d pictures, %d KiB" % (len(wanted), total // 1024), file=sys.stderr)


if __name__ == "__main__":
    main()
