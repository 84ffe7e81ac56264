using System.Runtime.CompilerServices;
using System.Text.Json;
using SpaceFactory.Hf.Gradio.Internal;

namespace SpaceFactory.Hf.Gradio;

/// <summary>
/// A connected Gradio app (Gradio 4.20 to 6.x): its config and API schema, calls through the simple <c>/call</c> API
/// or the queue, streamed updates, file upload and download. Create it with <see cref="IGradioClientFactory"/>.
/// </summary>
public class GradioClient
{
    private readonly GradioHttp _http;
    private readonly TimeProvider _timeProvider;

    internal GradioClient(GradioHttp http, GradioAppInfo app, GradioApiSchema schema, TimeProvider timeProvider)
    {
        _http = http;
        App = app;
        Schema = schema;
        _timeProvider = timeProvider;
    }

    /// <summary>For mocking.</summary>
    protected GradioClient()
    {
        _http = null!;
        App = null!;
        Schema = null!;
        _timeProvider = TimeProvider.System;
    }

    /// <summary>What the app's <c>/config</c> said.</summary>
    public GradioAppInfo App { get; }

    /// <summary>The app's API, read at connection (record it as <c>api_schema.json</c> with <see cref="GradioApiSchema.ToJson"/>).</summary>
    public GradioApiSchema Schema { get; }

    /// <summary>Calls an endpoint and waits for its final outputs.</summary>
    /// <param name="apiName">The API name, with or without its slash, e.g. <c>/generate</c>.</param>
    /// <param name="inputs">The inputs, in order (see <see cref="GradioValue"/>); missing trailing ones take their defaults.</param>
    /// <param name="options">Protocol choice and error-text fetching.</param>
    /// <param name="cancellationToken">Cancels the call and closes its stream.</param>
    /// <returns>The outputs and how they were obtained.</returns>
    /// <exception cref="GradioEndpointNotFoundException">No such endpoint; the message lists the app's endpoints.</exception>
    /// <exception cref="GradioValidationException">Wrong number of inputs, or the app refused them (422).</exception>
    /// <exception cref="GradioAppException">The app's function failed (with its text unless the app hid it).</exception>
    /// <exception cref="GradioQueueFullException">The app is busy (503).</exception>
    /// <exception cref="GradioStreamException">The result stream ended without a final value or was unreadable.</exception>
    public virtual async Task<GradioResult> CallAsync(
        string apiName, IReadOnlyList<JsonElement>? inputs = null, GradioCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = _timeProvider.GetTimestamp();
        var updates = 0;
        var tracker = new CallTracker();
        await foreach (var update in StreamWithinDeadlineAsync(apiName, inputs, options ?? new GradioCallOptions(), tracker, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == GradioUpdateKind.Complete)
            {
                return new GradioResult
                {
                    ApiName = "/" + apiName.TrimStart('/'),
                    Outputs = update.Outputs,
                    Protocol = tracker.Protocol,
                    EventId = tracker.EventId,
                    UpdateCount = updates,
                    Duration = _timeProvider.GetElapsedTime(started),
                };
            }

            updates++;
        }

        throw new GradioStreamException($"/{apiName.TrimStart('/')} ended without a final value.");
    }

    /// <summary>Calls an endpoint and yields its updates as they come (generators yield several), ending with the final one.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="inputs">The inputs.</param>
    /// <param name="options">Protocol choice.</param>
    /// <param name="cancellationToken">Cancels the call; the stream is closed.</param>
    /// <returns>The updates; the last one is <see cref="GradioUpdateKind.Complete"/>.</returns>
    public virtual IAsyncEnumerable<GradioUpdate> StreamAsync(
        string apiName, IReadOnlyList<JsonElement>? inputs = null, GradioCallOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamWithinDeadlineAsync(apiName, inputs, options ?? new GradioCallOptions(), new CallTracker(), cancellationToken);

    /// <summary>
    /// Uploads a file (<c>POST {prefix}/upload</c>, multipart field <c>files</c>) for use as a file input. The name goes
    /// out as UTF-8 like the official clients send it, with a content type guessed from its extension.
    /// </summary>
    /// <param name="content">The file content.</param>
    /// <param name="fileName">Its name.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The file as an input (<see cref="GradioValue.File"/>).</returns>
    public virtual async Task<GradioFileData> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        using var form = GradioUploadContent.Create(content, Path.GetFileName(fileName));
        using var request = new HttpRequestMessage(HttpMethod.Post, _http.Url($"{App.ApiPrefix}/upload")) { Content = form };
        using var answer = await _http.PostAsync(request, cancellationToken).ConfigureAwait(false);
        var path = answer.RootElement.ValueKind == JsonValueKind.Array && answer.RootElement.GetArrayLength() == 1 && answer.RootElement[0].ValueKind == JsonValueKind.String
            ? answer.RootElement[0].GetString()!
            : throw new GradioProtocolException($"POST {App.ApiPrefix}/upload did not return one server path.");
        return new GradioFileData { Path = path, OrigName = Path.GetFileName(fileName) };
    }

    /// <summary>Downloads a file output. The token is sent only when the file is on the app's own origin.</summary>
    /// <param name="file">The file (its <c>url</c>, else <c>{prefix}/file={path}</c>).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The content; dispose it.</returns>
    public virtual Task<Stream> DownloadAsync(GradioFileData file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var url = file.Url is { Length: > 0 } u && Uri.TryCreate(u, UriKind.Absolute, out var absolute)
            ? absolute
            : _http.Url($"{App.ApiPrefix}/file={file.Path}");
        return _http.OpenStreamAsync(url, eventStream: false, cancellationToken);
    }

    /// <summary>The whole call, its start, stream and any repeat through the queue, within <see cref="GradioConnectOptions.CallTimeout"/>.</summary>
    private IAsyncEnumerable<GradioUpdate> StreamWithinDeadlineAsync(
        string apiName, IReadOnlyList<JsonElement>? inputs, GradioCallOptions options, CallTracker tracker, CancellationToken cancellationToken) =>
        GradioDeadline.StreamAsync(
            _http.Limits.CallTimeout,
            nameof(GradioConnectOptions.CallTimeout),
            $"The call of /{apiName?.TrimStart('/')} on {App.BaseUrl}",
            _timeProvider,
            ct => StreamCoreAsync(apiName!, inputs, options, tracker, ct),
            cancellationToken);

    private async IAsyncEnumerable<GradioUpdate> StreamCoreAsync(
        string apiName, IReadOnlyList<JsonElement>? inputs, GradioCallOptions options, CallTracker tracker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiName);
        var name = apiName.TrimStart('/');
        var dependency = Resolve(name);
        var data = GradioInputs.Build(dependency, Schema.Find(name), inputs ?? [], name);

        var useCall = options.Protocol switch
        {
            GradioProtocolPreference.Call => true,
            GradioProtocolPreference.Queue => false,
            _ => App.HasCallRoute,
        };

        if (useCall)
        {
            tracker.Protocol = "call";
            var fallBack = false;
            GradioAppException? hidden = null;
            await using (var updates = GradioCallRoute.RunAsync(_http, App, name, data, id => tracker.EventId = id, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    GradioUpdate update;
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        update = updates.Current;
                    }
                    catch (GradioCallRoute.MissingException) when (options.Protocol == GradioProtocolPreference.Auto)
                    {
                        fallBack = true;
                        break;
                    }
                    catch (GradioAppException ex) when (ex.IsHidden && options.FetchErrorText && options.Protocol != GradioProtocolPreference.Call)
                    {
                        hidden = ex;
                        break;
                    }
                    catch (GradioCallRoute.MissingException ex)
                    {
                        throw new GradioProtocolException(ex.Message);
                    }

                    yield return update;
                }
            }

            if (!fallBack && hidden is null)
            {
                yield break;
            }

            if (hidden is not null)
            {
                // The /call stream hid the text; the queue's answer carries it (the function runs again).
                await foreach (var _ in GradioQueue.RunAsync(_http, App, dependency, data, id => tracker.EventId = id, cancellationToken).ConfigureAwait(false))
                {
                }

                throw hidden;
            }
        }

        tracker.Protocol = "queue";
        await foreach (var update in GradioQueue.RunAsync(_http, App, dependency, data, id => tracker.EventId = id, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private GradioDependency Resolve(string name)
    {
        var dependency = App.Dependencies.FirstOrDefault(d => string.Equals(d.ApiName, name, StringComparison.Ordinal));
        if (dependency is not null)
        {
            return dependency;
        }

        var available = Schema.Endpoints.Select(e => e.ApiName).DefaultIfEmpty("(none)");
        throw new GradioEndpointNotFoundException($"The app at {App.BaseUrl} has no endpoint '/{name}'. Its endpoints: {string.Join(", ", available)}.");
    }

    private sealed class CallTracker
    {
        public string Protocol { get; set; } = "call";

        public string? EventId { get; set; }
    }
}
