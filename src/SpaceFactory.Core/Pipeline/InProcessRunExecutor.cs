using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceFactory.Core.Records;
using SpaceFactory.Core.Redaction;
using SpaceFactory.Core.Telemetry;

namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// Runs recipes in this process, writing the record to an <see cref="IRunStore"/>. A run succeeds only if a step
/// declared success; an exception never becomes success; cancellation and timeouts end with a complete record.
/// </summary>
public sealed class InProcessRunExecutor : IRunExecutor
{
    private readonly IRecipeCatalog _recipes;
    private readonly IRunStore _store;
    private readonly SpaceFactoryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IServiceProvider? _services;

    /// <summary>Creates the executor.</summary>
    /// <param name="recipes">The recipes it can run.</param>
    /// <param name="store">Where records go.</param>
    /// <param name="options">Pipeline settings.</param>
    /// <param name="timeProvider">The clock (timeouts, timestamps).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="services">Host services handed to steps through <see cref="PhaseContext.Services"/>.</param>
    public InProcessRunExecutor(
        IRecipeCatalog recipes,
        IRunStore store,
        SpaceFactoryOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<InProcessRunExecutor>? logger = null,
        IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        ArgumentNullException.ThrowIfNull(store);
        _recipes = recipes;
        _store = store;
        _options = options ?? new SpaceFactoryOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _services = services;
    }

    /// <inheritdoc />
    public IRunReader Records => _store;

    /// <inheritdoc />
    public async Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipe = _recipes.GetRequired(request.Recipe);
        request = request.WithRunId(_timeProvider);
        var runId = request.RunId!.Value;
        if (await _store.GetStateAsync(runId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new InvalidOperationException($"Run {runId} already exists; resume it instead of starting it again.");
        }

        var redactor = NewRedactor(request.Secrets);
        var now = _timeProvider.GetUtcNow();
        var state = new RunState
        {
            RunId = runId.Value,
            Recipe = recipe.Name,
            Status = RunStatus.Running,
            Parameters = new Dictionary<string, string>(request.Parameters, StringComparer.Ordinal),
            Target = request.Target,
            Steps = [.. recipe.Steps.Select(s => new StepRecord { Name = s.Name, Status = StepStatus.Pending, SafeToRerun = s.IsSafeToRerun })],
            Executor = _options.ExecutorName,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var writer = await _store.OpenWriterAsync(runId, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            using var recorder = new RunRecorder(runId, writer, redactor, state, 0, _timeProvider, _options.AllowRawTraces);
            await recorder.UpdateAsync(s => s, CancellationToken.None).ConfigureAwait(false);
            await recorder.AppendEventAsync(null, "run_started", $"Recipe {recipe.Name} started", Data(recipe), CancellationToken.None).ConfigureAwait(false);
            CoreLog.RunStarted(_logger, runId.Value, recipe.Name);
            SpaceFactoryTelemetry.RunsStarted.Add(1, new KeyValuePair<string, object?>("recipe", recipe.Name));
            var context = NewContext(runId, recipe, request.Secrets, new PhaseState(), recorder);
            return await ExecuteStepsAsync(recipe, recorder, context, successSoFar: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default)
    {
        var state = await _store.GetStateAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"There is no run {runId} in {_store.Describe(runId)}.");
        if (state.Status == RunStatus.Succeeded)
        {
            await CompleteEndedRecordAsync(runId, state, secrets, cancellationToken).ConfigureAwait(false);
            return new RunResult(runId, state.Status, state.Outcome, _store.Describe(runId));
        }

        var recipe = _recipes.GetRequired(state.Recipe);
        var recorded = state.Steps.Select(s => s.Name).ToList();
        if (!recorded.SequenceEqual(recipe.Steps.Select(s => s.Name), StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Run {runId} was made by recipe '{recipe.Name}' with steps [{string.Join(", ", recorded)}], but the recipe now has " +
                $"[{string.Join(", ", recipe.Steps.Select(s => s.Name))}]; it cannot be resumed.");
        }

        secrets ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var writer = await _store.OpenWriterAsync(runId, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var tail = await writer.RepairEventLogAsync(cancellationToken).ConfigureAwait(false);
            using var recorder = new RunRecorder(runId, writer, NewRedactor(secrets), state, tail.LastSeq, _timeProvider, _options.AllowRawTraces, await ListFilesAsync(runId, cancellationToken).ConfigureAwait(false));
            await RecordRepairAsync(recorder, tail).ConfigureAwait(false);

            var bag = await LoadStateBagAsync(runId, cancellationToken).ConfigureAwait(false);
            var skipped = state.Steps.Count(s => s.Status is StepStatus.Completed or StepStatus.Skipped);
            await recorder.UpdateAsync(s => s with { Status = RunStatus.Running, Outcome = null, Error = null, EndedAt = null, Resumes = s.Resumes + 1 }, CancellationToken.None).ConfigureAwait(false);
            await recorder.AppendEventAsync(null, "run_resumed", $"Resumed; {skipped} finished step(s) are skipped", null, CancellationToken.None).ConfigureAwait(false);
            CoreLog.RunResumed(_logger, runId.Value, recorder.State.Resumes, skipped);
            SpaceFactoryTelemetry.RunsStarted.Add(1, new KeyValuePair<string, object?>("recipe", recipe.Name));

            // A step that did not finish (crash) or failed is re-run only when it says that is safe.
            for (var i = 0; i < recipe.Steps.Count; i++)
            {
                var record = recorder.State.Steps[i];
                if (record.Status is StepStatus.Completed or StepStatus.Skipped or StepStatus.Pending)
                {
                    continue;
                }

                var step = recipe.Steps[i];
                if (!step.IsSafeToRerun)
                {
                    var how = record.Status == StepStatus.Running ? "was interrupted" : $"ended {record.Status.ToString().ToLowerInvariant()}";
                    var reason = $"step '{step.Name}' {how} and is not safe to re-run; inspect what it did before acting by hand";
                    await SetStepAsync(recorder, i, r => r with { Status = StepStatus.Interrupted, Summary = reason }).ConfigureAwait(false);
                    await recorder.AppendEventAsync(step.Name, "step_interrupted", reason, null, CancellationToken.None).ConfigureAwait(false);
                    return await FinishAsync(recipe, recorder, RunStatus.Failed, new RunOutcome(OutcomeCode.Interrupted, reason), null).ConfigureAwait(false);
                }

                await SetStepAsync(recorder, i, r => r with { Status = StepStatus.Pending, Error = null, Outcome = null }).ConfigureAwait(false);
                await recorder.AppendEventAsync(step.Name, "step_rerun", $"step '{step.Name}' {record.Status.ToString().ToLowerInvariant()} before; it is safe to re-run and will run again", null, CancellationToken.None).ConfigureAwait(false);
            }

            var success = recorder.State.Steps.LastOrDefault(s => s.Status == StepStatus.Completed && s.Outcome is { Code.IsSuccess: true })?.Outcome;
            var context = NewContext(runId, recipe, secrets, bag, recorder, state.Parameters, state.Target);
            return await ExecuteStepsAsync(recipe, recorder, context, success, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A process killed between the final state write and the final event leaves no <c>run_ended</c>: add it.</summary>
    private async Task CompleteEndedRecordAsync(RunId runId, RunState state, IReadOnlyDictionary<string, string>? secrets, CancellationToken cancellationToken)
    {
        var writer = await _store.OpenWriterAsync(runId, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var tail = await writer.RepairEventLogAsync(cancellationToken).ConfigureAwait(false);
            RunEvent? last = null;
            await foreach (var item in _store.ReadEventsAsync(runId, Math.Max(0, tail.LastSeq - 1), cancellationToken).ConfigureAwait(false))
            {
                last = item;
            }

            using var recorder = new RunRecorder(runId, writer, NewRedactor(secrets ?? new Dictionary<string, string>(StringComparer.Ordinal)), state, tail.LastSeq, _timeProvider, _options.AllowRawTraces, await ListFilesAsync(runId, cancellationToken).ConfigureAwait(false));
            await RecordRepairAsync(recorder, tail).ConfigureAwait(false);
            if (last is { Type: "run_ended" })
            {
                return;
            }

            await recorder.AppendEventAsync(null, "run_ended", $"Run {state.Status.ToString().ToLowerInvariant()}: {state.Outcome?.Code}: {state.Outcome?.Reason} (event restored after a crash)", null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private OutcomeCode Classify(Exception exception)
    {
        if (_services?.GetService(typeof(IEnumerable<IFailureClassifier>)) is IEnumerable<IFailureClassifier> classifiers)
        {
            foreach (var classifier in classifiers)
            {
                if (classifier.Classify(exception) is { } code)
                {
                    return code;
                }
            }
        }

        return OutcomeCode.InternalError;
    }

    private async Task RecordRepairAsync(RunRecorder recorder, EventLogTail tail)
    {
        if (tail.DroppedBytes == 0)
        {
            return;
        }

        CoreLog.EventLogRepaired(_logger, recorder.RunId.Value, tail.DroppedBytes);
        await recorder.AppendEventAsync(null, "record_repaired", $"events.jsonl ended in a torn line from a crash; {tail.DroppedBytes} byte(s) removed",
            JsonSerializer.SerializeToElement(tail.DroppedBytes, CoreJsonContext.Default.Int64), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<RunResult> ExecuteStepsAsync(Recipe recipe, RunRecorder recorder, PhaseContext context, RunOutcome? successSoFar, CancellationToken cancellationToken)
    {
        using var runActivity = SpaceFactoryTelemetry.ActivitySource.StartActivity($"run {recipe.Name}");
        runActivity?.SetTag("spacefactory.run_id", recorder.RunId.Value);
        var success = successSoFar;

        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            var step = recipe.Steps[i];
            if (recorder.State.Steps[i].Status is StepStatus.Completed or StepStatus.Skipped)
            {
                continue;
            }

            var started = _timeProvider.GetTimestamp();
            var startedAt = _timeProvider.GetUtcNow();
            context.StepName = step.Name;
            recorder.CurrentStep = step.Name;
            await SetStepAsync(recorder, i, r => r with { Status = StepStatus.Running, StartedAt = startedAt, EndedAt = null, DurationMs = null, Attempts = r.Attempts + 1 },
                current: step.Name).ConfigureAwait(false);
            await recorder.AppendEventAsync(step.Name, "step_started", $"Step {step.Name} started", null, CancellationToken.None).ConfigureAwait(false);
            CoreLog.StepStarted(_logger, step.Name, recorder.RunId.Value);

            using var stepActivity = SpaceFactoryTelemetry.ActivitySource.StartActivity($"step {step.Name}");
            var timeout = step.Timeout ?? _options.DefaultStepTimeout;
            using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

            StepResult? result = null;
            ErrorRecord? error = null;
            RunOutcome? failure = null;
            var cancelled = false;
            try
            {
                result = await step.ExecuteAsync(context, linked.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Step {step.Name} returned no result.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
            }
            catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested)
            {
                error = Error(recorder, ex);
                failure = new RunOutcome(OutcomeCode.TimedOut, $"step '{step.Name}' did not finish within {timeout}");
            }
            catch (Exception ex)
            {
                error = Error(recorder, ex);
                failure = new RunOutcome(ex switch
                    {
                        PhaseStepException typed => typed.Outcome,
                        RecipeParameterException => OutcomeCode.InvalidInput,
                        _ => Classify(ex),
                    },
                    $"step '{step.Name}' failed: {error.Message}");
                CoreLog.StepFailed(_logger, step.Name, recorder.RunId.Value, error.Type, error.Message);
            }

            await recorder.SaveContextAsync(context.State.Snapshot(), CancellationToken.None).ConfigureAwait(false);
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var endedAt = _timeProvider.GetUtcNow();
            if (result is { Kind: StepResultKind.Failed })
            {
                failure = result.Outcome;
            }

            var status = cancelled ? StepStatus.Cancelled
                : failure is not null ? StepStatus.Failed
                : result!.Kind == StepResultKind.Skipped ? StepStatus.Skipped
                : StepStatus.Completed;
            await SetStepAsync(recorder, i, r => r with
            {
                Status = status,
                EndedAt = endedAt,
                DurationMs = elapsed,
                Summary = result?.Summary,
                Outcome = result?.Outcome ?? failure,
                Error = error,
            }).ConfigureAwait(false);
            await recorder.AppendEventAsync(step.Name, "step_" + status.ToString().ToLowerInvariant(),
                $"Step {step.Name} {status.ToString().ToLowerInvariant()}: {error?.Message ?? result?.Summary ?? failure?.Reason ?? "cancelled"}", null, CancellationToken.None).ConfigureAwait(false);
            CoreLog.StepEnded(_logger, step.Name, recorder.RunId.Value, status.ToString(), elapsed);
            SpaceFactoryTelemetry.StepsEnded.Add(1, new("step", step.Name), new("status", status.ToString()));
            SpaceFactoryTelemetry.StepDuration.Record(elapsed / 1000.0, new KeyValuePair<string, object?>("step", step.Name));
            stepActivity?.SetStatus(status == StepStatus.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);

            if (cancelled)
            {
                return await FinishAsync(recipe, recorder, RunStatus.Cancelled, new RunOutcome(OutcomeCode.Cancelled, $"cancelled during step '{step.Name}'"), null, i + 1).ConfigureAwait(false);
            }

            if (failure is not null)
            {
                return await FinishAsync(recipe, recorder, RunStatus.Failed, failure, error, i + 1).ConfigureAwait(false);
            }

            if (result!.Kind == StepResultKind.Succeeded)
            {
                success = result.Outcome;
            }

            if (cancellationToken.IsCancellationRequested && i + 1 < recipe.Steps.Count)
            {
                return await FinishAsync(recipe, recorder, RunStatus.Cancelled, new RunOutcome(OutcomeCode.Cancelled, $"cancelled after step '{step.Name}'"), null, i + 1).ConfigureAwait(false);
            }
        }

        return success is not null
            ? await FinishAsync(recipe, recorder, RunStatus.Succeeded, success, null).ConfigureAwait(false)
            : await FinishAsync(recipe, recorder, RunStatus.Failed, new RunOutcome(OutcomeCode.Incomplete, "every step ran, but no step declared success"), null).ConfigureAwait(false);
    }

    private async Task<RunResult> FinishAsync(Recipe recipe, RunRecorder recorder, RunStatus status, RunOutcome outcome, ErrorRecord? error, int skipFrom = int.MaxValue)
    {
        recorder.CurrentStep = null;
        var endedAt = _timeProvider.GetUtcNow();
        await recorder.UpdateAsync(s => s with
        {
            Status = status,
            Outcome = outcome,
            Error = error,
            EndedAt = endedAt,
            CurrentStep = null,
            // Steps after the end stay pending (a resume runs them) and say why they did not run.
            Steps = [.. s.Steps.Select((r, index) => index >= skipFrom && r.Status == StepStatus.Pending
                ? r with { Summary = $"not run: the run ended {status.ToString().ToLowerInvariant()}" }
                : r)],
        }, CancellationToken.None).ConfigureAwait(false);
        await recorder.AppendEventAsync(null, "run_ended", $"Run {status.ToString().ToLowerInvariant()}: {outcome.Code}: {outcome.Reason}", null, CancellationToken.None).ConfigureAwait(false);
        CoreLog.RunEnded(_logger, recorder.RunId.Value, status.ToString(), outcome.Code.Value);
        SpaceFactoryTelemetry.RunsEnded.Add(1, new("recipe", recipe.Name), new("status", status.ToString()), new("outcome", outcome.Code.Value));
        SpaceFactoryTelemetry.RunDuration.Record((endedAt - recorder.State.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("recipe", recipe.Name));
        return new RunResult(recorder.RunId, status, recorder.State.Outcome, _store.Describe(recorder.RunId));
    }

    private static Task SetStepAsync(RunRecorder recorder, int index, Func<StepRecord, StepRecord> change, string? current = null) =>
        recorder.UpdateAsync(s =>
        {
            var steps = s.Steps.ToArray();
            steps[index] = change(steps[index]);
            return s with { Steps = steps, CurrentStep = current ?? s.CurrentStep };
        }, CancellationToken.None);

    private static ErrorRecord Error(RunRecorder recorder, Exception ex) =>
        new(ex.GetType().Name, recorder.Redactor.Redact(ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.GetType().Name}: {ex.InnerException.Message})"));

    private static SecretRedactor NewRedactor(IReadOnlyDictionary<string, string> secrets)
    {
        var redactor = new SecretRedactor();
        foreach (var value in secrets.Values)
        {
            redactor.Register(value);
        }

        return redactor;
    }

    private PhaseContext NewContext(RunId runId, Recipe recipe, IReadOnlyDictionary<string, string> secrets, PhaseState bag, RunRecorder recorder,
        IReadOnlyDictionary<string, string>? parameters = null, string? target = null) =>
        new(runId, recipe.Name, parameters ?? recorder.State.Parameters, target ?? recorder.State.Target, secrets, bag, recorder, _logger, _timeProvider, _services, recorder.SaveContextAsync);

    private async Task<PhaseState> LoadStateBagAsync(RunId runId, CancellationToken cancellationToken)
    {
        var stream = await _store.OpenFileAsync(runId, "context.json", cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return new PhaseState();
        }

        await using (stream.ConfigureAwait(false))
        {
            var document = await JsonSerializer.DeserializeAsync(stream, CoreJsonContext.Default.PhaseStateDocument, cancellationToken).ConfigureAwait(false);
            return new PhaseState(document?.Values ?? []);
        }
    }

    private static JsonElement Data(Recipe recipe) =>
        JsonSerializer.SerializeToElement(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["recipe"] = recipe.Name, ["steps"] = string.Join(",", recipe.Steps.Select(s => s.Name)) },
            CoreJsonContext.Default.DictionaryStringString);

    private async Task<List<string>> ListFilesAsync(RunId runId, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await foreach (var file in _store.ListFilesAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            files.Add(file);
        }

        return files;
    }
}
