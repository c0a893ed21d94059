#!/usr/bin/python3
"""Checks an HTML report: it parses as HTML5 without a single parse error
(python3-html5lib, strict), and its data element holds valid JSON. Prints that
JSON (one line) for the test to read, or the parse errors; exits 1 on any error.

Usage: check_html5.py FILE.html
"""
import json
import sys

import html5lib


def main():
    with open(sys.argv[1], "rb") as f:
        page = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(page)
    except html5lib.html5parser.ParseError as e:
        print("not HTML5:", e, parser.errors[:5])
        return 1
    data = [s for s in tree.iter("script") if s.get("id") == "opsctl-data"]
    if len(data) != 1 or data[0].get("type") != "application/json":
        print("expected one <script type=application/json id=opsctl-data>")
        return 1
    scripts = len(list(tree.iter("script")))
    print(json.dumps({"scripts": scripts, "data": json.loads(data[0].text or "")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
