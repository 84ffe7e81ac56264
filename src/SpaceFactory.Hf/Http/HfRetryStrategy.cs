using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// The retry rules shared by the Hub, Jobs and Bucket clients: 408, 429, 5xx and connection failures, exponential
/// back-off with jitter, the server's <c>Retry-After</c>/<c>RateLimit</c> wait honoured, and never a blind retry of
/// POST, PUT, PATCH or DELETE (a lost answer to a write is reconciled by the caller, not repeated) unless the request
/// was marked retry-safe (<see cref="HfRequestOptions.AsRetrySafe"/>) because the protocol makes it idempotent.
/// </summary>
internal static class HfRetryStrategy
{
    public static HttpRetryStrategyOptions Create(HfClientOptions settings, TimeProvider timeProvider)
    {
        var options = new HttpRetryStrategyOptions
        {
            Name = "hf-retry",
            MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.RetryBaseDelay,
            MaxDelay = settings.RetryMaxDelay,
        };

        var longest = settings.MaxServerRequestedDelay;
        options.ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args));
        options.DelayGenerator = args => new ValueTask<TimeSpan?>(ServerRequestedDelay.From(args.Outcome.Result, timeProvider));
        return options;

        bool ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
        {
            // Writes are never repeated blindly: only safe methods and requests explicitly marked retry-safe.
            if (args.Context.GetRequestMessage() is { } request && !HfRequestOptions.MayRetry(request))
            {
                return false;
            }

            // A server asking for a longer wait than we are willing to block for: surface it as HfRateLimitedException.
            if (ServerRequestedDelay.From(args.Outcome.Result, timeProvider) is { } requested && requested > longest)
            {
                return false;
            }

            // The clients' one rule: a transient status, or a failure HfException.IsTransientFailure calls transient.
            return args.Outcome.Result is { } response
                ? TransientStatus.Is(response.StatusCode)
                : HfException.IsTransientFailure(args.Outcome.Exception, args.Context.CancellationToken);
        }
    }
}
