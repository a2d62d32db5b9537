"""A visible signature's place in the report's structure tree, so the tagged PDF stays whole.

The report is PDF/A-3a: a Tagged PDF (ISO 32000-1, 14.8). A widget annotation that is shown on a
page belongs in the structure tree as a `Form` element whose only child is an object reference
(`OBJR`) to the widget (14.8.4.5, Table 340; 14.7.4.3), and the widget names its parent element
through `/StructParent`, an entry of the tree's `/ParentTree` (14.7.4.4). These objects are added
in the signature's own incremental update: the report's own bytes stay as rendered.
"""

from __future__ import annotations

import importlib
from typing import Any


def tag_widget(writer: Any, widget: Any, page: Any, alt: str) -> bool:
    """Add a `Form` element for `widget` (on `page`) to the sign-off section of the structure tree.

    Returns False, changing nothing, when the document has no structure tree to add it to.
    """
    generic: Any = importlib.import_module("pyhanko.pdf_utils.generic")  # untyped constructors

    root = writer.root
    if "/StructTreeRoot" not in root:
        return False
    tree_ref = root.raw_get("/StructTreeRoot")
    tree = tree_ref.get_object()
    section_ref = _section_on(tree, page)
    if section_ref is None:
        return False
    parents = tree["/ParentTree"]
    numbers = parents["/Nums"]
    key = max(
        [
            int(tree.get("/ParentTreeNextKey", 0)),
            *(int(numbers[i]) + 1 for i in range(0, len(numbers), 2)),
        ],
        default=0,
    )
    form = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/StructElem"),
            generic.NameObject("/S"): generic.NameObject("/Form"),
            generic.NameObject("/P"): section_ref,
            generic.NameObject("/Pg"): page,
            generic.NameObject("/Alt"): generic.TextStringObject(alt),
            generic.NameObject("/K"): generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/OBJR"),
                    generic.NameObject("/Obj"): widget,
                    generic.NameObject("/Pg"): page,
                }
            ),
        }
    )
    form_ref = writer.add_object(form)
    section = section_ref.get_object()
    kids = section.get("/K")
    if isinstance(kids, generic.ArrayObject):
        kids.append(form_ref)
        writer.update_container(kids)
    else:
        section[generic.NameObject("/K")] = generic.ArrayObject(
            [kids, form_ref] if kids is not None else [form_ref]
        )
    writer.update_container(section)
    numbers.extend([generic.NumberObject(key), form_ref])
    writer.update_container(numbers)
    tree[generic.NameObject("/ParentTreeNextKey")] = generic.NumberObject(key + 1)
    writer.update_container(tree)
    widget.get_object()[generic.NameObject("/StructParent")] = generic.NumberObject(key)
    writer.mark_update(widget)
    return True


def _section_on(tree: Any, page: Any) -> Any:
    """The last top-level section of the document with content on `page` (the sign-off).

    WeasyPrint tags the document as one element whose children are the chapters; the sign-off
    block ends its chapter, and the next chapter starts on a new page.
    """
    generic: Any = importlib.import_module("pyhanko.pdf_utils.generic")  # untyped constructors

    top = tree.get("/K")
    if isinstance(top, generic.ArrayObject):
        top = top[0] if len(top) == 1 else None
    if top is None:
        return None
    chapters = top.get_object().raw_get("/K")
    if not isinstance(chapters, generic.ArrayObject):
        return None
    found = None
    for index in range(len(chapters)):
        ref = chapters.raw_get(index)
        if isinstance(ref, generic.IndirectObject) and _touches(ref.get_object(), page, 0):
            found = ref
    return found


def _touches(element: Any, page: Any, depth: int) -> bool:
    """Whether `element` or an element under it has content on `page` (depth bounded)."""
    generic: Any = importlib.import_module("pyhanko.pdf_utils.generic")  # untyped constructors

    if not isinstance(element, generic.DictionaryObject) or depth > 64:
        return False
    pg = element.raw_get("/Pg") if "/Pg" in element else None
    if isinstance(pg, generic.IndirectObject) and pg.reference == page.reference:
        return True
    kids = element.get("/K")
    items = kids if isinstance(kids, generic.ArrayObject) else [kids]
    return any(_touches(k, page, depth + 1) for k in items if k is not None)
