"""SpaceFactory's structure check for an app.py the coding agent wrote.

Reads the app's source on stdin and the generation endpoint's api_name as its argument, and prints one JSON
object: whether it compiles (and if not, where and why), the api_name of every event or gr.api it wires,
whether it calls launch(), and why the generation endpoint looks like a placeholder rather than inference
(or null). It only compiles and parses, it never runs the app.

The placeholder test is a heuristic over what the endpoint's function reaches (itself and the app's own
functions it calls): it must use a model the app loaded at module level (a name bound to a call's result,
e.g. nlp = spacy.load(...)) or a name imported from a library outside the standard library, Gradio and
the Hub client. Text marked as a stand-in, random results and NotImplementedError are placeholders too.
"""

import ast
import json
import re
import sys

# Modules whose names do not run a model: the UI, ZeroGPU, downloads, and the standard library.
NOT_INFERENCE = {"gradio", "spaces", "huggingface_hub"} | set(sys.stdlib_module_names)
MARKERS = re.compile(r"\b(placeholder|dummy|fake|mock(ed)?|lorem ipsum|not implemented|todo|canned)\b", re.IGNORECASE)


def root_name(node):
    "The first name of a dotted expression such as gr.Textbox or AutoModel.from_pretrained, or None."
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def module_bindings(tree):
    "Module-level functions, names bound to a library call's result (loaded models), and names imported from libraries."
    functions, assignments, libraries, plain = {}, [], set(), set()
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[node.name] = node
            continue
        if isinstance(node, ast.ClassDef):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            assignments.append(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bound = (alias.asname or alias.name).split(".")[0]
                (plain if alias.name.split(".")[0] in NOT_INFERENCE else libraries).add(bound)
        elif isinstance(node, ast.ImportFrom):
            inference = node.level == 0 and (node.module or "").split(".")[0] not in NOT_INFERENCE
            (libraries if inference else plain).update(alias.asname or alias.name for alias in node.names)
        # with, if and try blocks at module level bind module names too.
        for field in ("body", "orelse", "finalbody", "handlers"):
            pending.extend(getattr(node, field, None) or [])
    loaded = set()
    for node in assignments:
        # A component (gr.Textbox) or a download (snapshot_download) is not a model; a library's call is.
        if any(isinstance(part, ast.Call) and root_name(part.func) not in plain for part in ast.walk(node.value)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            loaded.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return functions, loaded, libraries


def local_names(function):
    "The parameters and names a function (or lambda) binds itself, which hide module names of the same spelling."
    arguments = function.args
    names = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}
    names.update(a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None)
    globals_declared = {n for node in ast.walk(function) if isinstance(node, ast.Global) for n in node.names}
    names.update(n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return names - globals_declared


def endpoint_function(tree, api_name):
    "The function an event or gr.api wires under api_name: a def's name, a lambda, or another expression."
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        names = [k.value.value.lstrip("/") for k in node.keywords
                 if k.arg == "api_name" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)]
        if api_name not in names:
            continue
        given = [k.value for k in node.keywords if k.arg == "fn"] or node.args[:1]
        return given[0] if given else None
    return None


def placeholder(tree, api_name):
    "Why the endpoint api_name looks like a placeholder, as (line, detail), or None."
    functions, loaded, libraries = module_bindings(tree)
    wired = endpoint_function(tree, api_name)
    if wired is None:
        return None  # not wired at all: the api_name check reports it
    if isinstance(wired, ast.Name) and wired.id in functions:
        start = functions[wired.id]
    elif isinstance(wired, ast.Lambda):
        start = wired
    else:
        # e.g. model.predict or pipe: fine when it is a loaded model or a library's function.
        names = {n.id for n in ast.walk(wired) if isinstance(n, ast.Name)}
        if names & (loaded | libraries):
            return None
        return wired.lineno, "/" + api_name + " is wired to something that is neither a function of app.py nor a loaded model"
    reached, queue = [], [start]
    while queue:
        function = queue.pop()
        if function in reached:
            continue
        reached.append(function)
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id in functions and functions[node.id] not in reached:
                queue.append(functions[node.id])
    used = set()
    for function in reached:
        hidden = local_names(function)
        for node in ast.walk(function):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and MARKERS.search(node.value):
                return node.lineno, "/" + api_name + " returns text marked as a stand-in ('" + MARKERS.search(node.value).group(0) + "'), not a model's output"
            if isinstance(node, ast.Name) and node.id == "NotImplementedError":
                return node.lineno, "/" + api_name + " raises NotImplementedError instead of running the model"
            if (isinstance(node, ast.Name) and node.id == "random") or (isinstance(node, ast.Attribute) and node.attr == "random"):
                return node.lineno, "/" + api_name + " draws its result at random instead of running the model"
            if isinstance(node, ast.Name) and node.id not in hidden:
                used.add(node.id)
    if used & (loaded | libraries):
        return None
    name = start.name if hasattr(start, "name") else "lambda"
    return start.lineno, "/" + api_name + " (" + name + ") never uses a loaded model or a model library, so its answer is not inference"


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
    found = placeholder(tree, sys.argv[1].lstrip("/")) if len(sys.argv) > 1 else None
    print(json.dumps({
        "compiles": True,
        "api_names": sorted(set(api_names)),
        "launches": launches,
        "placeholder": None if found is None else {"line": found[0], "detail": found[1]},
    }))


main()
