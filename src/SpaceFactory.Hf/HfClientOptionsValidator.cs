using Microsoft.Extensions.Options;

namespace SpaceFactory.Hf;

/// <summary>Checks <see cref="HfClientOptions"/> at start-up so that a bad setting fails early and says which one.</summary>
internal sealed class HfClientOptionsValidator : IValidateOptions<HfClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HfClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        Uri? endpoint = null;
        try
        {
            endpoint = options.ResolveEndpoint();
        }
        catch (UriFormatException)
        {
            failures.Add("HF_ENDPOINT is not an absolute URL.");
        }

        if (endpoint is not null && !endpoint.IsAbsoluteUri)
        {
            failures.Add($"{nameof(HfClientOptions.Endpoint)} must be an absolute URL.");
        }
        else if (endpoint is not null && !string.Equals(endpoint.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) &&
                 !string.Equals(endpoint.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal))
        {
            failures.Add($"{nameof(HfClientOptions.Endpoint)} must use http or https, not '{endpoint.Scheme}'.");
        }

        var token = options.ResolveToken();
        if (token is not null && token.Any(char.IsWhiteSpace))
        {
            failures.Add($"{nameof(HfClientOptions.Token)} must not contain whitespace.");
        }

        AddIfNotPositive(failures, nameof(HfClientOptions.RequestTimeout), options.RequestTimeout);
        AddIfNotPositive(failures, nameof(HfClientOptions.AttemptTimeout), options.AttemptTimeout);
        AddIfNotPositive(failures, nameof(HfClientOptions.StreamIdleTimeout), options.StreamIdleTimeout);
        AddIfNotPositive(failures, nameof(HfClientOptions.RetryBaseDelay), options.RetryBaseDelay);
        AddIfNotPositive(failures, nameof(HfClientOptions.RetryMaxDelay), options.RetryMaxDelay);
        if (options.MaxJsonBytes is < 1024 or > int.MaxValue)
        {
            failures.Add($"{nameof(HfClientOptions.MaxJsonBytes)} must be between 1 KiB and 2 GiB, not {options.MaxJsonBytes}.");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add($"{nameof(HfClientOptions.MaxRetries)} must be between 0 and 20, not {options.MaxRetries}.");
        }

        if (options.MaxServerRequestedDelay < TimeSpan.Zero)
        {
            failures.Add($"{nameof(HfClientOptions.MaxServerRequestedDelay)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfNotPositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{name} must be positive, not {value}.");
        }
    }
}
