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

    private static readonly Lazy<string> Script = new(() => PythonScript.Load("app_policy.py"));

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

        var (verdict, failure) = await PythonScript.RunAsync(options, Script.Value, source, options.AllowedHosts.Order(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        return verdict is null ? [Unchecked(failure!)] : Parse(verdict);
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
}
