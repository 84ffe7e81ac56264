using System.Diagnostics;
using System.Text.Json;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>
/// Compiles a generated app with <c>py_compile</c> and reads its structure with Python's <c>ast</c>: the api_names wired,
/// whether <c>launch</c> passes <c>show_error=True</c>, and anything an app must not do (read the environment, import
/// os/subprocess/socket/HTTP modules, call eval/exec/open).
/// </summary>
internal static class PythonAppInspector
{
    private const string Script = """
        import ast, json, py_compile, sys
        path = sys.argv[1]
        py_compile.compile(path, doraise=True)
        tree = ast.parse(open(path, encoding="utf-8").read())
        api_names, problems, show_error, generators = [], [], False, []
        forbidden_modules = {"os", "subprocess", "socket", "requests", "urllib", "http", "httpx", "shutil", "sys", "ctypes", "multiprocessing"}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "api_name" and isinstance(kw.value, ast.Constant):
                        api_names.append(kw.value.value)
                if isinstance(node.func, ast.Attribute) and node.func.attr == "launch":
                    show_error = any(kw.arg == "show_error" and isinstance(kw.value, ast.Constant) and kw.value.value is True for kw in node.keywords)
                if isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec", "compile", "__import__", "open"):
                    problems.append("calls " + node.func.id)
            if isinstance(node, ast.Import):
                problems += ["imports " + a.name for a in node.names if a.name.split(".")[0] in forbidden_modules]
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in forbidden_modules:
                problems.append("imports from " + node.module)
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "system", "popen"):
                problems.append("uses ." + node.attr)
            if isinstance(node, ast.FunctionDef) and any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)):
                generators.append(node.name)
        print(json.dumps({"api_names": api_names, "show_error": show_error, "problems": problems, "generators": generators}))
        """;

    /// <summary>The app's structure, or <see langword="null"/> when python3 is not installed.</summary>
    public static AppStructure? Inspect(string source)
    {
        var path = Path.Combine(Path.GetTempPath(), "sf-app-" + Guid.NewGuid().ToString("N") + ".py");
        try
        {
            File.WriteAllText(path, source);
            using var process = Process.Start(new ProcessStartInfo("python3")
            {
                ArgumentList = { "-c", Script, path },
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, "python3 could not compile or parse app.py: " + error);
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            return new AppStructure(
                [.. root.GetProperty("api_names").EnumerateArray().Select(e => e.GetString()!)],
                root.GetProperty("show_error").GetBoolean(),
                [.. root.GetProperty("problems").EnumerateArray().Select(e => e.GetString()!)],
                [.. root.GetProperty("generators").EnumerateArray().Select(e => e.GetString()!)]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(path);
            var compiled = Path.Combine(Path.GetDirectoryName(path)!, "__pycache__");
            foreach (var file in Directory.Exists(compiled) ? Directory.EnumerateFiles(compiled, Path.GetFileNameWithoutExtension(path) + "*") : [])
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>What <c>ast</c> found in an app.</summary>
    internal sealed record AppStructure(IReadOnlyList<string> ApiNames, bool ShowError, IReadOnlyList<string> Problems, IReadOnlyList<string> Generators);
}
