"""SpaceFactory's content policy for an agent-edited app.py.

Reads the app's source on stdin, the hosts it may contact as arguments, and prints one JSON object per
violation: {"rule": ..., "line": ..., "detail": ...}. It only parses (ast), it never runs the app.
The rules are deliberately blunt: a generated Gradio demo needs none of these things, so any of them means
the agent went beyond its task. See docs/security.md ("Agent policy").
"""

import ast
import json
import sys

PROCESS_MODULES = {"subprocess", "pty", "multiprocessing", "pexpect", "sh", "commands", "popen2"}
NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib", "urllib2", "urllib3", "requests", "httpx", "aiohttp", "ftplib",
    "smtplib", "telnetlib", "poplib", "imaplib", "nntplib", "websocket", "websockets", "paramiko", "xmlrpc",
    "socketserver", "asyncssh", "pycurl",
}
DYNAMIC_MODULES = {"importlib", "ctypes", "marshal", "pickle", "dill", "cloudpickle", "builtins", "code", "codeop", "runpy"}
DYNAMIC_CALLS = {"eval", "exec", "compile", "__import__", "globals", "vars", "breakpoint"}
OS_PROCESS = {
    "system", "popen", "fork", "forkpty", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve",
    "spawnvp", "spawnvpe", "execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp", "execvpe",
    "posix_spawn", "posix_spawnp", "startfile", "kill", "killpg",
}
OS_ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}
ASYNC_PROCESS = {"create_subprocess_exec", "create_subprocess_shell", "open_connection", "start_server"}
SECRET_PATHS = ("/proc/", "/.cache/huggingface", "/.huggingface", "hf_token", "/etc/passwd", "/.ssh", "/.netrc")


def top(name):
    return (name or "").split(".")[0]


class Checker(ast.NodeVisitor):
    def __init__(self, allowed_hosts):
        self.allowed = [h.lower() for h in allowed_hosts]
        self.found = []

    def report(self, rule, node, detail):
        self.found.append({"rule": rule, "line": getattr(node, "lineno", 0), "detail": detail})

    def check_module(self, node, name):
        root = top(name)
        if root in PROCESS_MODULES:
            self.report("process", node, "imports " + name + ", which starts processes")
        elif root in NETWORK_MODULES:
            self.report("network", node, "imports " + name + ", which opens network connections")
        elif root in DYNAMIC_MODULES:
            self.report("dynamic_code", node, "imports " + name + ", which loads or runs code dynamically")

    def visit_Import(self, node):
        for alias in node.names:
            self.check_module(node, alias.name)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        module = node.module or ""
        self.check_module(node, module)
        if module == "os":
            for alias in node.names:
                if alias.name in OS_ENVIRONMENT:
                    self.report("environment", node, "imports os." + alias.name + ", which reads the environment (where secrets live)")
                elif alias.name in OS_PROCESS:
                    self.report("process", node, "imports os." + alias.name + ", which starts or signals processes")
                elif alias.name == "*":
                    self.report("environment", node, "imports everything from os (its environment included)")
        if module == "asyncio":
            for alias in node.names:
                if alias.name in ASYNC_PROCESS:
                    self.report("process" if "subprocess" in alias.name else "network", node, "imports asyncio." + alias.name)
        self.generic_visit(node)

    def visit_Attribute(self, node):
        owner = node.value.id if isinstance(node.value, ast.Name) else None
        if owner == "os" and node.attr in OS_ENVIRONMENT:
            self.report("environment", node, "reads os." + node.attr + " (where secrets live)")
        elif owner == "os" and node.attr in OS_PROCESS:
            self.report("process", node, "calls os." + node.attr)
        elif owner == "asyncio" and node.attr in ASYNC_PROCESS:
            self.report("process" if "subprocess" in node.attr else "network", node, "calls asyncio." + node.attr)
        elif node.attr in ("__dict__", "__globals__", "__builtins__", "__code__", "__subclasses__"):
            self.report("dynamic_code", node, "uses " + node.attr + ", a way around these rules")
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in DYNAMIC_CALLS:
            self.report("dynamic_code", node, "uses " + node.id + ", which runs code built at run time")
        elif node.id == "__builtins__":
            self.report("dynamic_code", node, "uses __builtins__, a way around these rules")
        self.generic_visit(node)

    def visit_Call(self, node):
        # getattr(module, name) with a name that is not a plain literal can reach anything.
        if isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "delattr"):
            if len(node.args) < 2 or not (isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
                self.report("dynamic_code", node, node.func.id + " with a computed name")
            elif node.args[1].value in OS_ENVIRONMENT or node.args[1].value in OS_PROCESS:
                self.report("environment" if node.args[1].value in OS_ENVIRONMENT else "process", node, node.func.id + "(..., " + repr(node.args[1].value) + ")")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, (str, bytes)):
            text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
            self.check_text(node, text)
        self.generic_visit(node)

    def check_text(self, node, text):
        lowered = text.lower()
        for marker in SECRET_PATHS:
            if marker in lowered:
                self.report("environment", node, "names " + marker + ", where secrets are kept")
                break
        start = 0
        while True:
            at = lowered.find("://", start)
            if at < 0:
                return
            rest = lowered[at + 3:]
            host = rest.split("/")[0].split("?")[0].split("#")[0]
            host = host.rsplit("@", 1)[-1].split(":")[0].strip("[]")
            scheme = lowered[:at].split()[-1] if lowered[:at].split() else ""
            if host and not self.is_allowed(host):
                self.report("foreign_host", node, "contacts " + (scheme + "://" if scheme else "") + host + ", which is not the Hub")
            start = at + 3

    def is_allowed(self, host):
        return any(host == allowed or host.endswith("." + allowed) for allowed in self.allowed)


def main():
    source = sys.stdin.read()
    try:
        tree = ast.parse(source, filename="app.py")
    except SyntaxError as error:
        print(json.dumps({"rule": "syntax", "line": error.lineno or 0, "detail": "app.py is not valid Python: " + (error.msg or "syntax error")}))
        return
    checker = Checker(sys.argv[1:])
    checker.visit(tree)
    seen = set()
    for item in sorted(checker.found, key=lambda f: (f["line"], f["rule"])):
        key = (item["rule"], item["line"])
        if key not in seen:
            seen.add(key)
            print(json.dumps(item))


main()
