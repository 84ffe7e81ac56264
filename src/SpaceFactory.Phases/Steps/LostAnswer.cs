using System.Net;
using Polly.Timeout;
using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Recognises failures after which a write may or may not have happened (a dropped connection, a timeout, a 5xx):
/// the step must look before sending it again, never repeat it blindly.
/// </summary>
internal static class LostAnswer
{
    public static bool Is(Exception exception, CancellationToken cancellationToken) => !cancellationToken.IsCancellationRequested && exception switch
    {
        HttpRequestException or IOException or TimeoutException or TimeoutRejectedException => true,
        TaskCanceledException => true,
        HfApiException api => (int)api.StatusCode >= 500 || api.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };
}
