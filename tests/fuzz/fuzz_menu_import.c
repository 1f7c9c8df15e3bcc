/*
 * Fuzz target for the menu importer: any bytes must either be refused with a
 * path and a reason, or give a catalog whose indexes agree with its arrays.
 * Seeds in tests/fuzz/corpus/menu_import/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/menu_import.h"

/* Every item, category and barcode is found again through the indexes; every tax category's
 * ZATCA treatment fits its rate. */
static void check_consistent(const ks_catalog *cat)
{
    size_t n_items, n_cats;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    const ks_category *cats = ks_catalog_categories(cat, &n_cats);
    for (size_t i = 0; i < n_items; i++) {
        const ks_item *item = &items[i];
        if (ks_catalog_find_item(cat, item->id) != item || !item->category || !item->tax)
            abort();
        for (size_t b = 0; b < item->n_barcodes; b++)
            if (ks_catalog_find_barcode(cat, item->barcodes[b]) != item)
                abort();
        if (item->plu[0] && ks_catalog_find_plu(cat, item->plu) != item)
            abort();
        /* Self-checkout members stay in their documented ranges. */
        if (item->min_age < 0 || item->min_age > 99 || item->expected_weight_g < 0 ||
            item->expected_weight_g > 100000 || item->weight_tolerance_g < 0 ||
            item->weight_tolerance_g > 100000 ||
            (item->unit == KS_UNIT_KG && item->expected_weight_g != 0))
            abort();
        for (size_t s = 0; s < item->n_slots; s++)
            if (item->slots[s].default_choice >= item->slots[s].n_choices)
                abort();
        ks_text_get(&item->name, KS_LANG_AR);
        ks_item_orderable(item, (ks_local_time){5, 1439});
        ks_catalog_upsell_for(cat, item);
    }
    size_t n_taxes;
    const ks_tax_category *taxes = ks_catalog_tax_categories(cat, &n_taxes);
    for (size_t i = 0; i < n_taxes; i++)
        if (ks_catalog_find_tax(cat, taxes[i].id) != &taxes[i] ||
            ks_vat_treatment_check(&taxes[i].vat, taxes[i].rate_bp) ||
            (taxes[i].vat.category != 'S' && !ks_vat_exemption_text(taxes[i].vat.exemption)))
            abort();
    for (size_t i = 0; i < n_cats; i++) {
        if (ks_catalog_find_category(cat, cats[i].id) != &cats[i])
            abort();
        if (i > 0 && (cats[i - 1].sort > cats[i].sort || (cats[i - 1].sort == cats[i].sort &&
                                                          strcmp(cats[i - 1].id, cats[i].id) >= 0)))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_menu_error err;
    ks_catalog *cat = ks_menu_import((const char *)data, size, &err);
    if (cat) {
        check_consistent(cat);
        ks_catalog_free(cat);
    } else if (!err.reason[0] || strlen(err.path) >= sizeof err.path ||
               strlen(err.reason) >= sizeof err.reason) {
        abort();
    }
    return 0;
}
