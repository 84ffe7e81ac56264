using System.Diagnostics;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// A secret value handed to a Job as an environment variable (typically the user's token as <c>HF_TOKEN</c>).
/// </summary>
/// <remarks>
/// The value is sent only inside the <c>secrets</c> object of the run request (the Hub encrypts it server side) and
/// never appears in <see cref="ToString"/>, the debugger, logs or exception messages. Responses from the Hub list
/// secret names only.
/// </remarks>
[DebuggerDisplay("JobSecret(***)")]
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed class JobSecret
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _value;

    private JobSecret(string value) => _value = value;

    /// <summary>Wraps a secret value.</summary>
    /// <param name="value">The value, e.g. an access token. It is not copied anywhere else.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public static JobSecret FromValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0
            ? throw new ArgumentException("A Job secret value must not be empty.", nameof(value))
            : new JobSecret(value);
    }

    /// <summary>Reads a secret value from an environment variable of this process (e.g. <c>HF_TOKEN</c>).</summary>
    /// <param name="variable">The variable name.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="InvalidOperationException">The variable is not set or empty.</exception>
    public static JobSecret FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"Environment variable '{variable}' is not set, so it cannot be passed to the Job as a secret.")
            : new JobSecret(value);
    }

    /// <summary>The value, for the one serialiser that writes the run request's <c>secrets</c> object.</summary>
    internal string Reveal() => _value;

    /// <summary>Whether the secret value occurs inside <paramref name="text"/> (to keep it out of non-secret fields).</summary>
    internal bool OccursIn(string? text) => text is not null && text.Contains(_value, StringComparison.Ordinal);

    /// <summary>A fixed mask; the value is never printed.</summary>
    /// <returns><c>JobSecret(***)</c>.</returns>
    public override string ToString() => "JobSecret(***)";
}
