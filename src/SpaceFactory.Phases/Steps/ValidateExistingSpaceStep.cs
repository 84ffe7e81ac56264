using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Monitoring;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The seed's second workflow: refuses a Space outside the token owner's namespaces (the user and their organizations),
/// waits for the Space (parameter <c>space</c>) to run, calls one endpoint (<c>endpoint</c>, default the first in its
/// API) <c>calls</c> times (default 3) with <c>inputs</c> (a JSON array, default each parameter's example), checks
/// the returned output type against the schema and <c>expect</c> (<c>text|image|audio|label|json|file</c>), stores
/// returned files under <c>artifacts/</c>, measures the cold first call apart from p50/p95, recommends a ZeroGPU
/// duration, and appends one <see cref="MonitorEntry"/> to the Space's monitor history.
/// </summary>
public sealed class ValidateExistingSpaceStep(
    IGradioClientFactory gradio,
    HubClient hub,
    IOptions<HfClientOptions> hfOptions,
    SpaceWaitOptions? waitOptions = null,
    MonitorHistory? monitors = null) : IPhaseStep
{
    /// <summary>The parameter naming the expected output type.</summary>
    public const string ExpectParameter = "expect";

    /// <summary>The variable a Hugging Face Job sets to its id; the record then links the validation Job.</summary>
    public const string JobIdVariable = "JOB_ID";

    private readonly SpaceWaitOptions _wait = waitOptions ?? new SpaceWaitOptions();
    private readonly Uri _endpoint = hfOptions.Value.ResolveEndpoint();

    /// <inheritdoc />
    public string Name => "validate_existing_space";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var space = ReadSpace(context);
        var calls = ReadCalls(context);
        var expect = ReadExpect(context);

        var me = await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        await context.Recorder.SetTargetAsync(space.ToString(), Links(space, me.Name), cancellationToken).ConfigureAwait(false);
        var namespaces = new[] { me.Name }.Concat(me.Organizations?.Select(o => o.Name) ?? []).Where(n => n.Length > 0).ToList();
        if (!namespaces.Contains(space.Namespace!, StringComparer.OrdinalIgnoreCase))
        {
            return StepResult.Failure(OutcomeCode.Blocked,
                $"{space} is outside your namespaces ({string.Join(", ", namespaces)}): SpaceFactory validates only Spaces that you or your organizations own");
        }

        var (step, result) = await ValidateAsync(context, space, calls, expect, cancellationToken).ConfigureAwait(false);
        await AppendMonitorAsync(context, space, step, result, cancellationToken).ConfigureAwait(false);
        return step;
    }

    private async Task<(StepResult Step, ValidationTestResult? Result)> ValidateAsync(PhaseContext context, RepoId space, int calls, string? expect, CancellationToken cancellationToken)
    {
        SpaceWaitResult wait;
        try
        {
            wait = await hub.WaitForSpaceRunningAsync(space, new SpaceRunningWaitOptions
            {
                Watch = new SpaceWatchOptions { PollInterval = _wait.InitialDelay, MaxPollInterval = _wait.MaxDelay },
                Timeout = _wait.Timeout,
                OnStage = (runtime, _) => new ValueTask(context.Recorder.RecordEventAsync("space_stage", $"{space} is {runtime.Stage}", cancellationToken: cancellationToken)),
                OnWake = (_, _) => new ValueTask(context.Recorder.RecordEventAsync("space_restarted", $"{space} was sleeping; restart requested", cancellationToken: cancellationToken)),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HfNotFoundException)
        {
            throw new RecipeParameterException("space", $"There is no Space {space}, or the token cannot see it.");
        }

        if (!wait.IsRunning)
        {
            var stage = wait.Runtime?.Stage.ToString() ?? "not reporting a stage";
            var code = wait.Runtime?.Stage == SpaceStage.BuildError ? OutcomeCode.BuildError : OutcomeCode.RuntimeError;
            return (StepResult.Failure(code, wait.TimedOut ? $"{space} was still {stage} after {_wait.Timeout}" : $"{space} is {stage}, not running"), null);
        }

        GradioClient client;
        try
        {
            client = await gradio.ConnectToSpaceAsync(space, new GradioConnectOptions { Token = context.GetSecret(FactorySecrets.HubToken) }, cancellationToken).ConfigureAwait(false);
        }
        catch (GradioSpaceUnavailableException ex)
        {
            return (StepResult.Failure(OutcomeCode.RuntimeError, ex.Message), null);
        }
        catch (GradioAccessException ex)
        {
            return (StepResult.Failure(OutcomeCode.Blocked, ex.Message), null);
        }
        catch (GradioException ex) when (!ex.IsTransient)
        {
            return (StepResult.Failure(OutcomeCode.ValidationFailed, $"the app's API could not be read: {ex.Message}"), null);
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
        var declared = endpoint.Returns.Count > 0 ? ValidateOutputKinds.Declared(endpoint.Returns[0]) : null;

        var latencies = new List<double>();
        var files = new List<string>();
        GradioResult? last = null;
        string? observed = null;
        string? firstShape = null;
        string? failure = null;
        for (var i = 0; i < calls && failure is null; i++)
        {
            var started = context.TimeProvider.GetTimestamp();
            try
            {
                last = await client.CallAsync(endpoint.ApiName, inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
                latencies.Add(context.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (GradioException ex)
            {
                failure = $"call {i + 1} of {endpoint.ApiName} failed: {ex.Message}";
                break;
            }

            if (endpoint.Returns.Count > 0 && last.Outputs.Count != endpoint.Returns.Count)
            {
                failure = $"call {i + 1} of {endpoint.ApiName} returned {last.Outputs.Count} output(s), but the app's schema declares {endpoint.Returns.Count}";
            }
            else if (last.Outputs.Count == 0)
            {
                failure = $"call {i + 1} of {endpoint.ApiName} returned no output";
            }
            else if (i == 0)
            {
                firstShape = ValidateOutputKinds.Observed(last.Outputs[0]);
                (observed, failure) = await StoreFilesAsync(context, client, last.Outputs, files, cancellationToken).ConfigureAwait(false);
            }
            else if (ValidateOutputKinds.Observed(last.Outputs[0]) is var again && !string.Equals(again, firstShape, StringComparison.Ordinal))
            {
                failure = $"call {i + 1} of {endpoint.ApiName} returned {again}, where call 1 returned {firstShape}";
            }
        }

        failure ??= TypeMismatch(observed, declared, expect);
        var cold = latencies.Count > 0 ? latencies[0] : (double?)null;
        var warm = latencies.Count > 1 ? latencies.Skip(1).ToList() : latencies;
        var p50 = warm.Count > 0 ? LatencyStatistics.Percentile(warm, 50) : (double?)null;
        var p95 = warm.Count > 0 ? LatencyStatistics.Percentile(warm, 95) : (double?)null;
        var gpu = cold is { } c && p95 is { } p ? LatencyStatistics.RecommendGpuDuration(c, p) : null;
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
            ColdMs = cold,
            P50Ms = p50,
            P95Ms = p95,
            OutputType = observed,
            ExpectedOutputType = expect,
            DeclaredOutputType = declared,
            OutputFiles = files,
            GpuDuration = gpu,
            Protocol = last?.Protocol,
            GradioVersion = client.App.Version,
            At = context.TimeProvider.GetUtcNow(),
        };
        await context.Recorder.WriteJsonArtifactAsync("tests/test_result.json", result, StepsJsonContext.Default.ValidationTestResult, cancellationToken).ConfigureAwait(false);
        var summary = failure ?? Summary(calls, endpoint.ApiName, result);
        await context.Recorder.SetValidationAsync(new ValidationSummary { Passed = failure is null, Summary = summary, Simulated = result.Simulated, LatencyMs = p50 }, cancellationToken).ConfigureAwait(false);
        var step = failure is null
            ? StepResult.Success(result.Simulated ? OutcomeCode.SimulatedInferenceSuccess : OutcomeCode.FullInferenceSuccess, summary)
            : StepResult.Failure(OutcomeCode.ValidationFailed, summary);
        return (step, result);
    }

    private static string Summary(int calls, string apiName, ValidationTestResult result)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{calls} call(s) of {apiName}: output {result.OutputType}, cold {result.ColdMs:0} ms, p50 {result.P50Ms:0} ms, p95 {result.P95Ms:0} ms");
        if (result.OutputFiles.Count > 0)
        {
            text += ", saved " + string.Join(", ", result.OutputFiles.Select(f => $"[{f}]({f})"));
        }

        if (result.GpuDuration is { } gpu)
        {
            text += $"; recommended ZeroGPU duration: {gpu.Advice} (rule: {gpu.Rule})";
        }

        return result.Simulated ? text + " — against a simulated runtime, no real inference" : text;
    }

    /// <summary>Why the observed type is wrong for the schema or for <c>--expect</c>; null when it is right.</summary>
    private static string? TypeMismatch(string? observed, string? declared, string? expect)
    {
        if (observed is null)
        {
            return null;
        }

        if (declared is not null && !ValidateOutputKinds.Satisfies(observed, declared))
        {
            return $"the app returned {observed}, but its schema declares {declared}";
        }

        return expect is not null && !ValidateOutputKinds.Satisfies(observed, expect)
            ? $"the app returned {observed}, but {expect} was expected (--expect {expect})"
            : null;
    }

    /// <summary>Downloads the file outputs of the first call (bounded), stores them under <c>artifacts/</c> and types the first output.</summary>
    private static async Task<(string? Observed, string? Failure)> StoreFilesAsync(
        PhaseContext context, GradioClient client, IReadOnlyList<JsonElement> outputs, List<string> files, CancellationToken cancellationToken)
    {
        string? observed = null;
        for (var j = 0; j < outputs.Count; j++)
        {
            var kind = ValidateOutputKinds.Observed(outputs[j]);
            if (string.Equals(kind, ValidateOutputKinds.File, StringComparison.Ordinal))
            {
                var file = new GradioFileData
                {
                    Path = outputs[j].TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString()! : string.Empty,
                    Url = outputs[j].TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
                };
                byte[]? content;
                try
                {
                    var stream = await client.DownloadAsync(file, cancellationToken).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        content = await Validation.BoundedRead.ReadAsync(stream, Validation.FileOutputCheck.MaxBytes, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is GradioException or HttpRequestException or IOException)
                {
                    return (kind, $"output {j + 1} is a file that could not be downloaded: {ex.Message}");
                }

                if (content is null)
                {
                    return (kind, $"output {j + 1} is a file larger than {Validation.FileOutputCheck.MaxBytes / (1024 * 1024)} MiB");
                }

                var (fileKind, extension) = ValidateOutputKinds.OfFile(content);
                var artifact = $"artifacts/output{j + 1}{extension}";
                await context.Recorder.WriteArtifactAsync(artifact, new MemoryStream(content, writable: false), cancellationToken).ConfigureAwait(false);
                files.Add(artifact);
                kind = fileKind;
            }

            observed ??= kind;
        }

        return (observed, null);
    }

    private async Task AppendMonitorAsync(PhaseContext context, RepoId space, StepResult step, ValidationTestResult? result, CancellationToken cancellationToken)
    {
        if (monitors is not { CanAppend: true })
        {
            return;
        }

        var entry = new MonitorEntry(context.TimeProvider.GetUtcNow(), context.RunId.Value, space.ToString(), step.Outcome?.Code ?? OutcomeCode.Incomplete, step.Outcome?.Code.IsSuccess == true)
        {
            ColdMs = result?.ColdMs,
            P50Ms = result?.P50Ms,
            P95Ms = result?.P95Ms,
            OutputType = result?.OutputType,
            Calls = result?.LatenciesMs.Count ?? 0,
            RecommendedGpuDurationSeconds = result?.GpuDuration?.Seconds,
            Reason = step.Outcome?.Reason,
        };
        try
        {
            await monitors.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
            await context.Recorder.RecordEventAsync("monitor_appended", $"{space}: {entry.Outcome} appended to {monitors.Describe(space)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // The check itself stands; a history that cannot be written is said, not fatal.
            await context.Recorder.RecordEventAsync("monitor_not_appended", $"the monitor history of {space} could not be written: {ex.Message}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private Dictionary<string, string> Links(RepoId space, string owner)
    {
        var root = _endpoint.AbsoluteUri.TrimEnd('/');
        var links = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["space"] = $"{root}/spaces/{space}",
            ["settings"] = $"{root}/spaces/{space}/settings",
        };
        if (Environment.GetEnvironmentVariable(JobIdVariable) is { Length: > 0 } jobId && owner.Length > 0)
        {
            links["job"] = $"{root}/jobs/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(jobId)}";
        }

        return links;
    }

    private static RepoId ReadSpace(PhaseContext context)
    {
        var spaceText = context.GetParameter(EnsureTargetAbsentStep.SpaceParameter) ?? context.Target
            ?? throw new RecipeParameterException("space", "The recipe 'validate-space' needs the parameter 'space' (namespace/name).");
        return RepoId.TryParse(spaceText, out var space, out var error) && space.Namespace is not null
            ? space
            : throw new RecipeParameterException("space", $"The Space to validate is invalid: {error ?? "it needs a namespace, e.g. owner/name"}.");
    }

    private static int ReadCalls(PhaseContext context) =>
        int.TryParse(context.GetParameter("calls") ?? "3", NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100
            ? n
            : throw new RecipeParameterException("calls", $"The parameter 'calls' must be a number from 1 to 100, not '{context.GetParameter("calls")}'.");

    private static string? ReadExpect(PhaseContext context) =>
        context.GetParameter(ExpectParameter) is not { } text
            ? null
            : ValidateOutputKinds.All.FirstOrDefault(k => string.Equals(k, text.Trim(), StringComparison.OrdinalIgnoreCase))
              ?? throw new RecipeParameterException(ExpectParameter, $"The parameter 'expect' must be one of {string.Join(", ", ValidateOutputKinds.All)}, not '{text}'.");

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
        catch (JsonException)
        {
            throw new RecipeParameterException("inputs", "The parameter 'inputs' is not valid JSON; give a JSON array, e.g. [\"Hello\", 8].");
        }
    }
}
