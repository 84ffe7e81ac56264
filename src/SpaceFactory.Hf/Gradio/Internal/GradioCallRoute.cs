using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>The simple API: <c>POST {prefix}/call/{name}</c> then the SSE result stream <c>GET {prefix}/call/{name}/{event_id}</c>.</summary>
internal static class GradioCallRoute
{
    /// <summary>Thrown when the app has no <c>/call</c> route (Gradio before 4.20): the caller may use the queue instead.</summary>
    internal sealed class MissingException(string message) : Exception(message);

    /// <summary>The final outputs of a call, the intermediate updates before them, and the server's event id.</summary>
    /// <remarks>A class: a <c>Task</c> of a reference type runs the runtime's shared, precompiled async code.</remarks>
    public sealed record Outcome(IReadOnlyList<JsonElement> Outputs, int UpdateCount, string EventId);

    /// <summary>The whole call, waiting for its final value: one async method, not a chain of iterators.</summary>
    public static async Task<Outcome> CallAsync(GradioHttp http, GradioAppInfo app, string apiName, IReadOnlyList<JsonElement> data, CancellationToken cancellationToken)
    {
        var eventId = await StartAsync(http, app, apiName, data, cancellationToken).ConfigureAwait(false);

        // Closed synchronously: the wrappers only stop their timer and hand the connection back (its drain runs on its own).
        using (var stream = await OpenAsync(http, app, apiName, eventId, cancellationToken).ConfigureAwait(false))
        {
            var updates = 0;
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (Read(item, app, apiName))
                {
                    case { Kind: GradioUpdateKind.Complete } final:
                        return new Outcome(final.Outputs, updates, eventId);
                    case not null:
                        updates++;
                        break;
                }
            }
        }

        throw Unfinished(apiName, eventId);
    }

    /// <summary>The call's updates as they come, ending with the final one.</summary>
    public static async IAsyncEnumerable<GradioUpdate> RunAsync(
        GradioHttp http, GradioAppInfo app, string apiName, IReadOnlyList<JsonElement> data, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var eventId = await StartAsync(http, app, apiName, data, cancellationToken).ConfigureAwait(false);
        var stream = await OpenAsync(http, app, apiName, eventId, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Read(item, app, apiName) is { } update)
                {
                    yield return update;
                    if (update.Kind == GradioUpdateKind.Complete)
                    {
                        yield break;
                    }
                }
            }
        }

        throw Unfinished(apiName, eventId);
    }

    /// <summary><c>POST {prefix}/call/{name}</c>: the event id of the started call.</summary>
    private static async Task<string> StartAsync(GradioHttp http, GradioAppInfo app, string apiName, IReadOnlyList<JsonElement> data, CancellationToken cancellationToken)
    {
        try
        {
            using var started = await http.PostJsonAsync($"{app.ApiPrefix}/call/{apiName}", GradioPayload.Data(data), cancellationToken).ConfigureAwait(false);
            return started.RootElement.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()!
                : throw new GradioProtocolException($"POST {app.ApiPrefix}/call/{apiName} returned no event_id.");
        }
        catch (GradioProtocolException ex) when (ex.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed)
        {
            // Gradio before 4.20 answers the POST with 404 or 405.
            throw new MissingException($"The app has no /call route ({ex.Message}).");
        }
    }

    private static Task<Stream> OpenAsync(GradioHttp http, GradioAppInfo app, string apiName, string eventId, CancellationToken cancellationToken) =>
        http.OpenStreamAsync(http.Url($"{app.ApiPrefix}/call/{apiName}/{eventId}"), eventStream: true, cancellationToken);

    /// <summary>An update for <c>generating</c> and <c>complete</c>, the typed error for <c>error</c>, nothing for heartbeats and unknown events.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    private static GradioUpdate? Read(SseItem<string> item, GradioAppInfo app, string apiName) => item.EventType switch
    {
        "generating" => new GradioUpdate(GradioUpdateKind.Generating, Outputs(item.Data, apiName)),
        "complete" => new GradioUpdate(GradioUpdateKind.Complete, Outputs(item.Data, apiName)),
        "error" => throw Error(item.Data, app, apiName),
        _ => null,
    };

    private static GradioStreamException Unfinished(string apiName, string eventId) =>
        new($"The result stream of /{apiName} (event {eventId}) ended without a 'complete' event.");

    /// <summary>The outputs list, parsed once into an element that owns its (unpooled) document: nothing to clone or dispose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    private static IReadOnlyList<JsonElement> Outputs(string data, string apiName)
    {
        JsonElement root;
        try
        {
            root = JsonElement.Parse(data);
        }
        catch (JsonException ex)
        {
            throw new GradioStreamException($"/{apiName} sent unreadable outputs: {Short(data)}", ex);
        }

        return root.ValueKind == JsonValueKind.Array
            ? [.. root.EnumerateArray()]
            : throw new GradioStreamException($"/{apiName} sent outputs that are not a list: {Short(data)}");
    }

    /// <summary><c>null</c> (error hidden; always on Gradio before 6.13), <c>{"error": text|null}</c>, or a string such as <c>"404: Not Found"</c>.</summary>
    private static GradioException Error(string data, GradioAppInfo app, string apiName)
    {
        JsonElement root;
        try
        {
            root = JsonElement.Parse(string.IsNullOrWhiteSpace(data) ? "null" : data);
        }
        catch (JsonException)
        {
            return new GradioStreamException($"/{apiName} reported an error with unreadable data: {Short(data)}");
        }

        return root.ValueKind switch
        {
            JsonValueKind.String => new GradioStreamException($"/{apiName}: the app does not know this call ({root.GetString()})."),
            JsonValueKind.Object when root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String =>
                new GradioAppException($"/{apiName} raised an error: {error.GetString()}", error.GetString()),
            _ => new GradioAppException(NoTextMessage(app, apiName), appMessage: null),
        };
    }

    /// <summary>
    /// Why an error came without text. Gradio before 6.13 sends <c>null</c> on <c>/call</c> for every error (a gr.Error
    /// and with show_error=True too; the 4.44.1 recordings show it), so there it says so instead of blaming show_error.
    /// </summary>
    private static string NoTextMessage(GradioAppInfo app, string apiName)
    {
        if (app.HasCallRoute && (app.VersionNumber ?? new Version(99, 0)) < new Version(6, 13))
        {
            return $"/{apiName} raised an error, but Gradio {app.Version} never sends the error text on /call (6.13 and later do){(app.ShowError ? ", although this app has show_error=True" : string.Empty)}: call through the queue (FetchErrorText) to read it.";
        }

        return app.ShowError
            ? $"/{apiName} raised an error and the app sent no text for it."
            : $"/{apiName} raised an error, but the app hid its text (show_error=False).";
    }

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
