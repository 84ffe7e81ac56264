using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>
/// Checks an <c>app.py</c> with the embedded <c>app_policy.py</c> (Python's own <c>ast</c>, run by <c>python3 -I</c>
/// with a time and size bound): refused when it reads the environment, starts processes, opens sockets, runs code
/// built at run time or names a host other than the Hub's. The check fails closed: no verdict is a refusal.
/// </summary>
public sealed class PythonAppPolicy(AgentPolicyOptions options)
{
    /// <summary>The checked file.</summary>
    public const string FileName = "app.py";

    private const int MaxVerdictChars = 64 * 1024;
    private static readonly Lazy<string> Script = new(LoadScript);

    /// <summary>Every rule <paramref name="source"/> breaks.</summary>
    /// <param name="source">The app's text.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The violations (empty when it keeps every rule).</returns>
    public async Task<IReadOnlyList<PolicyViolation>> CheckAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = Encoding.UTF8.GetByteCount(source);
        if (bytes > options.MaxAppBytes)
        {
            return [new PolicyViolation("size", FileName, 0, $"app.py has {bytes} bytes, more than the {options.MaxAppBytes} the policy reads")];
        }

        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["-I", "-c", Script.Value, .. options.AllowedHosts.Order(StringComparer.Ordinal)])
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
            return [Unchecked($"'{options.Python}' could not be started ({ex.Message}); the policy needs Python 3 to read app.py")];
        }

        using var started = process ?? throw new InvalidOperationException($"'{options.Python}' did not start.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.TimeLimit);
        try
        {
            var output = ReadBoundedAsync(started.StandardOutput, limit.Token);
            var errors = started.StandardError.ReadToEndAsync(limit.Token);
            await started.StandardInput.WriteAsync(source.AsMemory(), limit.Token).ConfigureAwait(false);
            started.StandardInput.Close();
            await started.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            var verdict = await output.ConfigureAwait(false);
            _ = await errors.ConfigureAwait(false);
            return started.ExitCode == 0 ? Parse(verdict) : [Unchecked($"the Python check ended with exit code {started.ExitCode}")];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            started.Kill(entireProcessTree: true);
            return [Unchecked($"the Python check did not finish within {options.TimeLimit.TotalSeconds:F0} s")];
        }
        catch (IOException ex)
        {
            return [Unchecked($"the Python check failed ({ex.Message})")];
        }
    }

    private static PolicyViolation Unchecked(string why) => new("unchecked", FileName, 0, why + ", so app.py is refused unchecked");

    private static List<PolicyViolation> Parse(string verdict)
    {
        var found = new List<PolicyViolation>();
        foreach (var line in verdict.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var item = JsonDocument.Parse(line);
                var root = item.RootElement;
                found.Add(new PolicyViolation(
                    root.GetProperty("rule").GetString() ?? "unknown",
                    FileName,
                    root.TryGetProperty("line", out var number) && number.TryGetInt32(out var n) ? n : 0,
                    root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return [Unchecked("the Python check answered something unreadable")];
            }
        }

        return found;
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length < MaxVerdictChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxVerdictChars - text.Length));
            }
        }

        return text.ToString();
    }

    private static string LoadScript()
    {
        using var stream = typeof(PythonAppPolicy).Assembly.GetManifestResourceStream("SpaceFactory.Phases.Agents.Policy.app_policy.py")
            ?? throw new InvalidOperationException("The embedded resource app_policy.py is missing from SpaceFactory.Phases.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
