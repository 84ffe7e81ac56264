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
    private static readonly GradioCallOptions DefaultCallOptions = new();

    private readonly GradioHttp _http;
    private readonly TimeProvider _timeProvider;

    /// <summary><see cref="GradioAppInfo.HasCallRoute"/> parses the version string on each read: read once here.</summary>
    private readonly bool _hasCallRoute;

    internal GradioClient(GradioHttp http, GradioAppInfo app, GradioApiSchema schema, TimeProvider timeProvider)
    {
        _http = http;
        App = app;
        Schema = schema;
        _timeProvider = timeProvider;
        _hasCallRoute = app.HasCallRoute;
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
        var limit = _http.Limits.CallTimeout;
        using var deadline = GradioDeadline.Start(limit, _timeProvider, cancellationToken);
        try
        {
            var call = Prepare(apiName, inputs, options);
            if (call.UseCallRoute)
            {
                // The common path, awaited right here: each async layer is paid on every call (and at tier 0 on the first ones).
                try
                {
                    var outcome = await GradioCallRoute.CallAsync(_http, App, call.Name, call.Data, deadline.Token).ConfigureAwait(false);
                    return Result(call, outcome.Outputs, outcome.UpdateCount, outcome.EventId, "call", started);
                }
                catch (GradioCallRoute.MissingException) when (FallsBackToQueue(call.Options))
                {
                    // Gradio before 4.20: the queue below.
                }
                catch (GradioCallRoute.MissingException ex)
                {
                    throw new GradioProtocolException(ex.Message);
                }
                catch (GradioAppException hidden) when (RepeatsForErrorText(hidden, call.Options))
                {
                    await RepeatForErrorTextAsync(call, deadline.Token).ConfigureAwait(false);
                    throw;
                }
            }

            return await CallThroughQueueAsync(call, started, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.Expired(ex, cancellationToken))
        {
            throw GradioDeadline.Exceeded(limit, nameof(GradioConnectOptions.CallTimeout), CallDescription(apiName));
        }
    }

    /// <summary>Calls an endpoint and yields its updates as they come (generators yield several), ending with the final one.</summary>
    /// <param name="apiName">The API name.</param>
    /// <param name="inputs">The inputs.</param>
    /// <param name="options">Protocol choice.</param>
    /// <param name="cancellationToken">Cancels the call; the stream is closed.</param>
    /// <returns>The updates; the last one is <see cref="GradioUpdateKind.Complete"/>.</returns>
    public virtual IAsyncEnumerable<GradioUpdate> StreamAsync(
        string apiName, IReadOnlyList<JsonElement>? inputs = null, GradioCallOptions? options = null, CancellationToken cancellationToken = default) =>
        GradioDeadline.StreamAsync(
            _http.Limits.CallTimeout,
            nameof(GradioConnectOptions.CallTimeout),
            () => CallDescription(apiName),
            _timeProvider,
            ct => StreamCoreAsync(apiName, inputs, options, ct),
            cancellationToken);

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

    private string CallDescription(string? apiName) => $"The call of /{apiName?.TrimStart('/')} on {App.BaseUrl}";

    /// <summary>Checks the name and inputs and chooses the protocol (the <c>/call</c> route when the app has one, unless told).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    private PreparedCall Prepare(string apiName, IReadOnlyList<JsonElement>? inputs, GradioCallOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiName);
        options ??= DefaultCallOptions;
        var name = apiName.TrimStart('/');
        var dependency = Resolve(name);
        var data = GradioInputs.Build(dependency, Schema.Find(name), inputs ?? [], name);
        var useCall = options.Protocol switch
        {
            GradioProtocolPreference.Call => true,
            GradioProtocolPreference.Queue => false,
            _ => _hasCallRoute,
        };
        return new PreparedCall(name, dependency, data, options, useCall);
    }

    /// <summary>The call through the queue to its final value (when asked for, or when the app has no <c>/call</c> route).</summary>
    private async Task<GradioResult> CallThroughQueueAsync(PreparedCall call, long started, CancellationToken cancellationToken)
    {
        string? eventId = null;
        var updates = 0;
        await foreach (var update in GradioQueue.RunAsync(_http, App, call.Dependency, call.Data, id => eventId = id, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == GradioUpdateKind.Complete)
            {
                return Result(call, update.Outputs, updates, eventId, "queue", started);
            }

            updates++;
        }

        throw new GradioStreamException($"/{call.Name} ended without a final value.");
    }

    private GradioResult Result(PreparedCall call, IReadOnlyList<JsonElement> outputs, int updates, string? eventId, string protocol, long started) => new()
    {
        ApiName = "/" + call.Name,
        Outputs = outputs,
        Protocol = protocol,
        EventId = eventId,
        UpdateCount = updates,
        Duration = _timeProvider.GetElapsedTime(started),
    };

    private async IAsyncEnumerable<GradioUpdate> StreamCoreAsync(
        string apiName, IReadOnlyList<JsonElement>? inputs, GradioCallOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = Prepare(apiName, inputs, options);
        if (call.UseCallRoute)
        {
            var fallBack = false;
            GradioAppException? hidden = null;
            await using (var updates = GradioCallRoute.RunAsync(_http, App, call.Name, call.Data, cancellationToken).GetAsyncEnumerator(cancellationToken))
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
                    catch (GradioCallRoute.MissingException) when (FallsBackToQueue(call.Options))
                    {
                        fallBack = true;
                        break;
                    }
                    catch (GradioCallRoute.MissingException ex)
                    {
                        throw new GradioProtocolException(ex.Message);
                    }
                    catch (GradioAppException ex) when (RepeatsForErrorText(ex, call.Options))
                    {
                        hidden = ex;
                        break;
                    }

                    yield return update;
                }
            }

            if (hidden is not null)
            {
                await RepeatForErrorTextAsync(call, cancellationToken).ConfigureAwait(false);
                throw hidden;
            }

            if (!fallBack)
            {
                yield break;
            }
        }

        await foreach (var update in GradioQueue.RunAsync(_http, App, call.Dependency, call.Data, static _ => { }, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private static bool FallsBackToQueue(GradioCallOptions options) => options.Protocol == GradioProtocolPreference.Auto;

    private static bool RepeatsForErrorText(GradioAppException error, GradioCallOptions options) =>
        error.IsHidden && options.FetchErrorText && options.Protocol != GradioProtocolPreference.Call;

    /// <summary>The <c>/call</c> stream hid the error's text; the queue's answer carries it (the function runs again) and is thrown from here.</summary>
    private async Task RepeatForErrorTextAsync(PreparedCall call, CancellationToken cancellationToken)
    {
        await foreach (var _ in GradioQueue.RunAsync(_http, App, call.Dependency, call.Data, static _ => { }, cancellationToken).ConfigureAwait(false))
        {
        }
    }

    private GradioDependency Resolve(string name)
    {
        for (var i = 0; i < App.Dependencies.Count; i++)
        {
            if (string.Equals(App.Dependencies[i].ApiName, name, StringComparison.Ordinal))
            {
                return App.Dependencies[i];
            }
        }

        var available = Schema.Endpoints.Select(e => e.ApiName).DefaultIfEmpty("(none)");
        throw new GradioEndpointNotFoundException($"The app at {App.BaseUrl} has no endpoint '/{name}'. Its endpoints: {string.Join(", ", available)}.");
    }

    private sealed record PreparedCall(string Name, GradioDependency Dependency, IReadOnlyList<JsonElement> Data, GradioCallOptions Options, bool UseCallRoute);
}
