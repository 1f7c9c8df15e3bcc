#!/usr/bin/python3
"""Writes assets/menus/supermarket.json, the demo supermarket catalog.

Products are generated from realistic bases: invented brands x product lines
x variants x pack sizes, with Saudi GS1 EAN-13 barcodes (prefix 628, one
company prefix per brand, check digit computed) and weighed counter goods
(fruit, vegetables, meat, fish, cheese, dates and nuts) priced per kilogram
with a 5-digit PLU for variable-measure labels. Packs whose size gives a
weight ("400 g", "6 × 320 ml") carry their expected weight for the bagging-area
check; energy drinks carry a minimum age. Prices are in halalas and
include 15 % VAT. The random choices (price spread, company prefixes) come
from a fixed seed, so the output is the same on every run. Run it with any
Python 3 (standard library only), from any working directory:

    kiosk/tools/make_supermarket.py

Products share their category's picture, pictures/supermarket/category-<id>.png,
drawn by kiosk/tools/make_pictures.py.
"""

import os
import random
import re
import sys

import menu_json

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "assets", "menus", "supermarket.json")
VERSION = "2026-12-02.1"
SEED = 628


def name(ar, en):
    return {"ar": ar, "en": en}


def gtin_check_digit(digits):
    """GS1 check digit: weights 3, 1, 3 ... from the rightmost digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


# Size: (Arabic, English, price in halalas for the reference brand).
def sz(ar, en, price):
    return (ar, en, price)


# Variant: (Arabic, English, price factor).
def v(ar, en, factor=1.0):
    return (ar, en, factor)


PLAIN = [v("", "")]

# A product line: Arabic and English templates where {v} is the variant,
# the variants, the sizes, and optionally the brands (indexes into the
# category's brands; default all of them), tags and the buyer's minimum age.
def line(ar, en, variants, sizes, brands=None, tags=(), min_age=0):
    return {"ar": ar, "en": en, "variants": variants, "sizes": sizes, "brands": brands, "tags": list(tags),
            "min_age": min_age}


# A weighed product: Arabic, English, price per kilogram in halalas.
def kg(ar, en, price):
    return (ar, en, price)


CATEGORIES = [
    {
        "id": "fruits", "name": ("الفواكه", "Fruits"), "plu": 10001,
        "brands": [("مزارع الخرج", "Kharj Farms"), ("حقول", "Hoqool")],
        "weighed": [
            kg("موز", "Bananas", 695), kg("تفاح أحمر", "Red Apples", 899), kg("تفاح أخضر", "Green Apples", 950),
            kg("تفاح أصفر", "Golden Apples", 899), kg("برتقال أبو صرة", "Navel Oranges", 750),
            kg("برتقال عصير", "Juicing Oranges", 550), kg("يوسفي", "Mandarins", 899), kg("ليمون", "Lemons", 799),
            kg("جريب فروت", "Grapefruit", 650), kg("عنب أحمر", "Red Grapes", 1299), kg("عنب أخضر", "Green Grapes", 1199),
            kg("رمان", "Pomegranates", 999), kg("مانجو", "Mangoes", 1299), kg("بطيخ", "Watermelon", 250),
            kg("شمام", "Cantaloupe", 599), kg("أناناس", "Pineapple", 950), kg("كيوي", "Kiwi", 1499),
            kg("خوخ", "Peaches", 1599), kg("مشمش", "Apricots", 1999), kg("كمثرى", "Pears", 999),
            kg("أفوكادو", "Avocados", 1999), kg("جوافة", "Guavas", 1199), kg("تين طازج", "Fresh Figs", 2999),
        ],
        "lines": [
            line("فراولة", "Strawberries", PLAIN, [sz("250 جم", "250 g", 1200), sz("500 جم", "500 g", 2200)]),
            line("توت أزرق", "Blueberries", PLAIN, [sz("125 جم", "125 g", 1400)]),
            line("توت أحمر", "Raspberries", PLAIN, [sz("125 جم", "125 g", 1500)]),
            line("عنب بدون بذر", "Seedless Grapes", PLAIN, [sz("500 جم", "500 g", 1100)]),
            line("سلطة فواكه مقطعة", "Fresh Fruit Salad", PLAIN, [sz("400 جم", "400 g", 1500)]),
            line("أناناس مقطع", "Pineapple Chunks", PLAIN, [sz("300 جم", "300 g", 1200)]),
            line("بطيخ مقطع", "Watermelon Cubes", PLAIN, [sz("500 جم", "500 g", 900)]),
        ],
    },
    {
        "id": "vegetables", "name": ("الخضروات", "Vegetables"), "plu": 11001,
        "brands": [("مزارع الخرج", "Kharj Farms"), ("حقول", "Hoqool")],
        "weighed": [
            kg("طماطم", "Tomatoes", 450), kg("خيار", "Cucumbers", 550), kg("بطاطس", "Potatoes", 399),
            kg("بصل أحمر", "Red Onions", 350), kg("بصل أبيض", "White Onions", 399), kg("ثوم", "Garlic", 1599),
            kg("جزر", "Carrots", 450), kg("كوسة", "Zucchini", 799), kg("باذنجان", "Eggplant", 599),
            kg("فلفل رومي أخضر", "Green Capsicum", 899), kg("فلفل رومي أحمر", "Red Capsicum", 1499),
            kg("فلفل رومي أصفر", "Yellow Capsicum", 1499), kg("فلفل حار أخضر", "Green Chillies", 1299),
            kg("خس روماني", "Romaine Lettuce", 999), kg("ملفوف", "Cabbage", 399), kg("زهرة", "Cauliflower", 699),
            kg("بروكلي", "Broccoli", 1599), kg("بامية", "Okra", 1899), kg("فاصوليا خضراء", "Green Beans", 1299),
            kg("بطاطا حلوة", "Sweet Potatoes", 799), kg("زنجبيل", "Ginger", 1499), kg("شمندر", "Beetroot", 599),
            kg("قرع", "Pumpkin", 499), kg("ذرة حلوة", "Sweet Corn", 899),
        ],
        "lines": [
            line("بقدونس", "Parsley", PLAIN, [sz("ربطة", "bunch", 150)]),
            line("كزبرة", "Coriander", PLAIN, [sz("ربطة", "bunch", 150)]),
            line("نعناع", "Mint", PLAIN, [sz("ربطة", "bunch", 200)]),
            line("جرجير", "Rocket", PLAIN, [sz("ربطة", "bunch", 200)]),
            line("شبت", "Dill", PLAIN, [sz("ربطة", "bunch", 200)]),
            line("فطر أبيض", "White Mushrooms", PLAIN, [sz("250 جم", "250 g", 800)]),
            line("طماطم شيري", "Cherry Tomatoes", PLAIN, [sz("250 جم", "250 g", 700)]),
            line("خس آيسبرغ", "Iceberg Lettuce", PLAIN, [sz("حبة", "1 pc", 600)]),
            line("سبانخ صغيرة", "Baby Spinach", PLAIN, [sz("200 جم", "200 g", 900)]),
            line("سلطة خضراء مشكلة", "Mixed Salad Leaves", PLAIN, [sz("200 جم", "200 g", 1000)]),
        ],
    },
    {
        "id": "meat-poultry", "name": ("اللحوم والدواجن", "Meat & Poultry"), "plu": 20001,
        "brands": [("مزارع الوطن", "Watan Farms"), ("دواجن الخير", "Al Khair Poultry"), ("ذهبية", "Thahabiya")],
        "weighed": [
            kg("لحم غنم نعيمي", "Naimi Lamb", 6500), kg("لحم غنم حري", "Harri Lamb", 6200),
            kg("لحم غنم نجدي", "Najdi Lamb", 6400), kg("لحم عجل", "Veal", 4900),
            kg("لحم بقري مفروم", "Minced Beef", 3900), kg("ستيك ريب آي", "Ribeye Steak", 11900),
            kg("لحم حاشي", "Camel Meat (Hashi)", 5900), kg("كبدة غنم", "Lamb Liver", 3900),
            kg("ريش غنم", "Lamb Chops", 7900), kg("صدور دجاج", "Chicken Breasts", 3200),
            kg("أفخاذ دجاج", "Chicken Thighs", 2600), kg("أجنحة دجاج", "Chicken Wings", 2200),
            kg("دجاج مفروم", "Minced Chicken", 2900), kg("كفتة لحم", "Beef Kofta", 4200),
        ],
        "lines": [
            line("دجاج كامل طازج", "Fresh Whole Chicken", PLAIN,
                 [sz("900 جم", "900 g", 1600), sz("1000 جم", "1000 g", 1750), sz("1200 جم", "1200 g", 2050)]),
            line("صدور دجاج طازجة", "Fresh Chicken Breasts", PLAIN, [sz("450 جم", "450 g", 1700), sz("1 كجم", "1 kg", 3400)]),
            line("أفخاذ دجاج طازجة", "Fresh Chicken Thighs", PLAIN, [sz("500 جم", "500 g", 1400), sz("1 كجم", "1 kg", 2600)]),
            line("دبابيس دجاج طازجة", "Fresh Chicken Drumsticks", PLAIN, [sz("1 كجم", "1 kg", 2400)]),
            line("دجاج مقطع طازج", "Fresh Chicken Cut in Pieces", PLAIN, [sz("1 كجم", "1 kg", 2100)]),
            line("قوانص دجاج", "Chicken Gizzards", PLAIN, [sz("500 جم", "500 g", 900)]),
            line("كبدة دجاج", "Chicken Livers", PLAIN, [sz("500 جم", "500 g", 900)]),
            line("لحم بقري مفروم طازج", "Fresh Minced Beef", PLAIN, [sz("500 جم", "500 g", 2100)], [0, 2]),
            line("مكعبات لحم غنم", "Lamb Cubes", PLAIN, [sz("500 جم", "500 g", 3500)], [0]),
        ],
    },
    {
        "id": "fish", "name": ("الأسماك", "Fish & Seafood"), "plu": 21001,
        "brands": [("بحر العرب", "Bahr Al Arab"), ("قطبي", "Qutbi")],
        "weighed": [
            kg("هامور", "Hamour", 7900), kg("سيجان", "Rabbitfish (Sigan)", 4500), kg("شعور", "Emperor (Shaour)", 4900),
            kg("ناجل", "Coral Trout (Najel)", 6900), kg("كنعد", "Kingfish (Kanaad)", 5500),
            kg("سلمون فيليه", "Salmon Fillet", 8900), kg("روبيان جامبو", "Jumbo Shrimp", 7500),
            kg("روبيان وسط", "Medium Shrimp", 4900), kg("حبار", "Squid", 3900), kg("بلطي", "Tilapia", 1900),
            kg("سردين", "Sardines", 1500), kg("فيليه سمك أبيض", "White Fish Fillet", 3900),
        ],
        "lines": [
            line("روبيان مقشر مجمد", "Frozen Peeled Shrimp", PLAIN, [sz("500 جم", "500 g", 2900), sz("1 كجم", "1 kg", 5400)]),
            line("فيليه بلطي مجمد", "Frozen Tilapia Fillet", PLAIN, [sz("1 كجم", "1 kg", 2400)]),
            line("فيليه سلمون مجمد", "Frozen Salmon Fillet", PLAIN, [sz("500 جم", "500 g", 4500)]),
            line("حلقات كاليماري", "Calamari Rings", PLAIN, [sz("500 جم", "500 g", 2200)]),
            line("أصابع سمك", "Fish Fingers", PLAIN, [sz("300 جم", "300 g", 1300), sz("600 جم", "600 g", 2300)]),
            line("برجر سمك", "Fish Burgers", PLAIN, [sz("6 حبات", "6 pcs", 1800)]),
        ],
    },
    {
        "id": "dairy", "name": ("الألبان والبيض", "Dairy & Eggs"),
        "brands": [("مروج", "Murooj"), ("الواحة", "Al Waha"), ("ريف نجد", "Reef Najd"), ("غيمة", "Ghaima")],
        "lines": [
            line("حليب طازج {v}", "{v} Fresh Milk",
                 [v("كامل الدسم", "Full Fat"), v("قليل الدسم", "Low Fat"), v("خالي الدسم", "Skimmed")],
                 [sz("1 لتر", "1 L", 650), sz("2 لتر", "2 L", 1150), sz("2.85 لتر", "2.85 L", 1500)]),
            line("حليب طويل الأجل {v}", "{v} Long Life Milk",
                 [v("كامل الدسم", "Full Fat"), v("قليل الدسم", "Low Fat")],
                 [sz("1 لتر", "1 L", 550), sz("4 × 1 لتر", "4 × 1 L", 2100)]),
            line("حليب {v}", "{v} Milk",
                 [v("بالشوكولاتة", "Chocolate"), v("بالفراولة", "Strawberry"), v("بالموز", "Banana")],
                 [sz("180 مل", "180 ml", 200), sz("1 لتر", "1 L", 800)]),
            line("لبن {v}", "{v} Laban", [v("كامل الدسم", "Full Fat"), v("قليل الدسم", "Low Fat")],
                 [sz("200 مل", "200 ml", 150), sz("1 لتر", "1 L", 600), sz("2 لتر", "2 L", 1050)]),
            line("زبادي {v}", "{v} Yoghurt",
                 [v("كامل الدسم", "Full Fat"), v("قليل الدسم", "Low Fat"), v("يوناني", "Greek", 1.6)],
                 [sz("170 جم", "170 g", 200), sz("500 جم", "500 g", 550), sz("1 كجم", "1 kg", 900)]),
            line("لبنة {v}", "{v} Labneh", [v("كاملة الدسم", "Full Fat"), v("قليلة الدسم", "Low Fat")],
                 [sz("200 جم", "200 g", 700), sz("400 جم", "400 g", 1250)]),
            line("قشطة", "Qishta Cream", PLAIN, [sz("100 جم", "100 g", 400), sz("250 جم", "250 g", 850)]),
            line("بيض طازج {v}", "{v} Fresh Eggs", [v("حجم كبير", "Large"), v("حجم وسط", "Medium", 0.9)],
                 [sz("15 حبة", "15 pcs", 1100), sz("30 حبة", "30 pcs", 1950)]),
            line("زبدة {v}", "{v} Butter", [v("بدون ملح", "Unsalted"), v("مملحة", "Salted")],
                 [sz("200 جم", "200 g", 1150), sz("400 جم", "400 g", 2100)]),
            line("حليب بودرة {v}", "{v} Milk Powder", [v("كامل الدسم", "Full Cream"), v("قليل الدسم", "Low Fat")],
                 [sz("400 جم", "400 g", 1600), sz("900 جم", "900 g", 3300), sz("2.25 كجم", "2.25 kg", 7500)], [0, 1]),
        ],
    },
    {
        "id": "cheese", "name": ("الأجبان", "Cheese"), "plu": 30001,
        "brands": [("مروج", "Murooj"), ("ريف نجد", "Reef Najd"), ("غيمة", "Ghaima")],
        "weighed": [
            kg("جبنة عكاوي", "Akkawi Cheese", 3600), kg("جبنة حلوم", "Halloumi Cheese", 4200),
            kg("جبنة بيضاء", "White Cheese", 2900), kg("جبنة فيتا", "Feta Cheese", 3200),
            kg("جبنة شيدر", "Cheddar Cheese", 4500), kg("جبنة نابلسية", "Nabulsi Cheese", 3900),
            kg("جبنة موزاريلا", "Mozzarella Cheese", 3800), kg("جبنة رومي", "Roumy Cheese", 5200),
            kg("جبنة مشللة", "Mshallaleh String Cheese", 4600), kg("زيتون أخضر", "Green Olives", 2200),
            kg("زيتون أسود", "Black Olives", 2400), kg("زيتون كلاماتا", "Kalamata Olives", 3200),
        ],
        "lines": [
            line("جبنة شيدر {v}", "{v} Cheddar Cheese", [v("شرائح", "Sliced"), v("مبشورة", "Grated")],
                 [sz("200 جم", "200 g", 1100), sz("400 جم", "400 g", 1950)]),
            line("جبنة مثلثات", "Cheese Triangles", PLAIN, [sz("8 قطع", "8 portions", 700), sz("16 قطعة", "16 portions", 1250)]),
            line("جبنة كريمية {v}", "{v} Cream Cheese", [v("سادة", "Plain"), v("قليلة الدسم", "Light")],
                 [sz("240 جم", "240 g", 900), sz("500 جم", "500 g", 1650)]),
            line("جبنة موزاريلا {v}", "{v} Mozzarella", [v("مبشورة", "Shredded"), v("قالب", "Block")],
                 [sz("200 جم", "200 g", 1000), sz("1 كجم", "1 kg", 3800)]),
            line("جبنة حلوم {v}", "Halloumi Cheese {v}", [v("", ""), v("بالنعناع", "with Mint")],
                 [sz("225 جم", "225 g", 1300)]),
            line("جبنة فيتا {v}", "{v} Feta Cheese", [v("", ""), v("قليلة الدسم", "Light")],
                 [sz("200 جم", "200 g", 900), sz("400 جم", "400 g", 1600)]),
            line("جبنة بيضاء {v}", "{v} White Cheese", [v("", ""), v("قليلة الملح", "Low Salt")], [sz("500 جم", "500 g", 1500)]),
            line("جبنة رومي", "Roumy Cheese", PLAIN, [sz("250 جم", "250 g", 1400)]),
            line("جبنة شرائح للتوست", "Processed Cheese Slices", PLAIN,
                 [sz("10 شرائح", "10 slices", 800), sz("20 شريحة", "20 slices", 1450)]),
        ],
    },
    {
        "id": "bakery", "name": ("المخبوزات", "Bakery"),
        "brands": [("سنابل", "Sanabel"), ("فرن الحارة", "Furn Al Hara"), ("ذهبية", "Thahabiya")],
        "lines": [
            line("خبز توست {v}", "{v} Toast Bread", [v("أبيض", "White"), v("بر", "Brown"), v("بالحليب", "Milk", 1.1)],
                 [sz("400 جم", "400 g", 400), sz("600 جم", "600 g", 550)]),
            line("خبز عربي {v}", "{v} Arabic Bread", [v("أبيض", "White"), v("بر", "Brown")], [sz("6 أرغفة", "6 loaves", 300)]),
            line("خبز صامولي", "Samoon Rolls", PLAIN, [sz("6 حبات", "6 pcs", 500)]),
            line("خبز برجر بالسمسم", "Sesame Burger Buns", PLAIN, [sz("6 حبات", "6 pcs", 650)]),
            line("خبز هوت دوغ", "Hot Dog Rolls", PLAIN, [sz("6 حبات", "6 pcs", 600)]),
            line("خبز تورتيلا {v}", "{v} Tortilla Wraps", [v("", "Plain"), v("بر", "Whole Wheat")],
                 [sz("6 حبات", "6 pcs", 700), sz("10 حبات", "10 pcs", 1050)]),
            line("كرواسون {v}", "{v} Croissants",
                 [v("سادة", "Plain"), v("بالجبن", "Cheese"), v("بالشوكولاتة", "Chocolate"), v("بالزعتر", "Zaatar")],
                 [sz("6 حبات", "6 pcs", 900)]),
            line("كيك {v}", "{v} Cake",
                 [v("بالفانيلا", "Vanilla"), v("بالشوكولاتة", "Chocolate"), v("بالتمر", "Date"), v("بالبرتقال", "Orange")],
                 [sz("300 جم", "300 g", 1000)]),
            line("شابورة {v}", "{v} Rusks", [v("سادة", "Plain"), v("بالسمسم", "Sesame"), v("بالهيل", "Cardamom")],
                 [sz("350 جم", "350 g", 750)]),
            line("معمول {v}", "{v} Maamoul", [v("بالتمر", "Date"), v("بالفستق", "Pistachio", 1.8)],
                 [sz("12 حبة", "12 pcs", 1500)]),
            line("كعك بالسمسم", "Sesame Ka'ak", PLAIN, [sz("6 حبات", "6 pcs", 500)]),
            line("فطائر {v}", "{v} Fatayer", [v("بالجبن", "Cheese"), v("بالسبانخ", "Spinach"), v("باللحم", "Meat", 1.3)],
                 [sz("6 حبات", "6 pcs", 1200)], [1]),
        ],
    },
    {
        "id": "dates-nuts", "name": ("التمور والمكسرات", "Dates & Nuts"), "plu": 40001,
        "brands": [("نخيل القصيم", "Nakheel Al Qassim"), ("تمور المدينة", "Tumoor Al Madina"),
                   ("محمصة الحارة", "Mahmasat Al Hara")],
        "weighed": [
            kg("تمر سكري", "Sukkari Dates", 3500), kg("تمر سكري مفتل", "Sukkari Mufattal Dates", 4500),
            kg("تمر خلاص", "Khalas Dates", 2900), kg("تمر عجوة المدينة", "Madinah Ajwa Dates", 8900),
            kg("تمر مجدول", "Medjool Dates", 6900), kg("تمر صقعي", "Sagai Dates", 3900),
            kg("تمر برحي", "Barhi Dates", 2500), kg("تمر صفاوي", "Safawi Dates", 4200),
            kg("تمر خضري", "Khudri Dates", 2400), kg("تمر رزيز", "Ruzeiz Dates", 2200),
            kg("تمر نبتة علي", "Nabtat Ali Dates", 3200),
            kg("لوز", "Almonds", 6900), kg("لوز محمص مملح", "Roasted Salted Almonds", 7500),
            kg("كاجو", "Cashews", 7900), kg("كاجو محمص", "Roasted Cashews", 8500),
            kg("فستق حلبي", "Pistachios", 10900), kg("جوز", "Walnuts", 8900), kg("بندق", "Hazelnuts", 7900),
            kg("فول سوداني محمص", "Roasted Peanuts", 2900), kg("لب أبيض", "White Pumpkin Seeds", 3900),
            kg("بذور دوار الشمس", "Sunflower Seeds", 2900), kg("مكسرات مشكلة", "Mixed Nuts", 8500),
            kg("زبيب", "Raisins", 3500), kg("مشمش مجفف", "Dried Apricots", 5900), kg("تين مجفف", "Dried Figs", 5500),
        ],
        "lines": [
            line("تمر {v}", "{v} Dates",
                 [v("سكري", "Sukkari"), v("خلاص", "Khalas", 0.85), v("عجوة", "Ajwa", 2.4), v("صقعي", "Sagai", 1.1),
                  v("مجدول", "Medjool", 1.9)],
                 [sz("500 جم", "500 g", 2000), sz("1 كجم", "1 kg", 3800), sz("3 كجم", "3 kg", 10500)], [0, 1]),
            line("تمر محشي {v}", "{v}-Stuffed Dates", [v("باللوز", "Almond"), v("بالفستق", "Pistachio", 1.3)],
                 [sz("400 جم", "400 g", 3500)], [0, 1]),
            line("{v}", "{v}",
                 [v("لوز محمص", "Roasted Almonds"), v("كاجو محمص", "Roasted Cashews", 1.15),
                  v("فستق حلبي محمص", "Roasted Pistachios", 1.5), v("مكسرات مشكلة", "Mixed Nuts", 1.1),
                  v("لب أبيض", "White Pumpkin Seeds", 0.55), v("فول سوداني بالقشر", "Peanuts in Shell", 0.35)],
                 [sz("200 جم", "200 g", 1600), sz("500 جم", "500 g", 3700)], [2]),
        ],
    },
    {
        "id": "rice-pulses-pasta", "name": ("الأرز والبقوليات والمعكرونة", "Rice, Pulses & Pasta"),
        "brands": [("الدانة", "Al Dana"), ("السنبلة", "Al Sunbula"), ("بيلا روما", "Bella Roma"), ("ريحان", "Raihan")],
        "lines": [
            line("أرز بسمتي {v}", "{v} Basmati Rice",
                 [v("سيلا", "Sella"), v("أبيض", "White"), v("بني", "Brown", 1.2)],
                 [sz("1 كجم", "1 kg", 1200), sz("5 كجم", "5 kg", 5500), sz("10 كجم", "10 kg", 10500)], [0, 3]),
            line("أرز مصري حبة قصيرة", "Egyptian Short Grain Rice", PLAIN,
                 [sz("1 كجم", "1 kg", 800), sz("5 كجم", "5 kg", 3600)], [0, 1, 3]),
            line("معكرونة {v}", "{v} Pasta",
                 [v("سباغيتي", "Spaghetti"), v("بيني", "Penne"), v("فوسيلي", "Fusilli"), v("كوع", "Elbow"),
                  v("صدف", "Shell"), v("لسان عصفور", "Orzo")],
                 [sz("400 جم", "400 g", 350), sz("1 كجم", "1 kg", 750)], [0, 1, 2]),
            line("شعيرية", "Vermicelli", PLAIN, [sz("400 جم", "400 g", 300)], [1, 2]),
            line("لازانيا", "Lasagne Sheets", PLAIN, [sz("500 جم", "500 g", 900)], [2]),
            line("نودلز سريعة التحضير {v}", "{v} Instant Noodles",
                 [v("بنكهة الدجاج", "Chicken"), v("بنكهة الخضار", "Vegetable"), v("حارة", "Hot & Spicy")],
                 [sz("5 × 75 جم", "5 × 75 g", 600)], [1, 2]),
            line("{v}", "{v}",
                 [v("عدس أحمر مجروش", "Split Red Lentils"), v("عدس بني", "Brown Lentils"), v("حمص حب", "Dried Chickpeas"),
                  v("فاصوليا بيضاء", "White Beans"), v("برغل ناعم", "Fine Bulgur"), v("برغل خشن", "Coarse Bulgur"),
                  v("جريش", "Jareesh (Crushed Wheat)"), v("فريكة", "Freekeh", 1.5), v("كينوا", "Quinoa", 3.0),
                  v("فول مجروش", "Split Fava Beans")],
                 [sz("500 جم", "500 g", 450), sz("1 كجم", "1 kg", 800)], [0, 1, 3]),
        ],
    },
    {
        "id": "baking", "name": ("الدقيق والسكر ومستلزمات الحلى", "Flour, Sugar & Baking"),
        "brands": [("السنبلة", "Al Sunbula"), ("ذهبية", "Thahabiya"), ("حلا", "Hala")],
        "lines": [
            line("دقيق {v}", "{v} Flour", [v("متعدد الاستعمالات", "All-Purpose"), v("بر", "Whole Wheat", 1.15)],
                 [sz("1 كجم", "1 kg", 400), sz("2 كجم", "2 kg", 750), sz("10 كجم", "10 kg", 3200)], [0, 1]),
            line("سكر أبيض ناعم", "Fine White Sugar", PLAIN,
                 [sz("1 كجم", "1 kg", 450), sz("2 كجم", "2 kg", 850), sz("5 كجم", "5 kg", 2000), sz("10 كجم", "10 kg", 3900)],
                 [0, 1]),
            line("سكر بني", "Brown Sugar", PLAIN, [sz("1 كجم", "1 kg", 750)], [0, 1]),
            line("سكر مكعبات", "Sugar Cubes", PLAIN, [sz("500 جم", "500 g", 550)], [0, 1]),
            line("خميرة فورية", "Instant Yeast", PLAIN, [sz("3 × 11 جم", "3 × 11 g", 350)], [1]),
            line("بيكنج باودر", "Baking Powder", PLAIN, [sz("100 جم", "100 g", 400)], [1, 2]),
            line("نشا ذرة", "Corn Starch", PLAIN, [sz("400 جم", "400 g", 500)], [1, 2]),
            line("خلطة كيك {v}", "{v} Cake Mix", [v("بالفانيلا", "Vanilla"), v("بالشوكولاتة", "Chocolate"), v("بالبرتقال", "Orange")],
                 [sz("500 جم", "500 g", 1100)], [2]),
            line("{v}", "{v}", [v("كريم كراميل", "Crème Caramel Mix"), v("مهلبية", "Muhallabia Mix"), v("بودينج شوكولاتة", "Chocolate Pudding Mix")],
                 [sz("70 جم", "70 g", 350)], [2]),
            line("جيلي {v}", "{v} Jelly", [v("بالفراولة", "Strawberry"), v("بالبرتقال", "Orange"), v("بالأناناس", "Pineapple"),
                                           v("بالتوت", "Raspberry")],
                 [sz("85 جم", "85 g", 250)], [2]),
        ],
    },
    {
        "id": "canned", "name": ("المعلبات", "Canned Food"),
        "brands": [("حقول", "Hoqool"), ("وادي فاطمة", "Wadi Fatima"), ("بحر العرب", "Bahr Al Arab"),
                   ("مزارع الشرقية", "Sharqiya Farms")],
        "lines": [
            line("تونة {v}", "Tuna {v}",
                 [v("قطع خفيفة بزيت دوار الشمس", "Light Meat in Sunflower Oil"), v("بزيت الزيتون", "in Olive Oil", 1.2),
                  v("بالماء", "in Water"), v("بالفلفل الحار", "with Chilli")],
                 [sz("160 جم", "160 g", 700), sz("3 × 160 جم", "3 × 160 g", 1950)], [2, 0]),
            line("فول مدمس {v}", "Fava Beans {v}",
                 [v("سادة", "Plain"), v("بالطحينة", "with Tahini"), v("على الطريقة اللبنانية", "Lebanese Recipe"),
                  v("بالكمون", "with Cumin"), v("حار", "Hot")],
                 [sz("400 جم", "400 g", 300)], [0, 1, 3]),
            line("{v}", "{v}", [v("حمص حب مسلوق", "Boiled Chickpeas"), v("حمص بالطحينة", "Hummus Tahini", 1.6),
                                v("ذرة حلوة", "Sweet Corn", 1.3), v("فطر مقطع", "Sliced Mushrooms", 1.6),
                                v("بازلاء وجزر", "Peas & Carrots", 1.2), v("فاصوليا بصلصة الطماطم", "Baked Beans")],
                 [sz("400 جم", "400 g", 320)], [0, 1, 3]),
            line("معجون طماطم", "Tomato Paste", PLAIN,
                 [sz("70 جم", "70 g", 150), sz("135 جم", "135 g", 250), sz("400 جم", "400 g", 550)], [0, 1, 3]),
            line("زيتون {v}", "{v} Olives", [v("أخضر شرائح", "Sliced Green"), v("أسود", "Black")],
                 [sz("450 جم", "450 g", 900)], [0, 1]),
            line("مخلل {v}", "{v} Pickles", [v("خيار", "Cucumber"), v("مشكل", "Mixed"), v("لفت", "Turnip")],
                 [sz("650 جم", "650 g", 800)], [0, 1]),
            line("هالابينو شرائح", "Sliced Jalapeños", PLAIN, [sz("450 جم", "450 g", 900)], [0, 1]),
            line("{v}", "{v}", [v("حليب مبخر", "Evaporated Milk"), v("قشطة معلبة", "Canned Cream", 1.8)],
                 [sz("170 جم", "170 g", 250)], [0, 1]),
            line("حليب مكثف محلى", "Sweetened Condensed Milk", PLAIN, [sz("397 جم", "397 g", 650)], [0, 1]),
            line("{v}", "{v}", [v("كوكتيل فواكه", "Fruit Cocktail"), v("أناناس شرائح", "Pineapple Slices"),
                                v("خوخ أنصاف", "Peach Halves")],
                 [sz("565 جم", "565 g", 650)], [0, 1]),
        ],
    },
    {
        "id": "oils-sauces", "name": ("الزيوت والصلصات", "Oils & Sauces"),
        "brands": [("زيتونة", "Zaitouna"), ("نقاء", "Naqaa"), ("حقول", "Hoqool")],
        "lines": [
            line("زيت زيتون {v}", "{v} Olive Oil", [v("بكر ممتاز", "Extra Virgin"), v("نقي", "Pure", 0.8)],
                 [sz("500 مل", "500 ml", 2400), sz("1 لتر", "1 L", 4200), sz("3 لتر", "3 L", 10900)], [0, 2]),
            line("زيت {v}", "{v} Oil",
                 [v("دوار الشمس", "Sunflower"), v("ذرة", "Corn", 1.1), v("كانولا", "Canola"), v("نباتي", "Vegetable", 0.9)],
                 [sz("1.5 لتر", "1.5 L", 1650), sz("2.9 لتر", "2.9 L", 2950)], [1, 2]),
            line("سمن {v}", "{v} Ghee", [v("بقري", "Cow"), v("نباتي", "Vegetable", 0.5)],
                 [sz("400 جم", "400 g", 2000), sz("800 جم", "800 g", 3800)], [1, 2]),
            line("خل {v}", "{v} Vinegar", [v("أبيض", "White"), v("التفاح", "Apple Cider", 1.8)],
                 [sz("500 مل", "500 ml", 300), sz("1 لتر", "1 L", 500)], [1, 2]),
            line("كاتشب", "Ketchup", PLAIN, [sz("340 جم", "340 g", 550), sz("800 جم", "800 g", 1100)], [1, 2]),
            line("مايونيز {v}", "{v} Mayonnaise", [v("", "Classic"), v("قليل الدسم", "Light")],
                 [sz("473 مل", "473 ml", 1100), sz("946 مل", "946 ml", 1900)], [1, 2]),
            line("صلصة {v}", "{v} Sauce",
                 [v("حارة", "Hot"), v("باربكيو", "Barbecue"), v("الصويا", "Soy"), v("الطماطم للمعكرونة", "Pasta Tomato")],
                 [sz("250 مل", "250 ml", 600)], [1, 2]),
            line("خردل", "Mustard", PLAIN, [sz("240 جم", "240 g", 550)], [1, 2]),
        ],
    },
    {
        "id": "spices", "name": ("البهارات والتوابل", "Spices & Herbs"),
        "brands": [("بهارات الشرق", "Baharat Al Sharq"), ("نقاء", "Naqaa"), ("ربوع", "Rubou")],
        "lines": [
            line("{v}", "{v}",
                 [v("كمون مطحون", "Ground Cumin"), v("كركم مطحون", "Ground Turmeric"),
                  v("فلفل أسود مطحون", "Ground Black Pepper", 1.4), v("بابريكا", "Paprika"),
                  v("هيل حب", "Whole Cardamom", 5.0), v("قرفة مطحونة", "Ground Cinnamon"),
                  v("قرفة أعواد", "Cinnamon Sticks", 1.2), v("كزبرة مطحونة", "Ground Coriander", 0.8),
                  v("زنجبيل مطحون", "Ground Ginger"), v("بهارات مشكلة", "Mixed Spices"),
                  v("بهارات كبسة", "Kabsa Spices", 1.1), v("بهارات مندي", "Mandi Spices", 1.1),
                  v("لومي أسود", "Black Dried Lime (Loomi)", 1.3), v("قرنفل حب", "Whole Cloves", 2.2),
                  v("ورق غار", "Bay Leaves", 0.9), v("زعتر", "Zaatar"), v("سماق", "Sumac"),
                  v("فلفل أحمر حار مطحون", "Chilli Powder"), v("ثوم بودرة", "Garlic Powder"),
                  v("بصل بودرة", "Onion Powder"), v("مكعبات مرق الدجاج", "Chicken Stock Cubes", 1.5)],
                 [sz("100 جم", "100 g", 500), sz("250 جم", "250 g", 1050)]),
            line("زعفران", "Saffron", PLAIN, [sz("1 جم", "1 g", 1800), sz("4 جم", "4 g", 6500)]),
            line("{v}", "{v}", [v("ملح طعام ناعم", "Fine Table Salt"), v("ملح بحري", "Sea Salt", 2.0)],
                 [sz("700 جم", "700 g", 200), sz("1 كجم", "1 kg", 280)]),
        ],
    },
    {
        "id": "breakfast", "name": ("الفطور والحبوب", "Breakfast & Cereals"),
        "brands": [("زهرة البر", "Zahrat Al Barr"), ("جبل طويق", "Jabal Tuwaiq"), ("حبة", "Habba")],
        "lines": [
            line("عسل {v}", "{v} Honey",
                 [v("سدر", "Sidr", 4.0), v("سمر", "Samar", 2.6), v("طلح", "Talh", 2.0), v("زهور برية", "Wildflower")],
                 [sz("250 جم", "250 g", 1400), sz("500 جم", "500 g", 2500), sz("1 كجم", "1 kg", 4600)], [1]),
            line("عسل زهور برية", "Wildflower Honey", PLAIN, [sz("500 جم", "500 g", 2300)], [0]),
            line("مربى {v}", "{v} Jam",
                 [v("فراولة", "Strawberry"), v("مشمش", "Apricot"), v("تين", "Fig", 1.2), v("برتقال", "Orange"),
                  v("توت مشكل", "Mixed Berry", 1.1)],
                 [sz("450 جم", "450 g", 900)], [0, 2]),
            line("طحينة", "Tahini", PLAIN, [sz("400 جم", "400 g", 900), sz("800 جم", "800 g", 1650)], [0, 2]),
            line("حلاوة طحينية {v}", "{v} Halawa", [v("سادة", "Plain"), v("بالفستق", "Pistachio", 1.4), v("بالشوكولاتة", "Chocolate")],
                 [sz("250 جم", "250 g", 500), sz("500 جم", "500 g", 900)], [0, 2]),
            line("زبدة فول سوداني {v}", "{v} Peanut Butter", [v("ناعمة", "Smooth"), v("مقرمشة", "Crunchy")],
                 [sz("340 جم", "340 g", 1200), sz("510 جم", "510 g", 1650)], [0]),
            line("كريمة شوكولاتة بالبندق", "Hazelnut Chocolate Spread", PLAIN,
                 [sz("350 جم", "350 g", 1500), sz("750 جم", "750 g", 2900)], [0, 2]),
            line("{v}", "{v}",
                 [v("رقائق ذرة", "Corn Flakes"), v("رقائق ذرة بالعسل والمكسرات", "Honey Nut Corn Flakes", 1.2),
                  v("كرات شوكولاتة مقرمشة", "Chocolate Puffs", 1.2), v("جرانولا بالتوت", "Berry Granola", 1.6),
                  v("موسلي بالفواكه", "Fruit Muesli", 1.4), v("رقائق النخالة", "Bran Flakes", 1.1)],
                 [sz("375 جم", "375 g", 1300), sz("750 جم", "750 g", 2300)], [0, 2]),
            line("شوفان {v}", "{v} Oats", [v("سريع التحضير", "Quick"), v("حبة كاملة", "Whole Rolled")],
                 [sz("500 جم", "500 g", 1100), sz("1 كجم", "1 kg", 1900)], [0, 2]),
        ],
    },
    {
        "id": "beverages", "name": ("المشروبات", "Beverages"),
        "brands": [("ينابيع", "Yanabee"), ("صفا الجبل", "Safa Al Jabal"), ("بستان", "Bustan"), ("فوارة", "Fawwara"),
                   ("شرارة", "Sharara"), ("برق", "Barq"), ("نضارة", "Nadara")],
        "lines": [
            line("مياه شرب", "Drinking Water", PLAIN,
                 [sz("330 مل", "330 ml", 100), sz("600 مل", "600 ml", 150), sz("1.5 لتر", "1.5 L", 250),
                  sz("12 × 330 مل", "12 × 330 ml", 900), sz("40 × 200 مل", "40 × 200 ml", 1100),
                  sz("18.9 لتر", "18.9 L", 1200)], [0, 1]),
            line("مياه غازية", "Sparkling Water", PLAIN, [sz("330 مل", "330 ml", 350), sz("750 مل", "750 ml", 650)], [0, 1]),
            line("عصير {v}", "{v} Juice",
                 [v("برتقال", "Orange"), v("تفاح", "Apple"), v("مانجو", "Mango"), v("أناناس", "Pineapple"),
                  v("جوافة", "Guava"), v("رمان", "Pomegranate", 1.3), v("عنب", "Grape"), v("فواكه مشكلة", "Mixed Fruit"),
                  v("ليمون ونعناع", "Lemon Mint")],
                 [sz("200 مل", "200 ml", 125), sz("6 × 200 مل", "6 × 200 ml", 700), sz("1 لتر", "1 L", 650),
                  sz("1.75 لتر", "1.75 L", 1000)], [2, 0, 6]),
            line("{v}", "{v}",
                 [v("كولا", "Cola"), v("كولا بدون سكر", "Zero Sugar Cola"), v("مشروب غازي بالليمون", "Lemon-Lime Soda"),
                  v("مشروب غازي بالبرتقال", "Orange Soda"), v("مشروب شعير بنكهة التفاح", "Apple Malt Drink", 1.3),
                  v("مشروب شعير بنكهة الرمان", "Pomegranate Malt Drink", 1.3)],
                 [sz("320 مل", "320 ml", 250), sz("6 × 320 مل", "6 × 320 ml", 1350), sz("2.25 لتر", "2.25 L", 750)], [3]),
            line("شاي مثلج {v}", "{v} Iced Tea", [v("بالخوخ", "Peach"), v("بالليمون", "Lemon")],
                 [sz("500 مل", "500 ml", 450)], [2]),
            line("مشروب طاقة {v}", "{v} Energy Drink", [v("", "Original"), v("خالي من السكر", "Sugar-Free")],
                 [sz("250 مل", "250 ml", 700), sz("4 × 250 مل", "4 × 250 ml", 2600)], [4, 5], min_age=16),
        ],
    },
    {
        "id": "tea-coffee", "name": ("الشاي والقهوة", "Tea & Coffee"),
        "brands": [("نسيم", "Naseem"), ("محماس", "Mihmas"), ("بن اليمن", "Bun Al Yemen"), ("زهرة الشاي", "Zahrat Al Shai")],
        "lines": [
            line("شاي {v}", "{v} Tea",
                 [v("أحمر ناعم", "Fine Black"), v("أخضر", "Green", 1.2), v("بالهيل", "Cardamom", 1.1),
                  v("بالنعناع", "Mint", 1.1), v("بالبابونج", "Chamomile", 1.3)],
                 [sz("25 كيس", "25 bags", 450), sz("100 كيس", "100 bags", 1400)], [0, 1, 3]),
            line("شاي أحمر ورق", "Loose Leaf Black Tea", PLAIN, [sz("450 جم", "450 g", 2200)], [0, 1, 3]),
            line("شاي كرك سريع التحضير", "Instant Karak Tea", PLAIN, [sz("10 أكياس", "10 sachets", 1200)], [0, 1]),
            line("قهوة عربية {v}", "Arabic Coffee {v}",
                 [v("شقراء بالهيل", "Light Roast with Cardamom"), v("بالزعفران", "with Saffron", 1.4),
                  v("محمصة وسط", "Medium Roast")],
                 [sz("250 جم", "250 g", 2500), sz("500 جم", "500 g", 4500)], [1, 2]),
            line("قهوة تركية {v}", "Turkish Coffee {v}", [v("سادة", ""), v("بالهيل", "with Cardamom", 1.1)],
                 [sz("250 جم", "250 g", 2200)], [1, 2]),
            line("قهوة سريعة التحضير", "Instant Coffee", PLAIN, [sz("100 جم", "100 g", 2200), sz("200 جم", "200 g", 3900)], [1, 2]),
            line("كبسولات قهوة {v}", "{v} Coffee Capsules",
                 [v("إسبريسو", "Espresso"), v("لونجو", "Lungo"), v("منزوعة الكافيين", "Decaf", 1.1)],
                 [sz("10 كبسولات", "10 capsules", 1800)], [1]),
            line("خلطة قهوة 3 في 1", "3-in-1 Coffee Mix", PLAIN, [sz("30 ظرف", "30 sachets", 2400)], [1, 2]),
            line("حبوب قهوة محمصة", "Roasted Coffee Beans", PLAIN, [sz("1 كجم", "1 kg", 7500)], [1, 2]),
            line("مبيض قهوة", "Coffee Creamer", PLAIN, [sz("400 جم", "400 g", 1300)], [0, 1]),
        ],
    },
    {
        "id": "snacks", "name": ("الوجبات الخفيفة والحلويات", "Snacks & Sweets"),
        "brands": [("قرمشة", "Qarmasha"), ("نجمة", "Najma"), ("حلا", "Hala"), ("لذة", "Lathatha")],
        "lines": [
            line("شيبس بطاطس {v}", "{v} Potato Chips",
                 [v("بالملح", "Salted"), v("بالجبن", "Cheese"), v("بالخل والملح", "Salt & Vinegar"),
                  v("بالكاتشب", "Ketchup"), v("بالفلفل الحار", "Chilli"), v("بالباربكيو", "Barbecue")],
                 [sz("23 جم", "23 g", 100), sz("80 جم", "80 g", 350), sz("170 جم", "170 g", 700)], [0, 1, 3]),
            line("فشار {v}", "{v} Popcorn", [v("بالزبدة", "Butter"), v("بالكراميل", "Caramel"), v("بالملح", "Salted")],
                 [sz("3 × 85 جم", "3 × 85 g", 900)], [0]),
            line("بسكويت {v}", "{v} Biscuits",
                 [v("بالشوكولاتة", "Chocolate"), v("بالتمر", "Date"), v("دايجستف", "Digestive"),
                  v("ويفر بالشوكولاتة", "Chocolate Wafer"), v("محشي بالفانيلا", "Vanilla Cream"), v("بالحليب", "Milk")],
                 [sz("45 جم", "45 g", 150), sz("12 × 45 جم", "12 × 45 g", 1500)], [1, 2, 3]),
            line("شوكولاتة {v}", "{v} Chocolate",
                 [v("بالحليب", "Milk"), v("داكنة", "Dark"), v("بالبندق", "Hazelnut"), v("بالكراميل", "Caramel"),
                  v("بالأرز المقرمش", "Crispy Rice")],
                 [sz("40 جم", "40 g", 350), sz("100 جم", "100 g", 800), sz("200 جم", "200 g", 1500)], [1, 2]),
            line("{v}", "{v}",
                 [v("حلوى جيلي بالفواكه", "Fruit Jelly Sweets"), v("مصاص بالفواكه", "Fruit Lollipops"),
                  v("علكة بالنعناع", "Mint Chewing Gum", 0.7), v("حلوى مطاطية حامضة", "Sour Gummies")],
                 [sz("100 جم", "100 g", 500)], [1, 2]),
            line("رقائق ذرة {v}", "{v} Tortilla Chips", [v("بالجبن", "Cheese"), v("بالفلفل الحار", "Chilli")],
                 [sz("180 جم", "180 g", 800)], [0]),
        ],
    },
    {
        "id": "frozen", "name": ("المجمدات", "Frozen Food"),
        "brands": [("قطبي", "Qutbi"), ("مزارع الخير", "Mazare Al Khair"), ("بردة", "Barda")],
        "lines": [
            line("{v}", "Frozen {v}",
                 [v("بازلاء مجمدة", "Peas"), v("ذرة حلوة مجمدة", "Sweet Corn"), v("خضار مشكلة مجمدة", "Mixed Vegetables"),
                  v("بامية مجمدة", "Okra", 1.3), v("ملوخية مجمدة", "Molokhia"), v("سبانخ مجمدة", "Spinach"),
                  v("فاصوليا خضراء مجمدة", "Green Beans"), v("بروكلي مجمد", "Broccoli", 1.3)],
                 [sz("400 جم", "400 g", 450), sz("900 جم", "900 g", 850)]),
            line("بطاطس مقلية مجمدة {v}", "Frozen French Fries {v}",
                 [v("شرائح عادية", "Regular Cut"), v("شرائح رفيعة", "Shoestring"), v("مموجة", "Crinkle Cut")],
                 [sz("750 جم", "750 g", 800), sz("2.5 كجم", "2.5 kg", 2200)]),
            line("برجر {v}", "{v} Burgers", [v("لحم بقري", "Beef", 1.3), v("دجاج", "Chicken")],
                 [sz("8 حبات", "8 pcs", 1500)]),
            line("ناجتس دجاج", "Chicken Nuggets", PLAIN, [sz("400 جم", "400 g", 1300), sz("1 كجم", "1 kg", 2900)]),
            line("ستربس دجاج مقرمش", "Crispy Chicken Strips", PLAIN, [sz("750 جم", "750 g", 2400)]),
            line("نقانق دجاج", "Chicken Franks", PLAIN, [sz("340 جم", "340 g", 700)]),
            line("كبة", "Kibbeh", PLAIN, [sz("400 جم", "400 g", 1400)]),
            line("سمبوسة {v}", "{v} Samosa", [v("بالجبن", "Cheese"), v("باللحم", "Meat", 1.2), v("بالخضار", "Vegetable")],
                 [sz("20 حبة", "20 pcs", 1500)]),
            line("خبز براتا {v}", "{v} Paratha", [v("سادة", "Plain"), v("بالقمح الكامل", "Whole Wheat", 1.1)],
                 [sz("5 حبات", "5 pcs", 600), sz("20 حبة", "20 pcs", 2000)]),
            line("رقائق سمبوسة", "Samosa Pastry Sheets", PLAIN, [sz("500 جم", "500 g", 800)]),
            line("عجينة بف باستري", "Puff Pastry", PLAIN, [sz("800 جم", "800 g", 1100)]),
            line("بيتزا {v}", "{v} Pizza", [v("مارغريتا", "Margherita"), v("بالخضار", "Vegetable"), v("بالدجاج", "Chicken", 1.2)],
                 [sz("حبة 400 جم", "400 g", 1200)]),
            line("آيس كريم {v}", "{v} Ice Cream",
                 [v("فانيلا", "Vanilla"), v("شوكولاتة", "Chocolate"), v("فراولة", "Strawberry"), v("مانجو", "Mango"),
                  v("بالفستق", "Pistachio", 1.3)],
                 [sz("1 لتر", "1 L", 1500), sz("2 لتر", "2 L", 2500)], [0]),
        ],
    },
    {
        "id": "household", "name": ("المستلزمات المنزلية", "Household"),
        "brands": [("بيتنا", "Baitna"), ("نور", "Noor"), ("جمرة", "Jamra")],
        "lines": [
            line("بطاريات {v}", "{v} Batteries", [v("AA", "AA"), v("AAA", "AAA")],
                 [sz("4 حبات", "4 pcs", 1100), sz("8 حبات", "8 pcs", 1900)], [1]),
            line("لمبة ليد {v}", "{v} LED Bulb", [v("9 واط أبيض", "9 W Cool White"), v("12 واط أبيض", "12 W Cool White", 1.2),
                                                 v("9 واط أصفر", "9 W Warm White"), v("12 واط أصفر", "12 W Warm White", 1.2)],
                 [sz("حبة", "1 pc", 900), sz("4 حبات", "4 pcs", 2900)], [1]),
            line("فحم {v}", "{v} Charcoal", [v("شواء", "Barbecue"), v("طبيعي للبخور", "Natural Incense")],
                 [sz("3 كجم", "3 kg", 1800), sz("5 كجم", "5 kg", 2700)], [2]),
            line("بخور {v}", "{v} Bakhoor", [v("معمول", "Maamoul"), v("عود كمبودي", "Cambodian Oud", 3.0),
                                            v("دخون الورد", "Rose Dukhoon")],
                 [sz("50 جم", "50 g", 2500)], [2]),
            line("أقراص فحم للبخور", "Incense Charcoal Discs", PLAIN, [sz("10 أقراص", "10 discs", 600)], [2]),
            line("أعواد ثقاب", "Matches", PLAIN, [sz("10 علب", "10 boxes", 300)], [2]),
            line("شموع {v}", "{v} Candles", [v("بيضاء", "White"), v("معطرة بالعود", "Oud-Scented", 1.8)],
                 [sz("6 حبات", "6 pcs", 900)], [0]),
            line("مبيد حشرات {v}", "{v} Insect Killer", [v("للحشرات الطائرة", "Flying"), v("للحشرات الزاحفة", "Crawling")],
                 [sz("400 مل", "400 ml", 1500)], [0, 2]),
            line("علب حفظ الطعام", "Food Containers", PLAIN, [sz("5 حبات", "5 pcs", 1900)], [0]),
            line("أكياس ثلج", "Ice Cube Bags", PLAIN, [sz("10 أكياس", "10 bags", 500)], [0]),
            line("قفازات مطبخ", "Kitchen Gloves", PLAIN, [sz("زوج", "1 pair", 700)], [0]),
            line("ملاقط غسيل", "Clothes Pegs", PLAIN, [sz("24 حبة", "24 pcs", 800)], [0]),
        ],
    },
    {
        "id": "cleaning", "name": ("المنظفات", "Cleaning"),
        "brands": [("لمعة", "Lamaa"), ("نظيف", "Nadheef"), ("بريق", "Bareeq")],
        "lines": [
            line("سائل غسيل صحون {v}", "{v} Dishwashing Liquid", [v("بالليمون", "Lemon"), v("بالتفاح", "Apple"),
                                                                  v("بالخل", "Vinegar")],
                 [sz("750 مل", "750 ml", 650), sz("1.5 لتر", "1.5 L", 1150)]),
            line("مسحوق غسيل {v}", "{v} Laundry Powder", [v("أوتوماتيك", "Automatic"), v("للغسيل اليدوي", "Hand Wash", 0.85)],
                 [sz("1.5 كجم", "1.5 kg", 1600), sz("3 كجم", "3 kg", 2900), sz("6 كجم", "6 kg", 5200)], [1, 2]),
            line("جل غسيل الملابس {v}", "{v} Laundry Gel", [v("للملابس البيضاء", "Whites"), v("للملابس الملونة", "Colours"),
                                                            v("للعبايات", "Abaya")],
                 [sz("1 لتر", "1 L", 1500), sz("3 لتر", "3 L", 3900)], [1, 2]),
            line("منعم ملابس برائحة {v}", "{v} Fabric Softener",
                 [v("الورد", "Rose"), v("الياسمين", "Jasmine"), v("العود", "Oud", 1.2), v("نسيم الربيع", "Spring Breeze")],
                 [sz("1 لتر", "1 L", 700), sz("3 لتر", "3 L", 1600)]),
            line("مبيض {v}", "{v} Bleach", [v("أصلي", "Original"), v("بالليمون", "Lemon")],
                 [sz("1.89 لتر", "1.89 L", 750), sz("3.78 لتر", "3.78 L", 1300)], [1, 2]),
            line("منظف أرضيات {v}", "{v} Floor Cleaner",
                 [v("بالصنوبر", "Pine"), v("باللافندر", "Lavender"), v("بالليمون", "Lemon")],
                 [sz("1 لتر", "1 L", 650), sz("3 لتر", "3 L", 1500)]),
            line("{v}", "{v}", [v("منظف زجاج", "Glass Cleaner"), v("منظف حمامات", "Bathroom Cleaner", 1.2),
                                v("منظف مطابخ", "Kitchen Cleaner", 1.2)],
                 [sz("500 مل", "500 ml", 850)]),
            line("معطر جو {v}", "{v} Air Freshener", [v("العود", "Oud"), v("الورد الطائفي", "Taif Rose"), v("اللافندر", "Lavender")],
                 [sz("300 مل", "300 ml", 900)]),
            line("أكياس نفايات {v}", "{v} Garbage Bags", [v("كبيرة", "Large"), v("وسط", "Medium", 0.8)],
                 [sz("30 كيس", "30 bags", 900)]),
            line("إسفنج تنظيف", "Cleaning Sponges", PLAIN, [sz("3 حبات", "3 pcs", 500)], [0, 1]),
            line("أقراص غسالة صحون", "Dishwasher Tablets", PLAIN, [sz("30 قرص", "30 tablets", 3500)], [0, 2]),
        ],
    },
    {
        "id": "personal-care", "name": ("العناية الشخصية", "Personal Care"),
        "brands": [("نعومة", "Noouma"), ("ورد الطائف", "Ward Al Taif"), ("صفوة", "Safwa")],
        "lines": [
            line("شامبو {v}", "Shampoo {v}",
                 [v("للشعر العادي", "for Normal Hair"), v("للشعر الجاف", "for Dry Hair"), v("ضد القشرة", "Anti-Dandruff"),
                  v("بزيت الأرغان", "with Argan Oil", 1.2), v("بالحناء", "with Henna")],
                 [sz("400 مل", "400 ml", 1500), sz("600 مل", "600 ml", 2100)]),
            line("بلسم {v}", "Conditioner {v}",
                 [v("للشعر العادي", "for Normal Hair"), v("للشعر الجاف", "for Dry Hair"), v("بزيت الأرغان", "with Argan Oil", 1.2)],
                 [sz("400 مل", "400 ml", 1500)], [0, 2]),
            line("صابون {v}", "{v} Soap",
                 [v("بزيت الزيتون", "Olive Oil"), v("بالورد", "Rose"), v("بالعود", "Oud", 1.2), v("مضاد للبكتيريا", "Antibacterial")],
                 [sz("120 جم", "120 g", 350), sz("4 × 120 جم", "4 × 120 g", 1200)]),
            line("سائل استحمام {v}", "{v} Body Wash",
                 [v("بالورد", "Rose"), v("بالعود", "Oud", 1.2), v("باللافندر", "Lavender"), v("بالصبار", "Aloe Vera")],
                 [sz("500 مل", "500 ml", 1600)], [0, 1]),
            line("صابون يدين سائل {v}", "{v} Liquid Hand Soap",
                 [v("بالورد", "Rose"), v("بالليمون", "Lemon"), v("مضاد للبكتيريا", "Antibacterial")],
                 [sz("500 مل", "500 ml", 900)], [0, 1]),
            line("معجون أسنان {v}", "{v} Toothpaste",
                 [v("لحماية التسوس", "Cavity Protection"), v("للتبييض", "Whitening", 1.2),
                  v("للأسنان الحساسة", "Sensitive", 1.4), v("بالسواك", "Miswak")],
                 [sz("75 مل", "75 ml", 700), sz("125 مل", "125 ml", 1050)]),
            line("فرشاة أسنان {v}", "{v} Toothbrush", [v("ناعمة", "Soft"), v("متوسطة", "Medium")],
                 [sz("حبة", "1 pc", 600), sz("3 حبات", "3 pcs", 1400)], [0, 2]),
            line("مزيل عرق {v}", "{v} Deodorant",
                 [v("رجالي بخاخ", "Men's Spray"), v("نسائي بخاخ", "Women's Spray"), v("رجالي رول أون", "Men's Roll-On"),
                  v("نسائي رول أون", "Women's Roll-On")],
                 [sz("150 مل", "150 ml", 1300)], [0, 2]),
            line("كريم مرطب {v}", "{v} Moisturising Cream",
                 [v("لليدين", "Hand"), v("للجسم", "Body", 1.3), v("بزبدة الشيا", "Shea Butter", 1.4)],
                 [sz("100 مل", "100 ml", 1100), sz("400 مل", "400 ml", 2800)], [0, 1]),
            line("شفرات حلاقة", "Disposable Razors", PLAIN, [sz("5 حبات", "5 pcs", 1300)], [2]),
            line("جل حلاقة", "Shaving Gel", PLAIN, [sz("200 مل", "200 ml", 1200)], [2]),
            line("أعواد قطن", "Cotton Buds", PLAIN, [sz("200 عود", "200 buds", 600)], [0, 2]),
        ],
    },
    {
        "id": "baby", "name": ("مستلزمات الأطفال", "Baby Care"),
        "brands": [("براعم", "Baraem"), ("نونو", "Nunu"), ("أمان", "Aman")],
        "lines": [
            line("حفاضات أطفال مقاس {v}", "Baby Diapers Size {v}",
                 [v("1 (2-5 كجم)", "1 (2-5 kg)"), v("2 (3-6 كجم)", "2 (3-6 kg)"), v("3 (6-10 كجم)", "3 (6-10 kg)"),
                  v("4 (9-14 كجم)", "4 (9-14 kg)"), v("5 (12-18 كجم)", "5 (12-18 kg)"), v("6 (16 كجم فأكثر)", "6 (16+ kg)")],
                 [sz("عبوة توفير", "Value Pack", 3900), sz("عبوة كبيرة", "Mega Pack", 6900)]),
            line("مناديل مبللة للأطفال {v}", "{v} Baby Wipes", [v("بدون عطر", "Unscented"), v("بماء الورد", "Rose Water")],
                 [sz("64 منديل", "64 wipes", 700), sz("3 × 64 منديل", "3 × 64 wipes", 1800)]),
            line("حليب أطفال مرحلة {v}", "Infant Formula Stage {v}",
                 [v("1 (من الولادة إلى 6 أشهر)", "1 (0-6 months)"), v("2 (6-12 شهر)", "2 (6-12 months)"),
                  v("3 (1-3 سنوات)", "3 (1-3 years)", 0.9)],
                 [sz("400 جم", "400 g", 6500), sz("800 جم", "800 g", 11900)]),
            line("طعام أطفال {v}", "Baby Food {v}",
                 [v("بالتفاح", "Apple"), v("بالموز", "Banana"), v("بالخضار المشكلة", "Mixed Vegetables"),
                  v("بالدجاج والخضار", "Chicken & Vegetables", 1.2)],
                 [sz("125 جم", "125 g", 500)]),
            line("حبوب أطفال بالحليب والقمح", "Infant Cereal Wheat & Milk", PLAIN, [sz("400 جم", "400 g", 1900)]),
            line("{v} للأطفال", "Baby {v}",
                 [v("شامبو", "Shampoo"), v("زيت", "Oil"), v("لوشن", "Lotion", 1.1)],
                 [sz("200 مل", "200 ml", 1300)]),
            line("بودرة للأطفال", "Baby Powder", PLAIN, [sz("200 جم", "200 g", 1050)]),
            line("رضاعة", "Feeding Bottle", PLAIN, [sz("250 مل", "250 ml", 2500)]),
            line("لهاية", "Pacifier", PLAIN, [sz("حبتان", "2 pcs", 2200)]),
        ],
    },
    {
        "id": "paper", "name": ("المناديل والورقيات", "Tissues & Paper"),
        "brands": [("ريشة", "Reesha"), ("سحاب", "Sahab"), ("ناعم", "Naem")],
        "lines": [
            line("مناديل وجه {v}", "{v} Facial Tissues", [v("طبقتين", "2-Ply"), v("3 طبقات", "3-Ply", 1.2)],
                 [sz("200 منديل", "200 sheets", 350), sz("5 × 200 منديل", "5 × 200 sheets", 1500)]),
            line("مناديل مطبخ", "Kitchen Towels", PLAIN, [sz("2 رول", "2 rolls", 800), sz("6 رول", "6 rolls", 1900)]),
            line("ورق تواليت {v}", "{v} Toilet Tissue", [v("طبقتين", "2-Ply"), v("3 طبقات", "3-Ply", 1.2)],
                 [sz("10 رول", "10 rolls", 1300), sz("20 رول", "20 rolls", 2400), sz("30 رول", "30 rolls", 3300)]),
            line("مناديل جيب", "Pocket Tissues", PLAIN, [sz("10 عبوات", "10 packs", 600)]),
            line("ورق ألمنيوم", "Aluminium Foil", PLAIN,
                 [sz("30 سم × 25 م", "30 cm × 25 m", 900), sz("45 سم × 75 م", "45 cm × 75 m", 2900)]),
            line("نايلون تغليف", "Cling Film", PLAIN, [sz("30 سم × 100 م", "30 cm × 100 m", 1200)]),
            line("أكياس حفظ الطعام", "Food Storage Bags", PLAIN, [sz("50 كيس", "50 bags", 700)]),
            line("{v}", "{v}", [v("صحون ورقية", "Paper Plates"), v("أكواب ورقية", "Paper Cups", 0.8),
                                v("سفرة بلاستيك", "Disposable Table Covers", 1.2)],
                 [sz("50 حبة", "50 pcs", 900)]),
        ],
    },
]

PROMOTIONS = [
    {"id": "dairy-10", "name": name("خصم 10% على الألبان والبيض", "10% off dairy and eggs"),
     "kind": "percent_off", "percent_bp": 1000, "target": {"items": [], "categories": ["dairy"]}},
    {"id": "pasta-3-for-2", "name": name("معكرونة: 3 بسعر 2", "Pasta: 3 for the price of 2"),
     "kind": "buy_x_get_y", "buy": 2, "get": 1, "get_percent_bp": 10000},
    {"id": "order-300-save-25", "name": name("وفّر 25 ريال على المشتريات فوق 300 ريال", "25 SAR off baskets over 300 SAR"),
     "kind": "amount_off", "amount": 2500, "whole_order": True, "min_order": 30000},
]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def tidy(text):
    return re.sub(r"\s+", " ", text).strip()


SIZE = re.compile(r"^(?:(\d+) × )?(\d+(?:\.\d+)?) (g|kg|ml|L)$")
GRAMS = {"g": 1, "kg": 1000, "ml": 1, "L": 1000}  # liquids at about 1 g/ml


def pack_weight(size_en):
    """The expected weight in grams of one pack in the bagging area: the net
    content from the size ("400 g", "6 × 320 ml", "1.5 L") plus 6 % and 10 g
    of packaging, to 5 g; None when the size says no weight ("30 pcs")."""
    m = SIZE.match(size_en)
    if not m:
        return None
    net = int(m.group(1) or 1) * float(m.group(2)) * GRAMS[m.group(3)]
    return int(round((net * 1.06 + 10) / 5)) * 5


def shelf_price(rng, base):
    """A plausible shelf price near base: multiples of 25 halalas, often
    ending in .95 or .45 once above 2 SAR."""
    if base >= 200 and rng.random() < 0.5:
        return round(base / 50) * 50 - 5
    return max(25, round(base / 25) * 25)


def build():
    rng = random.Random(SEED)
    companies = {}
    items = []
    ids = set()
    pasta = []

    def unique_id(text):
        base = slug(text)[:60].strip("-")
        id_, n = base, 2
        while id_ in ids:
            id_, n = "%s-%d" % (base, n), n + 1
        ids.add(id_)
        return id_

    def barcode(brand_en):
        if brand_en not in companies:
            while True:
                prefix = "628%04d" % rng.randrange(1000, 10000)
                if prefix not in (c[0] for c in companies.values()):
                    break
            companies[brand_en] = [prefix, rng.randrange(100, 900) * 10]
        company = companies[brand_en]
        company[1] += 1
        digits = "%s%05d" % (company[0], company[1])
        return digits + gtin_check_digit(digits)

    for cat in CATEGORIES:
        image = "pictures/supermarket/category-%s.png" % cat["id"]
        factors = [rng.uniform(0.9, 1.15) for _ in cat["brands"]]
        plu = cat.get("plu")
        for ar, en, price in cat.get("weighed", []):
            items.append({"id": unique_id(en), "category": cat["id"], "name": name(ar, en), "image": image,
                          "price": price, "tax": "standard", "tags": [], "unit": "kg", "plu": "%05d" % plu})
            plu += 1
        for ln in cat["lines"]:
            brands = ln["brands"] if ln["brands"] is not None else range(len(cat["brands"]))
            for b in brands:
                brand_ar, brand_en = cat["brands"][b]
                for var_ar, var_en, factor in ln["variants"]:
                    for size_ar, size_en, base in ln["sizes"]:
                        ar = tidy("%s %s %s" % (brand_ar, ln["ar"].format(v=var_ar), size_ar))
                        en = tidy("%s %s %s" % (brand_en, ln["en"].format(v=var_en), size_en))
                        price = shelf_price(rng, base * factor * factors[b] * rng.uniform(0.95, 1.05))
                        item = {"id": unique_id(en), "category": cat["id"], "name": name(ar, en), "image": image,
                                "price": price, "tax": "standard", "tags": ln["tags"], "unit": "each",
                                "barcodes": [barcode(brand_en)]}
                        if ln["min_age"]:
                            item["min_age"] = ln["min_age"]
                        weight = pack_weight(size_en)
                        if weight:
                            item["expected_weight_g"] = weight
                        items.append(item)
                        if ln["en"] == "{v} Pasta" and size_en == "400 g":
                            pasta.append(item["id"])

    promotions = [dict(p) for p in PROMOTIONS]
    for p in promotions:
        if p["id"] == "pasta-3-for-2":
            p["target"] = {"items": pasta, "categories": []}

    return {
        "format": "kiosk-menu/1",
        "version": VERSION,
        "currency": {"code": "SAR", "exponent": 2},
        "prices_include_tax": True,
        "tax_categories": [{"id": "standard", "name": name("النسبة الأساسية", "Standard rate"), "rate_bp": 1500}],
        "categories": [{"id": c["id"], "name": name(*c["name"]),
                        "image": "pictures/supermarket/category-%s.png" % c["id"], "sort": (i + 1) * 10}
                       for i, c in enumerate(CATEGORIES)],
        "items": items,
        "promotions": promotions,
    }


def main():
    menu = build()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(menu_json.dumps(menu, width=132, inline_depth=2))
    weighed = sum(1 for i in menu["items"] if i["unit"] == "kg")
    weights = sum(1 for i in menu["items"] if "expected_weight_g" in i)
    restricted = sum(1 for i in menu["items"] if i.get("min_age"))
    print("%s: %d products (%d weighed, %d with an expected weight, %d age-restricted) in %d categories, "
          "%d promotions" % (os.path.relpath(OUT, ROOT), len(menu["items"]), weighed, weights, restricted,
                             len(menu["categories"]), len(menu["promotions"])), file=sys.stderr)


if __name__ == "__main__":
    main()
