using System.Text.Json;

namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>
/// The structure an app the agent wrote must have before it may ship (rule <c>structure</c>): <c>app.py</c> compiles,
/// calls <c>launch()</c> and wires every endpoint validation calls (<c>health</c> and the manifest's endpoint) as an
/// <c>api_name</c>; and (rule <c>placeholder</c>) the generation endpoint's function reaches a model the app loaded
/// or a model library, and returns no text marked as a stand-in, no random result and no <c>NotImplementedError</c>.
/// Read by the embedded <c>app_structure.py</c> (Python's own compiler and <c>ast</c>, never run); no answer is a refusal.
/// </summary>
internal sealed class AppStructureCheck(AgentPolicyOptions options)
{
    private static readonly Lazy<string> Script = new(() => PythonScript.Load("app_structure.py"));

    /// <summary>Why <paramref name="source"/> lacks the structure, or null when it has it.</summary>
    /// <param name="source">The app's text.</param>
    /// <param name="requiredApiNames">The endpoints it must wire, without a slash (<c>health</c>, <c>predict</c>).</param>
    /// <param name="inferenceApiName">The generation endpoint, without a slash, whose function must run a model.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<PolicyViolation?> CheckAsync(string source, IReadOnlyCollection<string> requiredApiNames, string inferenceApiName, CancellationToken cancellationToken)
    {
        var (output, failure) = await PythonScript.RunAsync(options, Script.Value, source, [inferenceApiName], cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return Refuse(0, failure + ", so app.py is refused unchecked");
        }

        try
        {
            using var answer = JsonDocument.Parse(output);
            var root = answer.RootElement;
            if (!root.GetProperty("compiles").GetBoolean())
            {
                return Refuse(root.GetProperty("line").GetInt32(), "app.py does not compile: " + root.GetProperty("detail").GetString());
            }

            var wired = root.GetProperty("api_names").EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
            var missing = requiredApiNames.Where(name => !wired.Contains(name)).ToArray();
            if (missing.Length > 0)
            {
                return Refuse(0, $"app.py does not wire the endpoint{(missing.Length > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(m => "/" + m))} (api_name) that validation calls");
            }

            if (!root.GetProperty("launches").GetBoolean())
            {
                return Refuse(0, "app.py never calls launch(), so the Space would not serve it");
            }

            var placeholder = root.GetProperty("placeholder");
            return placeholder.ValueKind == JsonValueKind.Null
                ? null
                : new PolicyViolation("placeholder", PythonAppPolicy.FileName, placeholder.GetProperty("line").GetInt32(), placeholder.GetProperty("detail").GetString() + "; the app must run the model for real or write blockers.md");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Refuse(0, "the Python check answered something unreadable, so app.py is refused unchecked");
        }
    }

    private static PolicyViolation Refuse(int line, string detail) => new("structure", PythonAppPolicy.FileName, line, detail);
}
