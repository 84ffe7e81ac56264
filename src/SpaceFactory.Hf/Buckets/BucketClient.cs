using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Buckets;

/// <summary>
/// Manages Hugging Face Storage Buckets (non-versioned, S3-like storage on the Hub) and reads their files: create, get,
/// list, delete; list files (<c>tree</c>), file details (<c>paths-info</c>), read a file as a stream (<c>resolve</c>,
/// with ranges) and delete files (<c>batch</c>).
/// </summary>
/// <remarks>
/// <para><b>Writing files is out of scope.</b> New bytes reach a bucket only through the Xet storage protocol
/// (content-defined chunking, xorb and shard uploads to the CAS server, then a <c>batch</c> <c>addFile</c> line); there
/// is no plain HTTP upload endpoint, and this client does not implement Xet. Inside a Hugging Face Job the bucket is a
/// mounted folder (e.g. <c>/output</c>, see <see cref="Jobs.JobVolume.Bucket"/>), so a worker writes it with plain file
/// I/O and the orchestrator reads the result back through this client.</para>
/// <para>Registered by <c>services.AddHuggingFace()</c>. Where a namespace may be omitted, the Hub's <c>me</c> (the
/// token owner) is used.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public class BucketClient
{
    /// <summary>The Hub's limit of paths per <c>paths-info</c> call and of operations per <c>batch</c> call.</summary>
    internal const int MaxPathsPerCall = 1000;

    /// <summary>The default bound of <see cref="ReadAllBytesAsync"/>: 64 MiB.</summary>
    public const long DefaultMaxWholeFileBytes = 64 * 1024 * 1024;

    private const string Me = "me";
    private static readonly MediaTypeHeaderValue NdJson = new("application/x-ndjson");

    private readonly HttpClient _http;
    private readonly HfStreamingHttpClient _streaming;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _wholeFileReads;

    /// <summary>Creates the client; normally done by dependency injection.</summary>
    /// <param name="httpClient">A Hub API client (base address, token, retries), as registered by <c>AddHuggingFace</c>.</param>
    /// <param name="streamingClient">The client for downloads (no total timeout, idle timeout).</param>
    /// <param name="timeProvider">Clock for error details and retry pauses; defaults to the system clock.</param>
    /// <param name="options">Retry counts and pauses of <see cref="ReadAllBytesAsync"/>; the defaults of <see cref="HfClientOptions"/> when absent.</param>
    public BucketClient(HttpClient httpClient, HfStreamingHttpClient streamingClient, TimeProvider? timeProvider = null, IOptions<HfClientOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(streamingClient);
        _http = httpClient;
        _streaming = streamingClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _wholeFileReads = WholeFileReadPipeline(options?.Value ?? new HfClientOptions(), _timeProvider);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected BucketClient()
    {
        _http = null!;
        _streaming = null!;
        _timeProvider = TimeProvider.System;
        _wholeFileReads = ResiliencePipeline.Empty;
    }

    /// <summary>Creates a bucket (<c>POST /api/buckets/{ns}/{name}</c> with <c>{"private": true}</c> by default).</summary>
    /// <param name="bucket">The bucket; without a namespace it is created under the token owner (<c>me</c>).</param>
    /// <param name="options">Visibility, reuse of an existing bucket, region.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bucket, its URL and whether it was created now.</returns>
    /// <exception cref="HfConflictException">The bucket exists and <see cref="BucketCreateOptions.ReuseExisting"/> is off.</exception>
    /// <exception cref="InvalidOperationException">Reuse was asked but the existing bucket is public while a private one was requested.</exception>
    public virtual async Task<BucketCreateResult> CreateBucketAsync(RepoId bucket, BucketCreateOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BucketCreateOptions();
        if (options.Region is not (null or "us" or "eu"))
        {
            throw new ArgumentException($"Bucket region '{options.Region}' is not supported; use 'us' or 'eu'.", nameof(options));
        }

        var body = new BucketCreateRequest { Private = options.Private, ResourceGroupId = options.ResourceGroupId, Region = options.Region };
        var request = HfHttp.JsonRequest(HttpMethod.Post, ApiPath(bucket, allowMe: true), body, BucketsJsonContext.Default.BucketCreateRequest);
        try
        {
            var created = await HfHttp.SendForJsonAsync(_http, request, BucketsJsonContext.Default.BucketCreateResponse, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
            Uri.TryCreate(created.Url, UriKind.Absolute, out var url);
            return new BucketCreateResult(ResolveFromUrl(bucket, url), url, Created: true);
        }
        catch (HfConflictException conflict) when (options.ReuseExisting)
        {
            var existing = ResolveFromUrl(bucket, conflict.ExistingUrl);
            if (existing.Namespace is null or Me)
            {
                throw new InvalidOperationException(
                    $"Bucket '{bucket.Name}' already exists but the Hub did not say under which namespace; give the namespace to reuse it.", conflict);
            }

            var info = await GetBucketAsync(existing, cancellationToken).ConfigureAwait(false);
            if (options.Private == true && !info.Private)
            {
                throw new InvalidOperationException(
                    $"Bucket '{existing}' already exists and is public; refusing to reuse it where a private bucket was requested.", conflict);
            }

            return new BucketCreateResult(existing, conflict.ExistingUrl ?? new BucketUri(existing).ToWebUrl(EndpointOf(_http)), Created: false);
        }
    }

    /// <summary>Reads a bucket's details (<c>GET /api/buckets/{ns}/{name}</c>).</summary>
    /// <param name="bucket">The bucket, <c>namespace/name</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bucket.</returns>
    /// <exception cref="HfNotFoundException">No such bucket, or it is private and not yours.</exception>
    public virtual Task<BucketInfo> GetBucketAsync(RepoId bucket, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ApiPath(bucket, allowMe: false));
        return HfHttp.SendForJsonAsync(_http, request, BucketsJsonContext.Default.BucketInfo, _timeProvider, cancellationToken);
    }

    /// <summary>Lists the buckets of a namespace (<c>GET /api/buckets/{ns}[?search=…]</c>), following <c>Link</c> pages lazily.</summary>
    /// <param name="owner">A user or organisation; <see langword="null"/> for the token owner (<c>me</c>).</param>
    /// <param name="search">Only buckets whose name contains this text.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The buckets.</returns>
    public virtual IAsyncEnumerable<BucketInfo> ListBucketsAsync(string? owner = null, string? search = null, CancellationToken cancellationToken = default)
    {
        if (owner is not null && RepoId.ValidatePart(owner, "namespace", RepoId.MaxNameLength) is { } error)
        {
            throw new ArgumentException($"Invalid bucket namespace: {error}", nameof(owner));
        }

        var uri = $"api/buckets/{Uri.EscapeDataString(owner ?? Me)}" + (string.IsNullOrEmpty(search) ? string.Empty : "?search=" + Uri.EscapeDataString(search));
        return LinkHeaderPager.EnumerateAsync(_http, uri, BucketsJsonContext.Default.ListBucketInfo, _timeProvider, cancellationToken);
    }

    /// <summary>Deletes a bucket and all its files (<c>DELETE /api/buckets/{ns}/{name}</c>).</summary>
    /// <param name="bucket">The bucket, <c>namespace/name</c>.</param>
    /// <param name="missingOk">Whether a missing bucket counts as deleted instead of throwing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted now; <see langword="false"/> when it was already missing (with <paramref name="missingOk"/>).</returns>
    /// <exception cref="HfNotFoundException">No such bucket and <paramref name="missingOk"/> is off.</exception>
    public virtual async Task<bool> DeleteBucketAsync(RepoId bucket, bool missingOk = false, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ApiPath(bucket, allowMe: false));
        try
        {
            using var response = await HfHttp.SendAsync(_http, request, _timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HfNotFoundException) when (missingOk)
        {
            return false;
        }
    }

    /// <summary>
    /// Lists the files (and, when not recursive, the directories) under a location
    /// (<c>GET /api/buckets/{ns}/{name}/tree[/{path}]?recursive=true|false</c>), following <c>Link</c> pages lazily.
    /// </summary>
    /// <param name="location">The bucket and folder, e.g. <c>hf://buckets/me/records/runs/42</c>.</param>
    /// <param name="recursive">
    /// <see langword="true"/>: every file below, no directory entries. <see langword="false"/>: the folder's own files and
    /// its sub-directories. Always sent explicitly, since the Hub's default when it is omitted is recursive.
    /// </param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The entries.</returns>
    public virtual IAsyncEnumerable<BucketEntry> ListFilesAsync(BucketUri location, bool recursive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var uri = ApiPath(location.Bucket, allowMe: false) + "/tree" +
                  (location.IsRoot ? string.Empty : "/" + Uri.EscapeDataString(location.Path)) +
                  (recursive ? "?recursive=true" : "?recursive=false");
        return LinkHeaderPager.EnumerateAsync(_http, uri, BucketsJsonContext.Default.ListBucketEntry, _timeProvider, cancellationToken);
    }

    /// <summary>
    /// Reads the details (size, Xet hash, times) of the given files (<c>POST /api/buckets/{ns}/{name}/paths-info</c>, in
    /// calls of at most 1000 paths). Paths that do not exist are left out of the answer.
    /// </summary>
    /// <param name="bucket">The bucket, <c>namespace/name</c>.</param>
    /// <param name="paths">File paths from the bucket's root.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The entries of the files that exist.</returns>
    public virtual async Task<IReadOnlyList<BucketEntry>> GetPathsInfoAsync(RepoId bucket, IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var all = CheckPaths(paths, nameof(paths));
        var api = ApiPath(bucket, allowMe: false) + "/paths-info";
        var entries = new List<BucketEntry>(all.Count);
        foreach (var chunk in all.Chunk(MaxPathsPerCall))
        {
            var request = HfHttp.JsonRequest(HttpMethod.Post, api, new BucketPathsInfoRequest { Paths = chunk }, BucketsJsonContext.Default.BucketPathsInfoRequest);
            entries.AddRange(await HfHttp.SendForJsonAsync(_http, request, BucketsJsonContext.Default.ListBucketEntry, _timeProvider, cancellationToken)
                .ConfigureAwait(false));
        }

        return entries;
    }

    /// <summary>
    /// Opens a file for reading (<c>GET {endpoint}/buckets/{ns}/{name}/resolve/{path}</c>, redirects followed, the token
    /// never sent to another host), optionally a byte range of it (<c>Range: bytes=a-b</c>).
    /// </summary>
    /// <param name="file">The file, e.g. <c>hf://buckets/me/records/runs/42/state.json</c>.</param>
    /// <param name="offset">First byte to read.</param>
    /// <param name="length">How many bytes to read; <see langword="null"/> for the rest of the file.</param>
    /// <param name="cancellationToken">Cancels opening and any later read.</param>
    /// <returns>The bytes as a stream (dispose it to close the connection). A server that ignores <c>Range</c> is handled by cutting the range out of the full body.</returns>
    /// <exception cref="HfNotFoundException">No such file or bucket.</exception>
    public virtual async Task<Stream> OpenReadAsync(BucketUri file, long offset = 0, long? length = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.IsRoot)
        {
            throw new ArgumentException($"'{file}' is a bucket root, not a file.", nameof(file));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length must not be negative.");
        }

        if (length == 0)
        {
            return Stream.Null;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, $"buckets/{file.Bucket}/resolve/{BucketPaths.EscapeSegments(file.Path)}");
        var ranged = offset > 0 || length is not null;
        if (ranged)
        {
            request.Headers.Range = new RangeHeaderValue(offset, length is { } count ? offset + count - 1 : null);
        }

        return await _streaming.OpenAsync(
            request,
            idleTimeout: null,
            adaptBody: (response, body) => ranged && response.StatusCode == HttpStatusCode.OK ? new RangeFallbackStream(body, offset, length) : body,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a whole (small) file into memory, such as a record file a Job is writing: a transient failure (a 5xx,
    /// 429 or 408, a dropped connection, a stalled transfer) opens and reads the file again from its start, up to
    /// <see cref="HfClientOptions.MaxRetries"/> times with the client's back-off, so that one bad answer of the
    /// storage costs a pause, not the caller's run.
    /// </summary>
    /// <param name="file">The file, e.g. <c>hf://buckets/me/records/runs/42/events.jsonl</c>.</param>
    /// <param name="maxBytes">The largest file read; a larger one is an <see cref="HfProtocolException"/>. Default <see cref="DefaultMaxWholeFileBytes"/>.</param>
    /// <param name="cancellationToken">Cancels the reads and the pauses.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="HfNotFoundException">No such file or bucket (not retried).</exception>
    public virtual async Task<byte[]> ReadAllBytesAsync(BucketUri file, long maxBytes = DefaultMaxWholeFileBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return await _wholeFileReads.ExecuteAsync(
            async token =>
            {
                var stream = await OpenReadAsync(file, cancellationToken: token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var (bytes, complete) = await BoundedBody.ReadAtMostAsync(stream, maxBytes, token).ConfigureAwait(false);
                    return complete ? bytes : throw new HfProtocolException($"{file} is larger than {BoundedBody.Size(maxBytes)}, the most read into memory at once.");
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes files (<c>POST /api/buckets/{ns}/{name}/batch</c>, <c>application/x-ndjson</c>, one
    /// <c>{"type":"deleteFile","path":…}</c> line per file, at most 1000 per call).
    /// </summary>
    /// <param name="bucket">The bucket, <c>namespace/name</c>.</param>
    /// <param name="paths">File paths from the bucket's root.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The counts and the operations the Hub reported as failed (the batch is not transactional).</returns>
    /// <exception cref="HfApiException">The Hub rejected a batch (422 when some operations failed).</exception>
    public virtual async Task<BucketBatchResult> DeleteFilesAsync(RepoId bucket, IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var all = CheckPaths(paths, nameof(paths));
        var api = ApiPath(bucket, allowMe: false) + "/batch";
        int processed = 0, succeeded = 0;
        var failed = new List<BucketBatchFailure>();
        foreach (var chunk in all.Chunk(MaxPathsPerCall))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, api) { Content = DeleteLines(chunk) };
            using var response = await HfHttp.SendAsync(_http, request, _timeProvider, cancellationToken).ConfigureAwait(false);
            var answer = await ReadBatchAnswerAsync(response, cancellationToken).ConfigureAwait(false);
            processed += answer?.Processed ?? chunk.Length;
            succeeded += answer?.Succeeded ?? (chunk.Length - (answer?.Failed?.Count ?? 0));
            failed.AddRange(answer?.Failed ?? []);
        }

        return new BucketBatchResult(processed, succeeded, failed);
    }

    private static ByteArrayContent DeleteLines(string[] paths)
    {
        var buffer = new ArrayBufferWriter<byte>(paths.Length * 48);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var path in paths)
            {
                JsonSerializer.Serialize(writer, new BucketDeleteFileOperation { Path = path }, BucketsJsonContext.Default.BucketDeleteFileOperation);
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset();
            }
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = NdJson;
        return content;
    }

    // The Python client ignores the answer; read it when it is JSON, tolerate an empty one.
    private static async Task<BucketBatchResponse?> ReadBatchAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, BucketsJsonContext.Default.BucketBatchResponse);
        }
        catch (JsonException ex)
        {
            throw new HfProtocolException($"{HfHttp.Describe(response.RequestMessage)} returned a body that is not the expected JSON: {ex.Message}", ex);
        }
    }

    private static List<string> CheckPaths(IEnumerable<string> paths, string parameter)
    {
        ArgumentNullException.ThrowIfNull(paths, parameter);
        var list = new List<string>();
        foreach (var path in paths)
        {
            if (BucketPaths.Validate(path, "file path") is { } error)
            {
                throw new ArgumentException($"Invalid bucket file path #{list.Count}: {error}.", parameter);
            }

            list.Add(path);
        }

        return list;
    }

    private static string ApiPath(RepoId bucket, bool allowMe, [CallerArgumentExpression(nameof(bucket))] string? parameter = null)
    {
        if (bucket.Name is null)
        {
            throw new ArgumentException("The bucket id is empty.", parameter);
        }

        if (bucket.Namespace is null && !allowMe)
        {
            throw new ArgumentException($"Bucket '{bucket}' has no namespace; write it 'namespace/name'.", parameter);
        }

        return $"api/buckets/{Uri.EscapeDataString(bucket.Namespace ?? Me)}/{Uri.EscapeDataString(bucket.Name)}";
    }

    private static Uri EndpointOf(HttpClient client) => client.BaseAddress ?? HfClientOptions.DefaultEndpoint;

    // The Hub answers with the bucket's URL, which names the real namespace when 'me' was used.
    private RepoId ResolveFromUrl(RepoId requested, Uri? url)
    {
        if (requested.Namespace is not (null or Me))
        {
            return requested;
        }

        return url is not null && BucketUri.TryParse(url.AbsoluteUri, EndpointOf(_http), out var parsed, out _) && string.Equals(parsed.Bucket.Name, requested.Name, StringComparison.Ordinal)
            ? parsed.Bucket
            : requested;
    }

    /// <summary>Failures after which reading the file again may succeed; never a missing file, a refusal or a cancellation.</summary>
    private static bool IsTransientRead(Exception exception) =>
        exception is HfApiException { IsTransient: true } or HttpRequestException or IOException or TimeoutException;

    private static ResiliencePipeline WholeFileReadPipeline(HfClientOptions settings, TimeProvider timeProvider) =>
        settings.MaxRetries <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    Name = "bucket-whole-file-read",
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransientRead),
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    MaxDelay = settings.RetryMaxDelay,
                })
                .Build();
}
