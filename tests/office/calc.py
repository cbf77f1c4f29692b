#!/usr/bin/python3
"""Drives LibreOffice Calc (headless, through UNO) for the workbook tests: a real spreadsheet engine opens the
workbooks plancalc writes, recalculates every formula, changes figures, and saves workbooks of its own.

Usage: calc.py JOBS.json  — JOBS is a list of steps run in order on one document at a time:
  {"open": path}                      load a workbook (or a CSV: {"open": path, "csv": true})
  {"recalc": true}                    recalculate every formula (calculateAll: whatever the load settings)
  {"read": sheet_index, "as": name}   the sheet's used area: formatted text and raw values, as results[name]
  {"set": [sheet_index, row, col, "1500.5"]}   type a number into a cell (zero-based row and column)
  {"save": path}                      save as .xlsx (Calc's "Calc MS Excel 2007 XML" filter)
  {"close": true}
Prints {"results": {...}} as JSON. Runs with Debian's python3 (python3-uno).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start():
    profile = tempfile.mkdtemp(prefix="plancalc-lo-")
    pipe = "plancalc%d" % os.getpid()
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=file://" + profile,
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise SystemExit("LibreOffice did not start")
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop, profile


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def used(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    a = cursor.getRangeAddress()
    return a.EndRow, a.EndColumn


def read(sheet):
    last_row, last_col = used(sheet)
    shown, values = [], []
    for r in range(last_row + 1):
        srow, vrow = [], []
        for c in range(last_col + 1):
            cell = sheet.getCellByPosition(c, r)
            srow.append(cell.getString())
            # 1 = a number (VALUE), 3 = a formula: its result's type decides.
            kind = cell.getType().value
            if kind == "VALUE" or (kind == "FORMULA" and cell.FormulaResultType2 == 1):
                vrow.append(cell.getValue())
            else:
                vrow.append(cell.getString())
        shown.append(srow)
        values.append(vrow)
    return {"shown": shown, "values": values}


def main():
    jobs = json.load(open(sys.argv[1], encoding="utf-8"))
    proc, desktop, profile = start()
    results = {}
    doc = None
    try:
        for job in jobs:
            if "open" in job:
                args = [prop("Hidden", True)]
                if job.get("csv"):
                    args += [prop("FilterName", "Text - txt - csv (StarCalc)"),
                             prop("FilterOptions", "44,34,76,1")]
                doc = desktop.loadComponentFromURL(url(job["open"]), "_blank", 0, tuple(args))
                if doc is None:
                    raise SystemExit("LibreOffice could not open " + job["open"])
            elif "recalc" in job:
                doc.calculateAll()
            elif "read" in job:
                results[job["as"]] = read(doc.Sheets.getByIndex(job["read"]))
            elif "set" in job:
                s, r, c, value = job["set"]
                doc.Sheets.getByIndex(s).getCellByPosition(c, r).setFormula(value)
            elif "save" in job:
                doc.storeToURL(url(job["save"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            elif "close" in job:
                doc.close(True)
                doc = None
        print(json.dumps({"results": results}, ensure_ascii=False))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


main()
