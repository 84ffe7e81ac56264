using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>The build's view of a Space's app: which file it runs (the card's <c>app_file</c>) and whether it compiles.</summary>
internal static class SpaceAppCompiler
{
    /// <summary>The card's <c>app_file</c>, or <c>app.py</c>.</summary>
    public static string AppFile(SpaceRuntime runtime)
    {
        if (runtime.Repo.Head.Tree.TryGetValue("README.md", out var readme))
        {
            using var reader = new StreamReader(readme.Open(), Encoding.UTF8);
            if (CardData.Parse(reader.ReadToEnd())?["app_file"] is JsonValue value && value.TryGetValue<string>(out var appFile) && appFile.Length > 0)
            {
                return appFile;
            }
        }

        return "app.py";
    }

    /// <summary>Runs <c>python3 -m py_compile</c> on the app file; null when it compiles or python3 is absent.</summary>
    public static async Task<string?> CompileAsync(SandboxServices services, SpaceRuntime runtime, string appFile)
    {
        var python = ExecutableLookup.FindOnPath("python3");
        if (python is null || !runtime.Repo.Head.Tree.TryGetValue(appFile, out var file))
        {
            return null;
        }

        var folder = Path.Combine(services.DataRoot, "builds", runtime.Repo.ObjectId + "-" + HexIds.New(6));
        var target = Path.Combine(folder, appFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var source = file.Open();
        await using (source.ConfigureAwait(false))
        {
            var output = File.Create(target);
            await using (output.ConfigureAwait(false))
            {
                await source.CopyToAsync(output).ConfigureAwait(false);
            }
        }

        var start = new ProcessStartInfo(python)
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add("py_compile");
        start.ArgumentList.Add(appFile);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            var message = ((await stderr.ConfigureAwait(false)) + (await stdout.ConfigureAwait(false))).Trim();
            return process.ExitCode == 0 ? null : $"Build failed: {appFile} does not compile (python3 -m py_compile, exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}):\n{message}";
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the data root is temporary.
            }
        }
    }
}
