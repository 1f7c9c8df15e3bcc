#!/usr/bin/python3
"""Writes assets/menus/restaurant.json, the demo fast-food menu.

The menu lives here as tables so that ids, pictures and combo calories stay
consistent; the JSON it writes is committed and follows
kiosk/docs/menu-format.md. Prices are in halalas and include 15 % VAT. Run
(Python 3 standard library only; any working directory):

    kiosk/tools/make_restaurant.py

Every item, combo and category points at pictures/restaurant/<id>.png (a
category at pictures/restaurant/category-<id>.png); kiosk/tools/make_pictures.py
draws them.
"""

import os
import sys

import menu_json

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "assets", "menus", "restaurant.json")
VERSION = "2026-11-24.1"

BREAKFAST_HOURS = [{"days": ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
                    "from": "06:00", "to": "11:00"}]


def name(ar, en):
    return {"ar": ar, "en": en}


def picture(id_):
    return "pictures/restaurant/%s.png" % id_


TAX_CATEGORIES = [
    {"id": "standard", "name": name("النسبة الأساسية", "Standard rate"), "rate_bp": 1500},
    {"id": "zero", "name": name("نسبة صفرية", "Zero rate"), "rate_bp": 0},
]

# id, Arabic, English, sort
CATEGORIES = [
    ("meals", "الوجبات", "Meals", 10),
    ("burgers", "البرجر", "Burgers", 20),
    ("chicken", "الدجاج", "Chicken", 30),
    ("wraps", "الراب والساندويتشات", "Wraps & Sandwiches", 40),
    ("breakfast", "الفطور", "Breakfast", 50),
    ("sides", "الأطباق الجانبية", "Sides", 60),
    ("drinks", "المشروبات", "Drinks", 70),
    ("desserts", "الحلى", "Desserts", 80),
    ("kids", "وجبات الأطفال", "Kids", 90),
    ("extras", "الصوصات والإضافات", "Sauces & Extras", 100),
]

# Modifier groups: id, Arabic, English, min, max, options.
# Option: id, Arabic, English, price delta (halalas), calories, default.
MODIFIER_GROUPS = [
    ("cheese-add", "إضافة جبن", "Add cheese", 0, 1, [
        ("cheddar", "جبنة شيدر", "Cheddar", 200, 70, False),
        ("swiss", "جبنة سويسرية", "Swiss cheese", 300, 80, False),
    ]),
    ("cheese-choice", "الجبن", "Cheese", 1, 1, [
        ("cheddar", "جبنة شيدر", "Cheddar", 0, 0, True),
        ("double-cheddar", "شيدر دبل", "Double cheddar", 200, 70, False),
        ("swiss", "جبنة سويسرية", "Swiss cheese", 100, 10, False),
        ("no-cheese", "بدون جبن", "No cheese", -100, -70, False),
    ]),
    ("burger-extras", "الإضافات", "Extras", 0, 4, [
        ("beef-bacon", "شرائح لحم بقري مدخن", "Beef bacon", 300, 90, False),
        ("jalapeno", "هالابينو", "Jalapeños", 100, 5, False),
        ("fried-egg", "بيضة مقلية", "Fried egg", 200, 90, False),
        ("mushrooms", "مشروم سوتيه", "Sautéed mushrooms", 200, 25, False),
        ("caramelised-onion", "بصل مكرمل", "Caramelised onion", 100, 40, False),
    ]),
    ("burger-remove", "إزالة مكونات", "Remove ingredients", 0, 5, [
        ("no-onion", "بدون بصل", "No onion", 0, -5, False),
        ("no-pickles", "بدون مخلل", "No pickles", 0, 0, False),
        ("no-tomato", "بدون طماطم", "No tomato", 0, -5, False),
        ("no-lettuce", "بدون خس", "No lettuce", 0, 0, False),
        ("no-mayo", "بدون مايونيز", "No mayo", 0, -90, False),
    ]),
    ("spice-level", "درجة الحرارة", "Spice level", 1, 1, [
        ("regular", "عادي", "Regular", 0, 0, True),
        ("spicy", "حار", "Spicy", 0, 0, False),
        ("extra-spicy", "حار جدًا", "Extra spicy", 0, 0, False),
    ]),
    ("dip-sauce", "صوص التغميس", "Dipping sauce", 1, 2, [
        ("garlic", "ثومية", "Garlic sauce", 0, 110, True),
        ("ketchup", "كاتشب", "Ketchup", 0, 20, False),
        ("bbq", "صوص باربكيو", "BBQ sauce", 0, 45, False),
        ("spicy-mayo", "مايونيز حار", "Spicy mayo", 0, 100, False),
        ("honey-mustard", "عسل وخردل", "Honey mustard", 0, 60, False),
        ("cheese-sauce", "صوص جبن", "Cheese sauce", 100, 80, False),
    ]),
    ("wrap-bread", "نوع الخبز", "Bread", 1, 1, [
        ("arabic", "خبز عربي", "Arabic bread", 0, 0, True),
        ("samoon", "خبز صامولي", "Samoon roll", 0, 40, False),
        ("saj", "خبز صاج", "Saj bread", 0, -20, False),
        ("brown", "خبز بر", "Whole-wheat bread", 50, -10, False),
    ]),
    ("wrap-remove", "إزالة مكونات", "Remove ingredients", 0, 4, [
        ("no-garlic", "بدون ثومية", "No garlic sauce", 0, -110, False),
        ("no-pickles", "بدون مخلل", "No pickles", 0, 0, False),
        ("no-fries", "بدون بطاطس", "No fries inside", 0, -90, False),
        ("no-tomato", "بدون طماطم", "No tomato", 0, -5, False),
    ]),
    ("drink-size", "الحجم", "Size", 1, 1, [
        ("small", "صغير", "Small", -100, -60, False),
        ("medium", "وسط", "Medium", 0, 0, True),
        ("large", "كبير", "Large", 200, 90, False),
    ]),
    ("ice", "الثلج", "Ice", 0, 1, [
        ("no-ice", "بدون ثلج", "No ice", 0, 0, False),
        ("light-ice", "ثلج خفيف", "Light ice", 0, 0, False),
    ]),
    ("sugar", "السكر", "Sugar", 1, 1, [
        ("no-sugar", "بدون سكر", "No sugar", 0, -60, False),
        ("light-sugar", "سكر خفيف", "Light sugar", 0, -30, False),
        ("regular-sugar", "سكر عادي", "Regular sugar", 0, 0, True),
        ("extra-sugar", "سكر زيادة", "Extra sugar", 0, 30, False),
    ]),
    ("sundae-topping", "الصوص", "Topping", 0, 2, [
        ("chocolate", "صوص شوكولاتة", "Chocolate sauce", 100, 80, False),
        ("caramel", "صوص كراميل", "Caramel sauce", 100, 80, False),
        ("strawberry", "صوص فراولة", "Strawberry sauce", 100, 60, False),
        ("cookie-crumbs", "قطع بسكويت", "Cookie crumbs", 200, 90, False),
        ("pistachio", "فستق حلبي مجروش", "Crushed pistachio", 300, 70, False),
    ]),
    ("egg-style", "طريقة البيض", "Eggs", 1, 1, [
        ("scrambled", "بيض مخفوق", "Scrambled", 0, 0, True),
        ("sunny", "بيض عيون", "Sunny side up", 0, 0, False),
        ("omelette", "أومليت", "Omelette", 0, 10, False),
    ]),
    ("pancake-syrup", "الإضافة", "Syrup", 1, 1, [
        ("honey", "عسل", "Honey", 0, 0, True),
        ("date-syrup", "دبس التمر", "Date syrup", 0, -10, False),
        ("maple", "شراب القيقب", "Maple syrup", 0, 0, False),
        ("chocolate", "صوص شوكولاتة", "Chocolate sauce", 100, 40, False),
    ]),
    ("fries-topping", "إضافات البطاطس", "Fries toppings", 0, 2, [
        ("cheese-sauce", "صوص جبن", "Cheese sauce", 300, 120, False),
        ("spicy-seasoning", "بهارات حارة", "Spicy seasoning", 50, 5, False),
        ("jalapeno", "هالابينو", "Jalapeños", 100, 5, False),
    ]),
    ("kids-drink", "مشروب الطفل", "Kids drink", 1, 1, [
        ("apple-juice", "عصير تفاح", "Apple juice", 0, 90, True),
        ("orange-juice", "عصير برتقال", "Orange juice", 0, 90, False),
        ("milk", "حليب", "Milk", 0, 120, False),
        ("water", "ماء", "Water", 0, 0, False),
    ]),
    ("kids-side", "الطبق الجانبي", "Kids side", 1, 1, [
        ("small-fries", "بطاطس صغير", "Small fries", 0, 0, True),
        ("apple-slices", "شرائح تفاح", "Apple slices", 0, -180, False),
        ("corn", "ذرة بالزبدة", "Buttered corn", 0, -150, False),
    ]),
]

# Items by category: id, Arabic, English, description (ar, en), price,
# calories, tags, modifier groups; optional extras in a dict.
BURGER_MODS = ["cheese-add", "burger-extras", "burger-remove"]
CHEESEBURGER_MODS = ["cheese-choice", "burger-extras", "burger-remove"]
DIP = ["dip-sauce"]
WRAP_MODS = ["wrap-bread", "wrap-remove"]
FOUNTAIN = ["drink-size", "ice"]

ITEMS = {
    "burgers": [
        ("beef-burger", "برجر لحم", "Beef Burger",
         ("شريحة لحم بقري مشوية على اللهب مع خس وطماطم ومخلل وصوص البرجر في خبز بريوش.",
          "Flame-grilled beef patty with lettuce, tomato, pickles and burger sauce in a brioche bun."),
         1500, 480, ["beef"], BURGER_MODS),
        ("cheese-burger", "تشيز برجر", "Cheeseburger",
         ("شريحة لحم بقري مشوية مع جبنة شيدر ذائبة وبصل ومخلل وصوص البرجر.",
          "Grilled beef patty with melted cheddar, onion, pickles and burger sauce."),
         1800, 560, ["beef", "popular"], CHEESEBURGER_MODS),
        ("double-cheese-burger", "دبل تشيز برجر", "Double Cheeseburger",
         ("شريحتين لحم بقري وشريحتين جبنة شيدر مع بصل ومخلل وصوص البرجر.",
          "Two beef patties and two slices of cheddar with onion, pickles and burger sauce."),
         2500, 850, ["beef"], CHEESEBURGER_MODS),
        ("mushroom-swiss-burger", "برجر مشروم وجبن سويسري", "Mushroom Swiss Burger",
         ("لحم بقري مشوي مع مشروم سوتيه وجبنة سويسرية وصوص المايونيز بالثوم.",
          "Grilled beef with sautéed mushrooms, Swiss cheese and garlic mayo."),
         2400, 690, ["beef"], ["burger-extras", "burger-remove"]),
        ("smoky-bbq-burger", "برجر باربكيو مدخن", "Smoky BBQ Burger",
         ("لحم بقري مع شرائح لحم مدخن وحلقات بصل مقرمشة وصوص الباربكيو وجبنة شيدر.",
          "Beef patty with beef bacon, crispy onion rings, BBQ sauce and cheddar."),
         2600, 780, ["beef", "new"], CHEESEBURGER_MODS),
        ("spicy-chicken-burger", "برجر دجاج حار", "Spicy Chicken Burger",
         ("صدر دجاج مقرمش متبل بالبهارات الحارة مع خس ومايونيز حار.",
          "Crispy chicken breast in a hot spice coating with lettuce and spicy mayo."),
         1600, 540, ["chicken", "spicy", "popular"], BURGER_MODS),
        ("crispy-chicken-burger", "برجر دجاج مقرمش", "Crispy Chicken Burger",
         ("صدر دجاج مقرمش مع خس وطماطم ومايونيز في خبز بالسمسم.",
          "Crispy chicken breast with lettuce, tomato and mayo in a sesame bun."),
         1500, 510, ["chicken"], BURGER_MODS),
        ("grilled-chicken-burger", "برجر دجاج مشوي", "Grilled Chicken Burger",
         ("صدر دجاج متبل ومشوي مع خس وطماطم وصوص الثوم الخفيف.",
          "Marinated grilled chicken breast with lettuce, tomato and a light garlic sauce."),
         1700, 420, ["chicken"], BURGER_MODS),
        ("fish-fillet-burger", "برجر فيليه سمك", "Fish Fillet Burger",
         ("فيليه سمك أبيض مقرمش مع صوص التارتار ونصف شريحة جبنة.",
          "Crispy white fish fillet with tartare sauce and half a slice of cheese."),
         1500, 430, ["fish"], ["burger-remove"]),
        ("veggie-burger", "برجر خضار", "Veggie Burger",
         ("قرص خضار وبقوليات متبل مع خس وطماطم وصوص الزبادي بالنعناع.",
          "Spiced vegetable and bean patty with lettuce, tomato and mint yoghurt sauce."),
         1500, 410, ["vegetarian", "new"], BURGER_MODS),
    ],
    "chicken": [
        ("broast-4", "بروستد 4 قطع", "Broast 4 pcs",
         ("4 قطع دجاج بروستد مقرمش مع بطاطس مقلية وخبز وثومية.",
          "Four pieces of crispy broasted chicken with fries, a bun and garlic sauce."),
         2000, 980, ["chicken", "popular"], ["spice-level"]),
        ("broast-8", "بروستد عائلي 8 قطع", "Family Broast 8 pcs",
         ("8 قطع دجاج بروستد مع بطاطس حجم كبير و4 حبات خبز وثومية، تكفي لشخصين إلى ثلاثة.",
          "Eight pieces of broasted chicken with large fries, four buns and garlic sauce; serves two to three."),
         3800, 1950, ["chicken"], ["spice-level"]),
        ("strips-3", "ستربس دجاج 3 قطع", "Chicken Strips 3 pcs",
         ("3 قطع من صدر الدجاج المقرمش مع صوص التغميس اللي تختاره.",
          "Three crispy chicken breast strips with the dip of your choice."),
         1400, 390, ["chicken"], ["dip-sauce", "spice-level"]),
        ("strips-5", "ستربس دجاج 5 قطع", "Chicken Strips 5 pcs",
         ("5 قطع من صدر الدجاج المقرمش مع صوص التغميس اللي تختاره.",
          "Five crispy chicken breast strips with the dip of your choice."),
         2100, 650, ["chicken"], ["dip-sauce", "spice-level"]),
        ("nuggets-6", "ناجتس دجاج 6 قطع", "Chicken Nuggets 6 pcs",
         ("6 قطع ناجتس دجاج ذهبية مع صوص التغميس.",
          "Six golden chicken nuggets with a dipping sauce."),
         1100, 290, ["chicken"], DIP),
        ("nuggets-9", "ناجتس دجاج 9 قطع", "Chicken Nuggets 9 pcs",
         ("9 قطع ناجتس دجاج ذهبية مع صوص التغميس.",
          "Nine golden chicken nuggets with a dipping sauce."),
         1500, 430, ["chicken"], DIP),
        ("spicy-wings", "أجنحة دجاج حارة 6 قطع", "Spicy Wings 6 pcs",
         ("6 أجنحة دجاج مقرمشة بصوص البافلو الحار.",
          "Six crispy chicken wings tossed in hot buffalo sauce."),
         1700, 520, ["chicken", "spicy"], DIP),
        ("popcorn-chicken", "بوب كورن دجاج", "Popcorn Chicken",
         ("لقيمات دجاج صغيرة مقرمشة، مثالية للمشاركة.",
          "Bite-sized crispy chicken pieces, made for sharing."),
         1200, 360, ["chicken", "new"], DIP),
    ],
    "wraps": [
        ("chicken-shawarma", "شاورما دجاج", "Chicken Shawarma",
         ("دجاج متبل مشوي على السيخ مع ثومية ومخلل وبطاطس.",
          "Spit-roasted marinated chicken with garlic sauce, pickles and fries."),
         900, 470, ["chicken", "popular"], WRAP_MODS),
        ("beef-shawarma", "شاورما لحم", "Beef Shawarma",
         ("لحم متبل مشوي على السيخ مع طحينة وبصل وبقدونس وطماطم.",
          "Spit-roasted spiced beef with tahini, onion, parsley and tomato."),
         1200, 520, ["beef"], WRAP_MODS),
        ("crispy-chicken-wrap", "راب دجاج مقرمش حار", "Spicy Crispy Chicken Wrap",
         ("قطع دجاج مقرمشة حارة مع خس وجبنة ومايونيز حار في خبز تورتيلا.",
          "Spicy crispy chicken with lettuce, cheese and spicy mayo in a tortilla."),
         1400, 560, ["chicken", "spicy"], ["wrap-remove"]),
        ("shish-tawook", "ساندويتش شيش طاووق", "Shish Tawook Sandwich",
         ("مكعبات دجاج متبلة بالليمون والثوم مشوية على الفحم مع ثومية ومخلل.",
          "Charcoal-grilled chicken cubes in lemon and garlic with garlic sauce and pickles."),
         1300, 450, ["chicken"], WRAP_MODS),
        ("halloumi-wrap", "راب حلوم مشوي", "Grilled Halloumi Wrap",
         ("جبنة حلوم مشوية مع طماطم وخيار وجرجير وزعتر.",
          "Grilled halloumi with tomato, cucumber, rocket and zaatar."),
         1300, 430, ["vegetarian"], ["wrap-remove"]),
        ("falafel-sandwich", "ساندويتش فلافل", "Falafel Sandwich",
         ("فلافل مقرمشة مع طحينة وخضار ومخلل.",
          "Crispy falafel with tahini, salad and pickles."),
         700, 380, ["vegetarian"], WRAP_MODS),
        ("steak-sandwich", "ساندويتش ستيك بالجبن", "Cheese Steak Sandwich",
         ("شرائح لحم ستيك مع فلفل وبصل مشوي وجبنة ذائبة في خبز فينو.",
          "Sliced steak with grilled peppers and onion and melted cheese in a soft roll."),
         2200, 640, ["beef", "new"], ["cheese-choice"]),
    ],
    "breakfast": [
        ("egg-cheese-muffin", "مافن بيض وجبن", "Egg & Cheese Muffin",
         ("بيضة طازجة وشريحة جبنة في خبز مافن محمص.",
          "A fresh egg and a slice of cheese in a toasted muffin."),
         900, 330, ["vegetarian"], ["cheese-choice"]),
        ("chicken-sausage-muffin", "مافن نقانق دجاج وبيض", "Chicken Sausage & Egg Muffin",
         ("نقانق دجاج مشوية مع بيضة وجبنة في خبز مافن.",
          "Grilled chicken sausage with egg and cheese in a muffin."),
         1100, 420, ["chicken"], ["cheese-choice"]),
        ("foul-sandwich", "ساندويتش فول", "Foul Sandwich",
         ("فول مدمس بزيت الزيتون والكمون مع طماطم في خبز صامولي.",
          "Slow-cooked fava beans with olive oil, cumin and tomato in a samoon roll."),
         500, 310, ["vegetarian"], []),
        ("shakshuka-wrap", "راب شكشوكة", "Shakshuka Wrap",
         ("بيض مطبوخ مع طماطم وفلفل وبصل وبهارات في خبز تورتيلا.",
          "Eggs cooked with tomato, pepper, onion and spices in a tortilla."),
         900, 380, ["vegetarian"], []),
        ("labneh-zaatar", "ساندويتش لبنة وزعتر", "Labneh & Zaatar Sandwich",
         ("لبنة كريمية مع زعتر وزيت زيتون وخيار ونعناع.",
          "Creamy labneh with zaatar, olive oil, cucumber and mint."),
         700, 300, ["vegetarian"], []),
        ("pancakes", "بان كيك 3 حبات", "Pancakes (3)",
         ("3 حبات بان كيك طرية مع زبدة والإضافة اللي تحبها.",
          "Three fluffy pancakes with butter and the syrup you like."),
         1100, 520, ["vegetarian"], ["pancake-syrup"]),
        ("hash-brown", "هاش براون", "Hash Brown",
         ("قرص بطاطس مبشورة مقلي ومقرمش.",
          "A crispy fried patty of grated potato."),
         400, 150, ["vegetarian"], []),
        ("breakfast-platter", "طبق الفطور", "Breakfast Platter",
         ("بيض على طريقتك مع فول وجبنة بيضاء وزيتون وخبز عربي.",
          "Eggs your way with foul, white cheese, olives and Arabic bread."),
         1800, 720, ["vegetarian"], ["egg-style"]),
    ],
    "sides": [
        ("fries", "بطاطس مقلية", "French Fries",
         ("بطاطس مقلية ذهبية ومملحة.", "Golden salted fries."),
         600, 320, ["vegetarian", "popular"], ["fries-topping"]),
        ("curly-fries", "بطاطس كيرلي", "Curly Fries",
         ("بطاطس حلزونية متبلة بالبابريكا.", "Spiral fries seasoned with paprika."),
         800, 380, ["vegetarian"], ["fries-topping"]),
        ("cheese-fries", "بطاطس بالجبن", "Cheese Fries",
         ("بطاطس مقلية مغطاة بصوص الجبن الذائب وهالابينو.",
          "Fries topped with melted cheese sauce and jalapeños."),
         1100, 520, ["vegetarian"], []),
        ("spicy-wedges", "بطاطس ودجز حارة", "Spicy Potato Wedges",
         ("قطع بطاطس بالقشر متبلة بخلطة حارة.", "Skin-on potato wedges in a hot seasoning."),
         900, 350, ["vegetarian", "spicy"], []),
        ("onion-rings", "حلقات البصل", "Onion Rings",
         ("حلقات بصل مقرمشة مع صوص الباربكيو.", "Crispy onion rings with BBQ sauce."),
         900, 410, ["vegetarian"], []),
        ("mozzarella-sticks", "أصابع موزاريلا 5 حبات", "Mozzarella Sticks (5)",
         ("أصابع جبنة موزاريلا مقرمشة مع صوص الطماطم.",
          "Crispy mozzarella sticks with tomato dip."),
         1300, 420, ["vegetarian"], []),
        ("coleslaw", "كول سلو", "Coleslaw",
         ("ملفوف وجزر بصوص المايونيز الخفيف.", "Cabbage and carrot in a light mayo dressing."),
         500, 170, ["vegetarian"], []),
        ("garden-salad", "سلطة خضراء", "Garden Salad",
         ("خس وخيار وطماطم وجزر مع صوص الليمون وزيت الزيتون.",
          "Lettuce, cucumber, tomato and carrot with lemon and olive oil dressing."),
         900, 90, ["vegetarian"], []),
        ("corn-cup", "ذرة بالزبدة", "Buttered Corn Cup",
         ("حبوب ذرة حلوة بالزبدة والملح.", "Sweet corn with butter and salt."),
         700, 160, ["vegetarian"], []),
        ("hummus", "حمص بالطحينة", "Hummus with Tahini",
         ("حمص ناعم بالطحينة وزيت الزيتون مع خبز عربي.",
          "Smooth hummus with tahini and olive oil, served with Arabic bread."),
         800, 250, ["vegetarian"], []),
    ],
    "drinks": [
        ("cola", "كولا", "Cola", ("مشروب غازي بارد.", "An ice-cold soft drink."),
         500, 180, [], FOUNTAIN),
        ("diet-cola", "كولا دايت", "Diet Cola", ("مشروب غازي بدون سكر.", "A sugar-free soft drink."),
         500, 0, [], FOUNTAIN),
        ("lemon-soda", "مشروب غازي بالليمون", "Lemon-Lime Soda",
         ("مشروب غازي بنكهة الليمون.", "A lemon-lime soft drink."),
         500, 170, [], FOUNTAIN),
        ("orange-soda", "مشروب غازي بالبرتقال", "Orange Soda",
         ("مشروب غازي بنكهة البرتقال.", "An orange soft drink."),
         500, 190, [], FOUNTAIN),
        ("water", "مياه معدنية 330 مل", "Mineral Water 330 ml",
         ("مياه معدنية باردة.", "Chilled mineral water."),
         200, 0, [], []),
        ("orange-juice", "عصير برتقال طازج", "Fresh Orange Juice",
         ("برتقال معصور طازج بدون سكر مضاف.", "Freshly squeezed orange, no added sugar."),
         1000, 160, [], ["ice"]),
        ("lemon-mint", "ليمون بالنعناع", "Lemon Mint",
         ("ليمون ونعناع طازج مثلج.", "Fresh lemon and mint, blended with ice."),
         1000, 140, ["popular"], ["sugar"]),
        ("laban", "لبن", "Laban", ("لبن بارد قليل الدسم.", "Chilled low-fat buttermilk."),
         400, 110, [], []),
        ("iced-tea", "شاي مثلج بالخوخ", "Peach Iced Tea",
         ("شاي مثلج بنكهة الخوخ.", "Iced tea with peach."),
         800, 130, ["new"], ["ice"]),
        ("karak", "شاي كرك", "Karak Tea",
         ("شاي بالحليب والهيل والزعفران.", "Tea brewed with milk, cardamom and saffron."),
         500, 150, ["hot"], ["sugar"]),
        ("saudi-coffee", "قهوة سعودية", "Saudi Coffee",
         ("قهوة عربية بالهيل تقدم مع تمرتين.", "Arabic coffee with cardamom, served with two dates."),
         600, 60, ["hot"], []),
    ],
    "desserts": [
        ("vanilla-sundae", "صنداي فانيلا", "Vanilla Sundae",
         ("آيس كريم فانيلا مع الصوص اللي تختاره.", "Vanilla soft serve with the topping you choose."),
         700, 290, ["vegetarian"], ["sundae-topping"]),
        ("ice-cream-cone", "آيس كريم كون", "Ice Cream Cone",
         ("آيس كريم فانيلا في بسكويت مقرمش.", "Vanilla soft serve in a crisp cone."),
         300, 160, ["vegetarian"], []),
        ("brownie", "براوني بالشوكولاتة", "Chocolate Brownie",
         ("براوني دافئة بقطع الشوكولاتة.", "A warm brownie with chocolate chunks."),
         900, 410, ["vegetarian"], []),
        ("apple-pie", "فطيرة التفاح", "Apple Pie",
         ("فطيرة مقرمشة محشوة بالتفاح والقرفة.", "A crisp pie filled with apple and cinnamon."),
         600, 250, ["vegetarian"], []),
        ("kunafa", "كنافة بالقشطة", "Kunafa with Cream",
         ("كنافة ذهبية محشوة بالقشطة ومزينة بالفستق الحلبي.",
          "Golden kunafa filled with cream and topped with pistachio."),
         1200, 480, ["vegetarian", "new"], []),
        ("date-cake", "كيكة التمر", "Date Cake",
         ("كيكة التمر الطرية بصوص التوفي.", "Soft date cake with toffee sauce."),
         800, 350, ["vegetarian"], []),
        ("strawberry-shake", "ميلك شيك فراولة", "Strawberry Milkshake",
         ("ميلك شيك كريمي بالفراولة.", "A creamy strawberry milkshake."),
         1300, 520, ["vegetarian"], []),
        ("mango-shake", "ميلك شيك مانجو", "Mango Milkshake",
         ("ميلك شيك كريمي بالمانجو.", "A creamy mango milkshake."),
         1300, 500, ["vegetarian"], [], {"sold_out": True}),
        ("cookie", "كوكيز بالشوكولاتة", "Chocolate Chip Cookie",
         ("كوكيز طرية بقطع الشوكولاتة.", "A soft cookie with chocolate chips."),
         400, 220, ["vegetarian"], []),
    ],
    "kids": [
        ("kids-burger", "وجبة أطفال برجر", "Kids Burger Meal",
         ("برجر لحم صغير مع طبق جانبي ومشروب ولعبة.",
          "A small beef burger with a side, a drink and a toy."),
         1500, 520, ["beef", "kids"], ["kids-side", "kids-drink"]),
        ("kids-nuggets", "وجبة أطفال ناجتس", "Kids Nuggets Meal",
         ("4 قطع ناجتس مع طبق جانبي ومشروب ولعبة.",
          "Four nuggets with a side, a drink and a toy."),
         1500, 480, ["chicken", "kids"], ["kids-side", "kids-drink"]),
        ("kids-cheese-sandwich", "وجبة أطفال ساندويتش جبن", "Kids Cheese Sandwich Meal",
         ("ساندويتش جبنة محمص مع طبق جانبي ومشروب ولعبة.",
          "A toasted cheese sandwich with a side, a drink and a toy."),
         1300, 450, ["vegetarian", "kids"], ["kids-side", "kids-drink"]),
    ],
    "extras": [
        ("garlic-sauce", "ثومية", "Garlic Sauce", ("علبة ثومية إضافية.", "An extra pot of garlic sauce."),
         100, 110, ["vegetarian"], []),
        ("spicy-mayo-dip", "مايونيز حار", "Spicy Mayo Dip", ("علبة مايونيز حار.", "A pot of spicy mayo."),
         100, 100, ["vegetarian", "spicy"], []),
        ("cheese-dip", "صوص جبن", "Cheese Sauce Dip", ("علبة صوص جبن دافئ.", "A pot of warm cheese sauce."),
         200, 80, ["vegetarian"], []),
        ("ketchup", "كاتشب", "Ketchup", ("ظرف كاتشب مجاني.", "A free sachet of ketchup."),
         0, 20, ["vegetarian"], []),
        ("extra-bun", "خبز إضافي", "Extra Bun", ("خبزة بالسمسم.", "A sesame bun."),
         100, 140, ["vegetarian"], []),
        ("donation", "تبرع بريال", "Donate 1 SAR",
         ("تبرع لجمعية خيرية. للعرض التجريبي فقط: يوضح فئة الضريبة الصفرية ولا يذهب لأي جهة.",
          "Charity round-up. Demo only: shows the zero-rate tax category; no money goes anywhere."),
         100, 0, [], [], {"tax": "zero"}),
    ],
}

# Combo slot choices: (item, price delta).
SIDE_CHOICES = [("fries", 0), ("curly-fries", 200), ("spicy-wedges", 200), ("onion-rings", 300),
                ("cheese-fries", 400), ("coleslaw", 0), ("garden-salad", 200)]
DRINK_CHOICES = [("cola", 0), ("diet-cola", 0), ("lemon-soda", 0), ("orange-soda", 0), ("water", 0),
                 ("laban", 0), ("iced-tea", 200), ("orange-juice", 400), ("lemon-mint", 400)]
BROAST_SIDES = [("coleslaw", 0), ("garden-salad", 200), ("hummus", 200), ("corn-cup", 100)]
DESSERT_CHOICES = [("vanilla-sundae", 0), ("apple-pie", 0), ("brownie", 200), ("kunafa", 500)]
SIZES = [{"id": "regular", "name": name("عادي", "Regular"), "price_delta": 0},
         {"id": "large", "name": name("كبير", "Large"), "price_delta": 300}]

SANDWICH = ("الساندويتش", "Sandwich")
CHICKEN = ("الدجاج", "Chicken")
SIDE = ("الطبق الجانبي", "Side")
DRINK = ("المشروب", "Drink")


def slot(id_, label, choices, default=None):
    return {"id": id_, "name": name(*label),
            "choices": [{"item": i, "price_delta": d} for i, d in choices],
            "default": default or choices[0][0]}


def meal_slots(mains, sides=None):
    return [slot("main", SANDWICH, mains), slot("side", SIDE, sides or SIDE_CHOICES),
            slot("drink", DRINK, DRINK_CHOICES)]


# id, Arabic, English, description, price, slots, sizes, extras
COMBOS = [
    ("cheeseburger-meal", "وجبة تشيز برجر", "Cheeseburger Meal",
     ("تشيز برجر مع بطاطس ومشروب.", "A cheeseburger with fries and a drink."),
     2500, meal_slots([("cheese-burger", 0), ("double-cheese-burger", 600)]), SIZES),
    ("double-cheese-meal", "وجبة دبل تشيز برجر", "Double Cheeseburger Meal",
     ("دبل تشيز برجر مع بطاطس ومشروب.", "A double cheeseburger with fries and a drink."),
     3200, meal_slots([("double-cheese-burger", 0)]), SIZES),
    ("spicy-chicken-meal", "وجبة برجر دجاج حار", "Spicy Chicken Burger Meal",
     ("برجر دجاج حار مع بطاطس ومشروب.", "A spicy chicken burger with fries and a drink."),
     2300, meal_slots([("spicy-chicken-burger", 0), ("crispy-chicken-burger", 0)]), SIZES),
    ("grilled-chicken-meal", "وجبة برجر دجاج مشوي", "Grilled Chicken Burger Meal",
     ("برجر دجاج مشوي مع سلطة أو بطاطس ومشروب.", "A grilled chicken burger with salad or fries and a drink."),
     2400, meal_slots([("grilled-chicken-burger", 0)],
                      [("garden-salad", 0), ("fries", 0), ("coleslaw", 0), ("corn-cup", 0)]), SIZES),
    ("strips-meal", "وجبة ستربس 5 قطع", "Strips Meal 5 pcs",
     ("5 قطع ستربس مع بطاطس ومشروب وصوص التغميس.", "Five strips with fries, a drink and a dip."),
     2800, [slot("main", CHICKEN, [("strips-5", 0), ("strips-3", -400)]),
            slot("side", SIDE, SIDE_CHOICES), slot("drink", DRINK, DRINK_CHOICES)], SIZES),
    ("shawarma-meal", "وجبة شاورما", "Shawarma Meal",
     ("ساندويتش شاورما مع بطاطس ومشروب.", "A shawarma wrap with fries and a drink."),
     1700, meal_slots([("chicken-shawarma", 0), ("beef-shawarma", 300)]), SIZES),
    ("broast-meal", "وجبة بروستد 4 قطع", "Broast Meal 4 pcs",
     ("بروستد 4 قطع مع بطاطس وخبز وثومية، وطبق جانبي ومشروب.",
      "Four pieces of broast with fries, a bun and garlic sauce, plus a side and a drink."),
     2500, [slot("main", CHICKEN, [("broast-4", 0)]), slot("side", SIDE, BROAST_SIDES),
            slot("drink", DRINK, DRINK_CHOICES)], SIZES),
    ("family-meal", "الوجبة العائلية", "Family Meal",
     ("بروستد 8 قطع مع طبقين جانبيين ومشروبين وحلى.",
      "Eight pieces of broast with two sides, two drinks and a dessert."),
     6900, [slot("main", CHICKEN, [("broast-8", 0)]),
            slot("side-1", ("الطبق الجانبي الأول", "First side"), SIDE_CHOICES),
            slot("side-2", ("الطبق الجانبي الثاني", "Second side"), SIDE_CHOICES, "coleslaw"),
            slot("drink-1", ("المشروب الأول", "First drink"), DRINK_CHOICES),
            slot("drink-2", ("المشروب الثاني", "Second drink"), DRINK_CHOICES, "orange-soda"),
            slot("dessert", ("الحلى", "Dessert"), DESSERT_CHOICES)], []),
    ("breakfast-meal", "وجبة الفطور", "Breakfast Meal",
     ("مافن مع هاش براون وشاي كرك أو قهوة.", "A muffin with a hash brown and karak or coffee."),
     1400, [slot("main", SANDWICH, [("egg-cheese-muffin", 0), ("chicken-sausage-muffin", 200),
                                     ("shakshuka-wrap", 0)]),
            slot("side", SIDE, [("hash-brown", 0)]),
            slot("drink", DRINK, [("karak", 0), ("saudi-coffee", 0), ("orange-juice", 400),
                                  ("laban", 0)])], [],
     {"available": BREAKFAST_HOURS}),
]

ALL_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

PROMOTIONS = [
    {"id": "desserts-20", "name": name("خصم 20% على الحلى", "20% off all desserts"),
     "kind": "percent_off", "percent_bp": 2000, "target": {"items": [], "categories": ["desserts"]}},
    {"id": "mushroom-3-off", "name": name("وفّر 3 ريال على برجر المشروم", "3 SAR off the Mushroom Swiss Burger"),
     "kind": "amount_off", "amount": 300, "target": {"items": ["mushroom-swiss-burger"], "categories": []}},
    {"id": "fries-tuesday", "name": name("ثلاثاء البطاطس: اشترِ واحدة والثانية مجانًا",
                                         "Fries Tuesday: buy one, get one free"),
     "kind": "buy_x_get_y", "target": {"items": ["fries"], "categories": []},
     "buy": 1, "get": 1, "get_percent_bp": 10000,
     "available": [{"days": ["tue"], "from": "00:00", "to": "24:00"}]},
    {"id": "nuggets-third-half", "name": name("ناجتس: العلبة الثالثة بنصف السعر", "Nuggets: third box half price"),
     "kind": "buy_x_get_y", "target": {"items": ["nuggets-6", "nuggets-9"], "categories": []},
     "buy": 2, "get": 1, "get_percent_bp": 5000},
    {"id": "burger-dessert-deal", "name": name("برجر وبطاطس وحلى بـ 21 ريال", "Burger, fries and dessert for 21 SAR"),
     "kind": "bundle_price", "bundle_price": 2100,
     "components": [{"items": ["beef-burger", "crispy-chicken-burger", "spicy-chicken-burger"], "categories": []},
                    {"items": ["fries"], "categories": []},
                    {"items": ["vanilla-sundae", "apple-pie", "cookie"], "categories": []}]},
    {"id": "asr-drinks-half", "name": name("عرض العصرية: المشروبات بنصف السعر", "Afternoon deal: drinks half price"),
     "kind": "percent_off", "percent_bp": 5000, "target": {"items": [], "categories": ["drinks"]},
     "available": [{"days": ["sun", "mon", "tue", "wed", "thu"], "from": "15:00", "to": "17:00"}]},
    {"id": "late-night-chicken", "name": name("عرض السهرة: خصم 15% على الدجاج", "Late night: 15% off chicken"),
     "kind": "percent_off", "percent_bp": 1500, "target": {"items": [], "categories": ["chicken"]},
     "available": [{"days": ALL_DAYS, "from": "23:00", "to": "02:00"}]},
    {"id": "order-100-save-10", "name": name("وفّر 10 ريال على الطلبات فوق 100 ريال", "10 SAR off orders over 100 SAR"),
     "kind": "amount_off", "amount": 1000, "whole_order": True, "min_order": 10000},
    {"id": "weekend-5", "name": name("خصم نهاية الأسبوع 5% على الطلبات فوق 150 ريال",
                                     "Weekend: 5% off orders over 150 SAR"),
     "kind": "percent_off", "percent_bp": 500, "whole_order": True, "min_order": 15000,
     "available": [{"days": ["fri", "sat"], "from": "00:00", "to": "24:00"}]},
]

UPSELLS = [
    ("beef-burger", ["fries", "cola"]),
    ("cheese-burger", ["cheeseburger-meal", "fries", "vanilla-sundae"]),
    ("spicy-chicken-burger", ["spicy-chicken-meal", "spicy-wedges", "lemon-mint"]),
    ("chicken-shawarma", ["shawarma-meal", "laban"]),
    ("broast-4", ["garlic-sauce", "coleslaw", "cola"]),
    ("nuggets-6", ["fries", "orange-juice"]),
    ("cheeseburger-meal", ["vanilla-sundae", "apple-pie"]),
    ("family-meal", ["kunafa", "brownie"]),
    ("karak", ["date-cake"]),
    ("pancakes", ["orange-juice"]),
]


def build():
    items = []
    calories = {}
    for category, rows in ITEMS.items():
        for row in rows:
            id_, ar, en, (d_ar, d_en), price, cal, tags, mods = row[:8]
            extra = row[8] if len(row) > 8 else {}
            item = {
                "id": id_, "category": category, "name": name(ar, en),
                "description": name(d_ar, d_en), "image": picture(id_),
                "price": price, "tax": extra.get("tax", "standard"), "calories": cal,
                "tags": tags, "unit": "each", "barcodes": [],
                "sold_out": extra.get("sold_out", False),
                "available": BREAKFAST_HOURS if category == "breakfast" else [],
                "modifier_groups": mods,
            }
            items.append(item)
            calories[id_] = cal

    combos = []
    for row in COMBOS:
        id_, ar, en, (d_ar, d_en), price, slots, sizes = row[:7]
        extra = row[7] if len(row) > 7 else {}
        combos.append({
            "id": id_, "category": "meals", "name": name(ar, en),
            "description": name(d_ar, d_en), "image": picture(id_),
            "price": price, "tax": "standard",
            "calories": sum(calories[s["default"]] for s in slots),
            "tags": [], "sold_out": False, "available": extra.get("available", []),
            "slots": slots,
        })
        if sizes:
            combos[-1]["sizes"] = sizes

    return {
        "format": "kiosk-menu/1",
        "version": VERSION,
        "currency": {"code": "SAR", "exponent": 2},
        "prices_include_tax": True,
        "tax_categories": TAX_CATEGORIES,
        "categories": [{"id": c, "name": name(ar, en), "image": picture("category-" + c), "sort": s}
                       for c, ar, en, s in CATEGORIES],
        "modifier_groups": [
            {"id": g, "name": name(ar, en), "min": lo, "max": hi,
             "options": [{"id": o, "name": name(oar, oen), "price_delta": d, "calories": c, "default": df}
                         for o, oar, oen, d, c, df in opts]}
            for g, ar, en, lo, hi, opts in MODIFIER_GROUPS],
        "items": items,
        "combos": combos,
        "promotions": PROMOTIONS,
        "upsells": [{"item": i, "suggest": s} for i, s in UPSELLS],
    }


def main():
    menu = build()
    text = menu_json.dumps(menu)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("%s: %d items, %d combos, %d categories, %d promotions"
          % (os.path.relpath(OUT, ROOT), len(menu["items"]), len(menu["combos"]),
             len(menu["categories"]), len(menu["promotions"])), file=sys.stderr)


if __name__ == "__main__":
    main()
