using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Execution;

/// <summary>How <see cref="HfJobWorker"/> composes the factory inside a Job.</summary>
public sealed class HfJobWorkerOptions
{
    /// <summary>
    /// Where the worker reads <c>HF_TOKEN</c> (the Job secret) and <c>HF_ENDPOINT</c>. Default: the process environment.
    /// </summary>
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// The host's own services, added after the factory's: its recipes (<c>services.AddRecipe(...)</c>), logging, the
    /// Pi agent's settings. An image that runs the built-in recipes needs none.
    /// </summary>
    public Action<IHfBuilder>? Configure { get; set; }
}
