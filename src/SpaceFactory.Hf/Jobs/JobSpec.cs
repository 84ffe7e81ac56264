using System.Collections.Frozen;
using System.Text;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Everything needed to start a Job: image, command, environment, secrets, hardware, timeout, labels and volumes.
/// </summary>
/// <example>
/// <code>
/// var spec = new JobSpec
/// {
///     Image = JobImage.Parse("python:3.12"),
///     Command = ["python", "-c", "print('hi')"],
///     Secrets = new Dictionary&lt;string, JobSecret&gt; { [HfClientOptions.TokenVariable] = JobSecret.FromEnvironment(HfClientOptions.TokenVariable) },
///     Timeout = JobTimeout.Parse("15m"),
///     Volumes = [JobVolume.Parse("hf://buckets/me/out:/output")],
/// };
/// </code>
/// </example>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobSpec
{
    private static readonly IReadOnlyDictionary<string, string> NoStrings = FrozenDictionary<string, string>.Empty;
    private static readonly IReadOnlyDictionary<string, JobSecret> NoSecrets = FrozenDictionary<string, JobSecret>.Empty;

    /// <summary>The Docker image or Space image to run.</summary>
    public required JobImage Image { get; init; }

    /// <summary>The command (<c>command</c>), e.g. <c>["python", "x.py"]</c>. Never put a secret here: use <see cref="Secrets"/>.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Extra arguments (<c>arguments</c>); the official clients send an empty list.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Plain environment variables (<c>environment</c>). Their values are visible in the Job's details; use <see cref="Secrets"/> for credentials.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = NoStrings;

    /// <summary>Secret environment variables (<c>secrets</c>); the Hub returns only their names afterwards.</summary>
    public IReadOnlyDictionary<string, JobSecret> Secrets { get; init; } = NoSecrets;

    /// <summary>The hardware (<c>flavor</c>). Default <see cref="JobFlavor.CpuBasic"/>.</summary>
    public JobFlavor Flavor { get; init; } = JobFlavor.CpuBasic;

    /// <summary>The longest the Job may run; <see langword="null"/> for the Hub's default (30 minutes).</summary>
    public JobTimeout? Timeout { get; init; }

    /// <summary>
    /// The Job name, stored as the label <c>name</c>. When neither this nor <c>Labels["name"]</c> is set, a name is derived
    /// from the image and command the way the official client does (e.g. <c>python-3-12-5c1fcc4a</c>).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Labels (<c>labels</c>): keys and values of at most 100 characters among <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoStrings;

    /// <summary>Buckets and repositories to mount (<c>volumes</c>).</summary>
    public IReadOnlyList<JobVolume> Volumes { get; init; } = [];

    /// <summary>A summary naming the image, command, flavor and secret names; secret values are never printed.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder("JobSpec { Image = ").Append(Image)
            .Append(", Command = [").AppendJoin(", ", Command ?? []).Append(']')
            .Append(", Flavor = ").Append(Flavor);
        if (Timeout is { } timeout)
        {
            builder.Append(", Timeout = ").Append(timeout);
        }

        if (Secrets is { Count: > 0 })
        {
            builder.Append(", Secrets = [").AppendJoin(", ", Secrets.Keys.Order(StringComparer.Ordinal)).Append("] (values hidden)");
        }

        if (Volumes is { Count: > 0 })
        {
            builder.Append(", Volumes = [").AppendJoin(", ", Volumes).Append(']');
        }

        return builder.Append(" }").ToString();
    }
}
