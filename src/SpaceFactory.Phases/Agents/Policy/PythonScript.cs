using System.Diagnostics;
using System.Text;

namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>
/// Runs one of the embedded checker scripts under <c>python3 -I</c> (no environment, no user site) with the checked
/// source on stdin, a time bound and a bounded answer. The checkers only parse; they never run the checked code.
/// </summary>
internal static class PythonScript
{
    private const int MaxOutputChars = 64 * 1024;

    /// <summary>The text of an embedded script of this folder, e.g. <c>app_policy.py</c>.</summary>
    public static string Load(string fileName)
    {
        using var stream = typeof(PythonScript).Assembly.GetManifestResourceStream("SpaceFactory.Phases.Agents.Policy." + fileName)
            ?? throw new InvalidOperationException($"The embedded resource {fileName} is missing from SpaceFactory.Phases.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Runs <paramref name="script"/> on <paramref name="input"/>: its output, or why there is none.</summary>
    public static async Task<(string? Output, string? Failure)> RunAsync(AgentPolicyOptions options, string script, string input, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["-I", "-c", script, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the host's environment (its secrets included) reaches the checker.
        var path = Environment.GetEnvironmentVariable("PATH");
        start.Environment.Clear();
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"'{options.Python}' could not be started ({ex.Message}); the check needs Python 3");
        }

        using var started = process ?? throw new InvalidOperationException($"'{options.Python}' did not start.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.TimeLimit);
        try
        {
            var output = ReadBoundedAsync(started.StandardOutput, limit.Token);
            var errors = started.StandardError.ReadToEndAsync(limit.Token);
            await started.StandardInput.WriteAsync(input.AsMemory(), limit.Token).ConfigureAwait(false);
            started.StandardInput.Close();
            await started.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            var text = await output.ConfigureAwait(false);
            _ = await errors.ConfigureAwait(false);
            return started.ExitCode == 0 ? (text, null) : (null, $"the Python check ended with exit code {started.ExitCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            started.Kill(entireProcessTree: true);
            return (null, $"the Python check did not finish within {options.TimeLimit.TotalSeconds:F0} s");
        }
        catch (IOException ex)
        {
            return (null, $"the Python check failed ({ex.Message})");
        }
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length < MaxOutputChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
            }
        }

        return text.ToString();
    }
}
