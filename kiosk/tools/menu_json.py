"""JSON layout shared by the menu generators: objects and arrays that fit on
one line stay on one line, so a committed menu reads like the examples in
kiosk/docs/menu-format.md and diffs stay small."""

import json


def _inline(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dumps(value, width=132, inline_depth=None):
    """Returns value as UTF-8 JSON text ending in a newline. A container
    goes on one line when it fits in width columns, or always once it is
    nested inline_depth levels deep (None: never forced)."""
    out = []

    def emit(v, depth, prefix):
        indent = "  " * depth
        flat = _inline(v)
        if (not isinstance(v, (dict, list)) or not v
                or len(indent) + len(prefix) + len(flat) <= width
                or (inline_depth is not None and depth >= inline_depth)):
            out.append(indent + prefix + flat)
            return
        opening, closing = ("{", "}") if isinstance(v, dict) else ("[", "]")
        out.append(indent + prefix + opening)
        members = list(v.items()) if isinstance(v, dict) else [(None, x) for x in v]
        for i, (key, x) in enumerate(members):
            emit(x, depth + 1, "" if key is None else json.dumps(key, ensure_ascii=False) + ": ")
            if i + 1 < len(members):
                out[-1] += ","
        out.append(indent + closing)

    emit(value, 0, "")
    return "\n".join(out) + "\n"
