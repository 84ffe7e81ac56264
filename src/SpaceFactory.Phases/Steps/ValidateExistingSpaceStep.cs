using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The seed's second workflow: waits for an existing Space (parameter <c>space</c>), calls one endpoint
/// (<c>endpoint</c>, default the first in its API) <c>calls</c> times (default 3) with <c>inputs</c> (a JSON array,
/// default each parameter's example), and records the output type, p50/p95 latency and the returned value.
/// </summary>
public sealed class ValidateExistingSpaceStep(IGradioClientFactory gradio) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "validate_existing_space";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spaceText = context.GetParameter(EnsureTargetAbsentStep.SpaceParameter) ?? context.Target ?? throw new RecipeParameterException("space", "The recipe 'validate-space' needs the parameter 'space' (namespace/name).");
        if (!RepoId.TryParse(spaceText, out var space, out var error) || space.Namespace is null)
        {
            throw new RecipeParameterException("space", $"The Space to validate is invalid: {error ?? "it needs a namespace, e.g. owner/name"}.");
        }

        var calls = int.TryParse(context.GetParameter("calls") ?? "3", System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100
            ? n
            : throw new RecipeParameterException("calls", $"The parameter 'calls' must be a number from 1 to 100, not '{context.GetParameter("calls")}'.");
        await context.Recorder.SetTargetAsync(space.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);

        GradioClient client;
        try
        {
            client = await gradio.ConnectToSpaceAsync(space, new GradioConnectOptions { Token = context.GetSecret(FactorySecrets.HubToken) }, cancellationToken).ConfigureAwait(false);
        }
        catch (GradioSpaceUnavailableException ex)
        {
            return StepResult.Failure(OutcomeCode.RuntimeError, ex.Message);
        }
        catch (GradioAccessException ex)
        {
            return StepResult.Failure(OutcomeCode.Blocked, ex.Message);
        }
        catch (GradioException ex) when (!ex.IsTransient)
        {
            return StepResult.Failure(OutcomeCode.ValidationFailed, $"the app's API could not be read: {ex.Message}");
        }
        catch (HfNotFoundException)
        {
            throw new RecipeParameterException("space", $"There is no Space {space}, or the token cannot see it.");
        }

        await context.Recorder.WriteArtifactAsync("tests/api_schema.json", client.Schema.ToJson() + "\n", cancellationToken).ConfigureAwait(false);
        var endpoint = context.GetParameter("endpoint") is { } named
            ? client.Schema.Find(named) ?? throw new RecipeParameterException("endpoint", $"{space} has no endpoint '{named}'; it has {string.Join(", ", client.Schema.Endpoints.Select(e => e.ApiName))}.")
            : (client.Schema.Endpoints.Count > 0 ? client.Schema.Endpoints[0] : null) ?? throw new PhaseStepException(OutcomeCode.ValidationFailed, $"{space} exposes no named endpoint.");
        var inputs = ReadInputs(context.GetParameter("inputs"), endpoint);

        var latencies = new List<double>();
        GradioResult? last = null;
        string? failure = null;
        for (var i = 0; i < calls && failure is null; i++)
        {
            var started = context.TimeProvider.GetTimestamp();
            try
            {
                last = await client.CallAsync(endpoint.ApiName, inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
                latencies.Add(context.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
                if (endpoint.Returns.Count > 0 && last.Outputs.Count != endpoint.Returns.Count)
                {
                    failure = $"call {i + 1} of {endpoint.ApiName} returned {last.Outputs.Count} output(s), but the app's schema declares {endpoint.Returns.Count}";
                }
            }
            catch (GradioException ex)
            {
                failure = $"call {i + 1} of {endpoint.ApiName} failed: {ex.Message}";
            }
        }

        var result = new ValidationTestResult
        {
            Passed = failure is null,
            Reason = failure ?? $"{calls} call(s) of {endpoint.ApiName} answered",
            Simulated = client.App.IsSimulated,
            Space = space.ToString(),
            Endpoint = endpoint.ApiName,
            Inputs = inputs,
            Outputs = last?.Outputs ?? [],
            LatenciesMs = latencies,
            P50Ms = latencies.Count > 0 ? LatencyStatistics.Percentile(latencies, 50) : null,
            P95Ms = latencies.Count > 0 ? LatencyStatistics.Percentile(latencies, 95) : null,
            OutputType = last?.Outputs.Count > 0 ? last.Outputs[0].ValueKind.ToString() : null,
            Protocol = last?.Protocol,
            GradioVersion = client.App.Version,
            At = context.TimeProvider.GetUtcNow(),
        };
        await context.Recorder.WriteJsonArtifactAsync("tests/test_result.json", result, StepsJsonContext.Default.ValidationTestResult, cancellationToken).ConfigureAwait(false);
        var summary = failure ?? $"{calls} call(s) of {endpoint.ApiName}: output {result.OutputType}, p50 {result.P50Ms:0.#} ms, p95 {result.P95Ms:0.#} ms";
        await context.Recorder.SetValidationAsync(new ValidationSummary { Passed = failure is null, Summary = summary, Simulated = result.Simulated, LatencyMs = result.P50Ms }, cancellationToken).ConfigureAwait(false);
        return failure is null
            ? StepResult.Success(result.Simulated ? OutcomeCode.SimulatedInferenceSuccess : OutcomeCode.FullInferenceSuccess, summary)
            : StepResult.Failure(OutcomeCode.ValidationFailed, summary);
    }

    private static List<JsonElement> ReadInputs(string? json, GradioEndpointSchema endpoint)
    {
        if (json is null)
        {
            return [.. endpoint.Parameters.Where(p => p.Required).Select(p => p.Example ?? GradioValue.Null)];
        }

        try
        {
            var value = GradioValue.Json(json);
            return value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray()]
                : throw new RecipeParameterException("inputs", "The parameter 'inputs' must be a JSON array, e.g. [\"Hello\", 8].");
        }
        catch (JsonException ex)
        {
            throw new RecipeParameterException("inputs", $"The parameter 'inputs' is not valid JSON: {ex.Message}");
        }
    }
}
