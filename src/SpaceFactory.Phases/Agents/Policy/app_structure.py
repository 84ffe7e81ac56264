"""SpaceFactory's structure check for an app.py the coding agent wrote.

Reads the app's source on stdin and prints one JSON object: whether it compiles (and if not, where and why),
the api_name of every event or gr.api it wires, and whether it calls launch(). It only compiles and parses,
it never runs the app.
"""

import ast
import json
import sys


def main():
    source = sys.stdin.read()
    try:
        compile(source, "app.py", "exec", dont_inherit=True)
        tree = ast.parse(source, filename="app.py")
    except SyntaxError as error:
        print(json.dumps({"compiles": False, "line": error.lineno or 0, "detail": error.msg or "syntax error"}))
        return
    api_names, launches = [], False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "api_name" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                api_names.append(keyword.value.value.lstrip("/"))
        if isinstance(node.func, ast.Attribute) and node.func.attr == "launch":
            launches = True
    print(json.dumps({"compiles": True, "api_names": sorted(set(api_names)), "launches": launches}))


main()
