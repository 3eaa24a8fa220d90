#!/usr/bin/env python3
"""Print an exported workbook as a spreadsheet user sees it, as JSON (used by ExportTests.swift).

Usage: python3 read_workbook.py FILE.xlsx
Exit status 3 with a message on stderr when openpyxl is missing.
"""
import json
import sys

try:
    import openpyxl
except ImportError:
    sys.stderr.write("read_workbook.py: the Python package 'openpyxl' is not installed; install it with: pip install openpyxl\n")
    sys.exit(3)


def fill_of(cell):
    fill = cell.fill
    if fill is None or fill.fill_type is None or fill.fgColor is None:
        return None
    rgb = fill.fgColor.rgb
    return rgb if isinstance(rgb, str) else None


def value_of(cell):
    v = cell.value
    if isinstance(v, float) and v != v:
        return "NaN"
    return v


def sheet(ws):
    rows = list(ws.iter_rows())
    header = rows[0] if rows else []
    p = ws.protection
    return {
        "name": ws.title,
        "header": [c.value for c in header],
        "headerBold": all(bool(c.font and c.font.b) for c in header),
        "rows": [[value_of(c) for c in r] for r in rows[1:]],
        "types": [[c.data_type for c in r] for r in rows[1:]],
        "fills": [[fill_of(c) for c in r] for r in rows[1:]],
        "freeze": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "protected": bool(p.sheet),
        "hasPassword": bool(p.password),
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width is not None and d.customWidth},
    }


wb = openpyxl.load_workbook(sys.argv[1])
json.dump({"sheets": [sheet(ws) for ws in wb.worksheets]}, sys.stdout, ensure_ascii=False, default=str)
