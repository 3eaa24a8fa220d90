#!/usr/bin/env python3
"""Print what a spreadsheet user would see in an .xlsx file, as JSON (used by XlsxExportTests).

Usage: python3 read_xlsx.py FILE.xlsx
Exit status 3 with a message on stderr when openpyxl is missing.
"""
import json
import sys

try:
    import openpyxl
except ImportError:
    sys.stderr.write(
        "read_xlsx.py: the Python package 'openpyxl' is not installed; "
        "install it with: pip install openpyxl\n")
    sys.exit(3)


def fill_of(cell):
    fill = cell.fill
    if fill is None or fill.fill_type is None:
        return None
    rgb = fill.fgColor.rgb if fill.fgColor is not None else None
    return rgb if isinstance(rgb, str) else None


def grid(ws, func):
    return [[func(cell) for cell in row] for row in ws.iter_rows()]


def value_of(cell):
    value = cell.value
    if isinstance(value, float) and value != value:
        return "NaN"
    return value


def describe(ws):
    protection = ws.protection
    widths = {}
    for letter, dim in ws.column_dimensions.items():
        if dim.width is not None and dim.customWidth:
            widths[letter] = dim.width
    header = list(ws.iter_rows(min_row=1, max_row=1))
    header = header[0] if header else []
    return {
        "name": ws.title,
        "rows": grid(ws, value_of),
        "types": grid(ws, lambda c: c.data_type),
        "fills": grid(ws, fill_of),
        "numberFormats": grid(ws, lambda c: c.number_format),
        "freezePanes": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "protection": {
            "sheet": bool(protection.sheet),
            "sortLocked": bool(protection.sort),
            "autoFilterLocked": bool(protection.autoFilter),
            "hasPassword": bool(protection.password),
        },
        "columnWidths": widths,
        "headerBold": [bool(c.font.b) for c in header],
        "headerBottomBorder": [c.border.bottom.style for c in header],
    }


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: read_xlsx.py FILE.xlsx\n")
        return 2
    workbook = openpyxl.load_workbook(sys.argv[1])
    result = {"sheets": [describe(ws) for ws in workbook.worksheets]}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
