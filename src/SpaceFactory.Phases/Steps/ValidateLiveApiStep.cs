using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The factory's judge: connects to the live Gradio API of the target Space, saves <c>tests/api_schema.json</c>,
/// calls <c>/health</c> and the endpoint with the probe, measures latency, saves <c>tests/test_result.json</c>, and
/// declares success only when the output passes the check: <c>full_inference_success</c>, or
/// <c>simulated_inference_success</c> when the app is a simulation (never claimed as real inference).
/// </summary>
public sealed class ValidateLiveApiStep(IGradioClientFactory gradio, StepRetryOptions? retry = null) : IPhaseStep
{
    private readonly StepRetryOptions _retry = retry ?? new StepRetryOptions();

    /// <inheritdoc />
    public string Name => "validate_live_api";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.State.Get(FactoryState.Target);
        var probe = context.State.Get(FactoryState.App).Probe.ToProbe();
        var clock = context.TimeProvider;
        var result = new ValidationTestResult { Passed = false, Reason = string.Empty, Space = target.RepoId.ToString(), Endpoint = probe.ApiName, Inputs = probe.Inputs, Check = probe.Check.Kind, CheckDescription = probe.Check.Description, At = clock.GetUtcNow() };

        GradioClient client;
        try
        {
            client = await RetryAsync(context, "connecting to the app", ct => gradio.ConnectToSpaceAsync(target.RepoId, new GradioConnectOptions { Token = context.GetSecret(FactorySecrets.HubToken) }, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (GradioSpaceUnavailableException ex)
        {
            return await FinishAsync(context, result with { Reason = ex.Message }, OutcomeCode.RuntimeError, cancellationToken).ConfigureAwait(false);
        }
        catch (GradioException ex) when (!ex.IsTransient)
        {
            return await FinishAsync(context, result with { Reason = $"the app's API could not be read: {ex.Message}" }, OutcomeCode.ValidationFailed, cancellationToken).ConfigureAwait(false);
        }

        await context.Recorder.WriteArtifactAsync("tests/api_schema.json", client.Schema.ToJson() + "\n", cancellationToken).ConfigureAwait(false);
        result = result with { Simulated = client.App.IsSimulated, GradioVersion = client.App.Version };
        if (client.App.IsSimulated)
        {
            await context.Recorder.RecordEventAsync("simulated_runtime", "the Space's app is a simulation (SpaceFactory Sandbox): validation checks the API contract, not real inference", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (probe.HealthApiName is { } health && client.Schema.Find(health) is not null)
            {
                var answer = await RetryAsync(context, health, ct => client.CallAsync(health, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                result = result with { Health = answer.Outputs.Count > 0 ? answer.Outputs[0] : null };
            }

            var inputs = await UploadProbeMediaAsync(context, client, probe, cancellationToken).ConfigureAwait(false);
            result = result with { Inputs = inputs };
            var started = clock.GetTimestamp();
            var call = await RetryAsync(context, probe.ApiName, ct => client.CallAsync(probe.ApiName, inputs, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            var latency = clock.GetElapsedTime(started).TotalMilliseconds;
            var verdict = await JudgeOutputsAsync(context, client, probe.Check, call.Outputs, cancellationToken).ConfigureAwait(false);
            result = result with
            {
                Passed = verdict.Passed,
                Reason = verdict.Reason,
                Outputs = call.Outputs,
                LatenciesMs = [latency],
                P50Ms = latency,
                P95Ms = latency,
                OutputType = call.Outputs.Count > 0 ? call.Outputs[0].ValueKind.ToString() : null,
                Protocol = call.Protocol,
            };
        }
        catch (GradioException ex) when (ex is not GradioSpaceUnavailableException && !ex.IsTransient)
        {
            return await FinishAsync(context, result with { Reason = $"{probe.ApiName} failed: {ex.Message}" }, OutcomeCode.ValidationFailed, cancellationToken).ConfigureAwait(false);
        }

        if (!result.Passed)
        {
            return await FinishAsync(context, result with { Reason = $"{probe.ApiName} answered, but {result.Reason}" }, OutcomeCode.ValidationFailed, cancellationToken).ConfigureAwait(false);
        }

        var code = result.Simulated ? OutcomeCode.SimulatedInferenceSuccess : OutcomeCode.FullInferenceSuccess;
        return await FinishAsync(context, result with
        {
            Reason = $"{probe.ApiName} passed ({probe.Check.Description}): {result.Reason}{(result.Simulated ? " — against a simulated runtime, no real inference" : string.Empty)}",
        }, code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A validation call has no lasting effect, so a transient failure (5xx, 429, a cut stream) is tried again; when the
    /// app keeps failing the exception ends the run service_unavailable (resumable), never validation_failed.
    /// </summary>
    private Task<T> RetryAsync<T>(PhaseContext context, string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        StepRetry.RetryAsync(
            context,
            _retry,
            "validation_retry",
            (ex, attempt) => $"{what} hit a transient failure ({StepRetry.Describe(ex)}); attempt {attempt} of {_retry.MaxAttempts}",
            (_, ct) => call(ct),
            cancellationToken);

    /// <summary>
    /// Makes each media input of the probe (a PNG drawn in code, a short WAV tone), keeps a copy under
    /// <c>artifacts/</c>, uploads it through the app's upload route and puts the uploaded file in its input slot.
    /// </summary>
    private async Task<IReadOnlyList<JsonElement>> UploadProbeMediaAsync(PhaseContext context, GradioClient client, ValidationProbe probe, CancellationToken cancellationToken)
    {
        if (probe.Uploads.Count == 0)
        {
            return probe.Inputs;
        }

        var inputs = probe.Inputs.ToArray();
        foreach (var upload in probe.Uploads)
        {
            if (upload.InputIndex < 0 || upload.InputIndex >= inputs.Length)
            {
                throw new InvalidOperationException($"The probe uploads a {upload.Kind} for input {upload.InputIndex}, but {probe.ApiName} takes {inputs.Length} inputs.");
            }

            var (fileName, content) = ProbeMedia.Create(upload.Kind);
            await context.Recorder.WriteArtifactAsync($"artifacts/input{upload.InputIndex}_{fileName}", new MemoryStream(content, writable: false), cancellationToken).ConfigureAwait(false);
            var file = await RetryAsync(context, "uploading " + fileName, ct => client.UploadAsync(new MemoryStream(content, writable: false), fileName, ct), cancellationToken).ConfigureAwait(false);
            inputs[upload.InputIndex] = GradioValue.File(file);
        }

        return inputs;
    }

    /// <summary>
    /// Applies the output check; a file output (image, audio) is then downloaded (bounded), stored under
    /// <c>artifacts/</c> and judged by its bytes, and the verdict links the stored file for report.md.
    /// </summary>
    private async Task<OutputCheckResult> JudgeOutputsAsync(PhaseContext context, GradioClient client, OutputCheck check, IReadOnlyList<JsonElement> outputs, CancellationToken cancellationToken)
    {
        var verdict = check.Evaluate(outputs);
        if (!verdict.Passed || check is not FileOutputCheck fileCheck)
        {
            return verdict;
        }

        var reasons = new List<string>();
        var references = fileCheck.FileReferences(outputs);
        for (var i = 0; i < references.Count; i++)
        {
            var content = await DownloadAsync(context, client, references[i], cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return OutputCheckResult.Fail($"the output file is larger than {FileOutputCheck.MaxBytes / (1024 * 1024)} MiB");
            }

            // The main file keeps the name artifacts/output.<ext>; further files (an annotated image's masks) are numbered from 1.
            var (contentVerdict, extension) = fileCheck.EvaluateContent(content);
            var artifact = "artifacts/output" + (i == 0 ? string.Empty : i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + extension;
            await context.Recorder.WriteArtifactAsync(artifact, new MemoryStream(content, writable: false), cancellationToken).ConfigureAwait(false);
            var reason = $"{contentVerdict.Reason}, saved as [{artifact}]({artifact})";
            if (!contentVerdict.Passed)
            {
                return contentVerdict with { Reason = reason };
            }

            reasons.Add(reason);
        }

        return references.Count == 1 ? OutputCheckResult.Pass(reasons[0]) : OutputCheckResult.Pass($"{verdict.Reason}; {string.Join("; ", reasons)}");
    }

    /// <summary>Downloads one returned <c>FileData</c>, at most <see cref="FileOutputCheck.MaxBytes"/>; null when larger.</summary>
    private Task<byte[]?> DownloadAsync(PhaseContext context, GradioClient client, JsonElement reference, CancellationToken cancellationToken)
    {
        var file = new GradioFileData
        {
            Path = reference.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString()! : string.Empty,
            Url = reference.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
        };

        return RetryAsync(context, "downloading the output file", async ct =>
        {
            var stream = await client.DownloadAsync(file, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await BoundedRead.ReadAsync(stream, FileOutputCheck.MaxBytes, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    private static async Task<StepResult> FinishAsync(PhaseContext context, ValidationTestResult result, OutcomeCode code, CancellationToken cancellationToken)
    {
        var passed = code.IsSuccess;
        result = result with { Passed = passed };
        await context.Recorder.WriteJsonArtifactAsync("tests/test_result.json", result, StepsJsonContext.Default.ValidationTestResult, cancellationToken).ConfigureAwait(false);
        await context.Recorder.SetValidationAsync(new ValidationSummary
        {
            Passed = passed,
            Summary = result.Reason,
            Simulated = result.Simulated,
            LatencyMs = result.P50Ms,
        }, cancellationToken).ConfigureAwait(false);
        return passed ? StepResult.Success(code, result.Reason) : StepResult.Failure(code, result.Reason);
    }
}
