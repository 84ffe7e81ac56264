using System.Net;
using System.Text;
using System.Text.Json;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf;

/// <summary>The one place that turns an error response of a Hugging Face endpoint into an <see cref="HfApiException"/>.</summary>
public static class HfApiExceptionFactory
{
    /// <summary>At most this many bytes of an error body are read: enough for any JSON error, bounded for HTML pages.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>The Hub's message for a token it does not accept (as opposed to a hidden private repo).</summary>
    private const string InvalidCredentialsMessage = "Invalid credentials in Authorization header";

    /// <summary>Reads the error out of <paramref name="response"/> and builds the matching exception.</summary>
    /// <param name="response">A response whose status is not a success. It is not disposed.</param>
    /// <param name="timeProvider">Clock used to turn a <c>Retry-After</c> date into a delay; defaults to the system clock.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw.</returns>
    public static async Task<HfApiException> CreateAsync(
        HttpResponseMessage response,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await ReadBoundedBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return Create(response, body, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Builds the exception from a response whose body was already read.</summary>
    /// <param name="response">The error response.</param>
    /// <param name="body">Its body text (may be empty).</param>
    /// <param name="timeProvider">Clock used to turn a <c>Retry-After</c> date into a delay.</param>
    /// <returns>The exception to throw.</returns>
    public static HfApiException Create(HttpResponseMessage response, string? body, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var request = response.RequestMessage;
        var path = request?.RequestUri is { } uri ? (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0]) : "?";
        var method = request?.Method.Method ?? "?";
        var errorCode = FirstHeader(response, "X-Error-Code");
        var (bodyMessage, existingUrl) = ParseBody(response, body);
        var serverMessage = TokenShapes.Redact(FirstHeader(response, "X-Error-Message") ?? bodyMessage);
        var requestId = FirstHeader(response, "x-request-id") ?? FirstHeader(response, "X-Amzn-Trace-Id") ?? FirstHeader(response, "x-amz-cf-id");
        var retryAfter = ServerRequestedDelay.From(response, timeProvider);

        var details = new HfErrorDetails(response.StatusCode, method, path, errorCode, serverMessage, requestId, retryAfter);
        var message = Describe(details);
        var status = response.StatusCode;

        if (string.Equals(errorCode, "GatedRepo", StringComparison.Ordinal))
        {
            return new HfGatedRepoException(details, message);
        }

        if (errorCode is "RepoNotFound" or "RevisionNotFound" or "EntryNotFound" || status == HttpStatusCode.NotFound ||
            (status == HttpStatusCode.Unauthorized && IsRepoUrl(path) &&
             !string.Equals(serverMessage, InvalidCredentialsMessage, StringComparison.Ordinal)))
        {
            return new HfNotFoundException(details, message);
        }

        return status switch
        {
            HttpStatusCode.Unauthorized => new HfUnauthorizedException(details, message),
            HttpStatusCode.Forbidden => new HfForbiddenException(details, message),
            HttpStatusCode.Conflict => new HfConflictException(details, message, existingUrl),
            HttpStatusCode.PaymentRequired => new HfPaymentRequiredException(details, message),
            HttpStatusCode.TooManyRequests => new HfRateLimitedException(details, message),
            _ => new HfApiException(details, message),
        };
    }

    private static string Describe(HfErrorDetails details)
    {
        var builder = new StringBuilder()
            .Append(details.Method).Append(' ').Append(details.RequestPath)
            .Append(" failed with ").Append((int)details.StatusCode).Append(' ').Append(details.StatusCode);
        if (details.ErrorCode is not null)
        {
            builder.Append(" (").Append(details.ErrorCode).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(details.ServerMessage))
        {
            builder.Append(": ").Append(details.ServerMessage);
        }

        if (details.RetryAfter is { } retryAfter)
        {
            builder.Append(". Retry after ").Append(retryAfter.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append(" s");
        }

        if (details.RequestId is not null)
        {
            builder.Append(". Request id: ").Append(details.RequestId);
        }

        return builder.Append('.').ToString();
    }

    private static bool IsRepoUrl(string path) =>
        path.StartsWith("/api/models/", StringComparison.Ordinal) ||
        path.StartsWith("/api/datasets/", StringComparison.Ordinal) ||
        path.StartsWith("/api/spaces/", StringComparison.Ordinal) ||
        path.Contains("/resolve/", StringComparison.Ordinal);

    private static string? FirstHeader(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    private static (string? Message, Uri? Url) ParseBody(HttpResponseMessage response, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return ParseJsonError(document.RootElement);
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the plain-text rule.
            }
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return ("the server returned an HTML page instead of an API response", null);
        }

        var text = body.Trim();
        return (text.Length > 500 ? string.Concat(text.AsSpan(0, 500), "…") : text, null);
    }

    private static (string? Message, Uri? Url) ParseJsonError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        string? message = null;
        if (root.TryGetProperty("error", out var error))
        {
            message = error.ValueKind switch
            {
                JsonValueKind.String => error.GetString(),
                JsonValueKind.Array => string.Join("; ", error.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                _ => null,
            };
        }
        else if (root.TryGetProperty("message", out var plain) && plain.ValueKind == JsonValueKind.String)
        {
            message = plain.GetString();
        }
        else if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            message = string.Join("; ", errors.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.GetString() : null)
                .Where(m => m is not null));
        }

        if (root.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            message = message is null ? description.GetString() : $"{message}: {description.GetString()}";
        }

        Uri? url = null;
        if (root.TryGetProperty("url", out var urlElement) && urlElement.ValueKind == JsonValueKind.String)
        {
            Uri.TryCreate(urlElement.GetString(), UriKind.Absolute, out url);
        }

        return (message, url);
    }

    private static async Task<string> ReadBoundedBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (bytes, _) = await BoundedBody.ReadAtMostAsync(response.Content, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }
}
