/*
 * Builds the menu screen from MENU (menu-data.js, made by menu_data.py): the header,
 * the category rail, the chosen category's item cards and the order bar. Tapping a
 * category shows its items. ?lang=ar picks Arabic.
 */
"use strict";

const lang = new URLSearchParams(location.search).get("lang") === "ar" ? "ar" : "en";
const screen = MENU[lang];
const texts = screen.texts;

function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className)
        e.className = className;
    if (text !== undefined)
        e.textContent = text;
    return e;
}

function picture(src, className) {
    const img = element("img", className);
    img.src = src;
    img.alt = "";
    img.decoding = "async";
    return img;
}

function card(item) {
    const c = element("div", "card");
    const media = c.appendChild(element("div", "media"));
    media.appendChild(picture(item.image));
    const badges = media.appendChild(element("div", "badges"));
    for (const b of item.badges)
        badges.appendChild(element("span", "badge " + b.kind, b.text));
    if (item.soldOut) {
        c.classList.add("sold-out");
        media.appendChild(element("div", "veil")).appendChild(element("span", "badge accent", texts.soldOut));
    }
    const body = c.appendChild(element("div", "body"));
    body.appendChild(element("div", "name", item.name));
    if (item.kcal)
        body.appendChild(element("div", "kcal", item.kcal));
    const line = body.appendChild(element("div", "price-line"));
    line.appendChild(element("span", "price", item.price + " " + texts.currency));
    line.appendChild(picture("icon-plus.svg", "add"));
    return c;
}

function showCategory(index) {
    document.querySelectorAll(".category").forEach((b, i) => b.classList.toggle("chosen", i === index));
    const category = screen.categories[index];
    document.getElementById("title").textContent = category.name;
    const grid = document.getElementById("grid");
    grid.replaceChildren(...category.items.map(card));
    grid.parentElement.scrollTop = 0;
}

function build() {
    document.documentElement.lang = lang;
    document.documentElement.dir = screen.dir;
    document.querySelector("#back span").textContent = texts.back;
    document.querySelector("#cancel span").textContent = texts.cancel;
    document.querySelector(".store").textContent = texts.store;
    document.getElementById("summary").textContent = texts.empty;
    document.getElementById("view").textContent = texts.view;
    const rail = document.getElementById("categories");
    screen.categories.forEach((category, index) => {
        const b = rail.appendChild(element("button", "category"));
        b.appendChild(picture(category.image));
        b.appendChild(element("span", "", category.name));
        b.addEventListener("click", () => showCategory(index));
    });
    showCategory(0);
}

build();
