namespace SpaceFactory.Hf.Jobs;

/// <summary>How <see cref="JobsClient.WaitForCompletionAsync"/> polls a Job.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobWaitOptions
{
    /// <summary>First wait between two reads of the Job. Default 1 s (as the official client).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait doubles after each read up to this. Default 15 s.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Give up (with <see cref="TimeoutException"/>) after this long; <see langword="null"/> waits until cancelled.</summary>
    public TimeSpan? Timeout { get; init; }
}
