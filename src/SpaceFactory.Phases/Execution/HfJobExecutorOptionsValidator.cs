using Microsoft.Extensions.Options;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Phases.Execution;

/// <summary>
/// Checks <see cref="HfJobExecutorOptions"/> at start-up so that a bad setting fails before the first launch and says
/// which variable is wrong and why.
/// </summary>
/// <param name="hfOptions">The Hub endpoint, whose Bucket URLs are accepted too; the public Hub when absent.</param>
public sealed class HfJobExecutorOptionsValidator(IOptions<HfClientOptions>? hfOptions = null) : IValidateOptions<HfJobExecutorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HfJobExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BucketSource))
        {
            failures.Add($"{HfJobExecutorOptions.BucketSourceVariable} (HfJobExecutorOptions.BucketSource) is required to run in a Job: the Bucket that holds the run records, e.g. hf://buckets/me/spacefactory-runs.");
        }
        else if (!BucketUri.TryParse(options.BucketSource.Replace(HfJobExecutorOptions.UserPlaceholder, "user", StringComparison.Ordinal), Endpoint(), out _, out var bucketError))
        {
            failures.Add($"{HfJobExecutorOptions.BucketSourceVariable} (HfJobExecutorOptions.BucketSource): {bucketError}");
        }

        if (!options.BucketMount.StartsWith('/') || options.BucketMount.Trim('/').Length == 0 || options.BucketMount.Any(char.IsWhiteSpace))
        {
            failures.Add($"{HfJobExecutorOptions.BucketMountVariable} (HfJobExecutorOptions.BucketMount) '{options.BucketMount}' must be an absolute folder inside the Job other than '/', e.g. /output.");
        }

        if (string.IsNullOrWhiteSpace(options.Image))
        {
            failures.Add($"{HfJobExecutorOptions.ImageVariable} (HfJobExecutorOptions.Image) is required to run in a Job: an image or Space (hf.co/spaces/ns/name) that carries the SpaceFactory worker.");
        }
        else
        {
            AddIfInvalid(failures, HfJobExecutorOptions.ImageVariable, () => JobImage.Parse(options.Image));
        }

        AddIfInvalid(failures, HfJobExecutorOptions.FlavorVariable, () => _ = new JobFlavor(options.Flavor));
        AddIfInvalid(failures, HfJobExecutorOptions.TimeoutVariable, () => JobTimeout.Parse(options.Timeout));
        if (options.WorkerCommand.Count == 0 || options.WorkerCommand.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("HfJobExecutorOptions.WorkerCommand must name the command that starts the worker inside the image, e.g. 'spacefactory worker'.");
        }

        if (options.FollowInterval <= TimeSpan.Zero)
        {
            failures.Add($"HfJobExecutorOptions.FollowInterval must be positive, not {options.FollowInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private Uri Endpoint() => hfOptions?.Value.ResolveEndpoint() ?? HfClientOptions.DefaultEndpoint;

    /// <summary>Runs the SDK's own parser of the value and keeps its message (in words, without .NET's parameter suffix).</summary>
    private static void AddIfInvalid(List<string> failures, string variable, Action parse)
    {
        try
        {
            parse();
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            failures.Add($"{variable}: {message}");
        }
        catch (FormatException ex)
        {
            failures.Add($"{variable}: {ex.Message}");
        }
    }
}
