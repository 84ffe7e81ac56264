using SpaceFactory.Sandbox.Gradio;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>The runtime state of one Space: stage, hardware, secrets, variables, logs and its app server.</summary>
internal sealed class SpaceRuntime(Repo repo)
{
    private TaskCompletionSource _stageChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Lock Gate { get; } = new();

    public Repo Repo { get; } = repo;

    public string Stage { get; private set; } = "NO_APP_FILE";

    public string? ErrorMessage { get; private set; }

    public string? RequestedHardware { get; set; } = "cpu-basic";

    public string? CurrentHardware { get; set; }

    public int GcTimeout { get; set; } = 172800;

    /// <summary>Secret values (never returned by the API).</summary>
    public Dictionary<string, string> SecretValues { get; } = new(StringComparer.Ordinal);

    /// <summary>Secret metadata: description and update time.</summary>
    public Dictionary<string, (string? Description, DateTimeOffset UpdatedAt)> Secrets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string Value, string? Description, DateTimeOffset UpdatedAt)> Variables { get; } = new(StringComparer.Ordinal);

    public LogBuffer BuildLog { get; set; } = new();

    public LogBuffer RunLog { get; set; } = new();

    /// <summary>Incremented at every (re)build; stale timers compare it and stop.</summary>
    public long Generation { get; set; }

    public ITimer? Timer { get; set; }

    /// <summary>The manifest the running app serves (null when not running or not a simulated Gradio app).</summary>
    public GradioManifest? Manifest { get; set; }

    /// <summary>The commit being built or run.</summary>
    public string? Sha { get; set; }

    public GradioAppServer? App { get; set; }

    /// <summary>The app run for real (<see cref="HfSandboxOptions.GradioPython"/>), while it runs; the app origin proxies to it.</summary>
    public RealGradioApp? RealApp { get; set; }

    /// <summary>Builds a Space refused: how many times each failure rule already applied.</summary>
    public Dictionary<SpaceFailureRule, int> RuleUses { get; } = [];

    public bool IsStatic => Repo.Sdk is "static";

    /// <summary>Sets the stage (and error message) and wakes those waiting for a change.</summary>
    public void SetStage(string stage, string? errorMessage = null)
    {
        TaskCompletionSource signal;
        lock (Gate)
        {
            Stage = stage;
            ErrorMessage = errorMessage;
            signal = _stageChanged;
            _stageChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>Waits until the stage satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForStageAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (Gate)
            {
                if (predicate(Stage))
                {
                    return Stage;
                }

                changed = _stageChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
