using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// Builds the full <c>data</c> array of a call: the caller's inputs, defaults for missing trailing parameters (the
/// <c>/call</c> API does not fill them), and <c>null</c> for every State input, which callers never give.
/// </summary>
internal static class GradioInputs
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    public static IReadOnlyList<JsonElement> Build(GradioDependency dependency, GradioEndpointSchema? endpoint, IReadOnlyList<JsonElement> inputs, string name)
    {
        var parameters = endpoint?.Parameters ?? [];
        var states = dependency.InputIsState;
        var stateCount = 0;
        for (var i = 0; i < states.Count; i++)
        {
            stateCount += states[i] ? 1 : 0;
        }

        var expected = states.Count > 0 ? states.Count - stateCount : parameters.Count;
        if (inputs.Count > expected)
        {
            throw new GradioValidationException($"/{name} takes {expected} input(s) ({Names(parameters)}), but {inputs.Count} were given.");
        }

        if (inputs.Count == expected && stateCount == 0)
        {
            return inputs; // the common case: every input given, no State among them
        }

        var values = new List<JsonElement>(inputs);
        for (var i = inputs.Count; i < expected; i++)
        {
            var parameter = i < parameters.Count ? parameters[i] : null;
            if (parameter?.Default is { } value)
            {
                values.Add(value);
            }
            else
            {
                throw new GradioValidationException($"/{name} needs input {i + 1} ('{parameter?.Name ?? "?"}'), which has no default; it takes ({Names(parameters)}).");
            }
        }

        if (dependency.InputIsState.Count == 0)
        {
            return values;
        }

        var data = new List<JsonElement>(dependency.InputIsState.Count);
        var next = 0;
        foreach (var isState in dependency.InputIsState)
        {
            data.Add(isState ? GradioValue.Null : values[next++]);
        }

        return data;
    }

    private static string Names(IReadOnlyList<GradioParameterSchema> parameters) =>
        parameters.Count == 0 ? "no named parameters" : string.Join(", ", parameters.Select(p => p.Required ? p.Name : p.Name + "?"));
}
