using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>Objects per LFS batch request, as the official client sends them.</summary>
    private const int LfsBatchSize = 256;

    private static readonly MediaTypeHeaderValue LfsMediaType = new("application/vnd.git-lfs+json");

    /// <summary>Hashes the LFS files, asks the LFS batch endpoint where to put them and uploads the missing ones.</summary>
    private async Task UploadLfsFilesAsync(RepoId repoId, RepoType repoType, string revision, List<PreparedFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            file.Sha256 = await CommitFileReader.Sha256Async(file, cancellationToken).ConfigureAwait(false);
        }

        var batchPath = HubPaths.LfsBatch(repoType, repoId);
        foreach (var chunk in files.Chunk(LfsBatchSize))
        {
            var objects = chunk.DistinctBy(f => f.Sha256, StringComparer.Ordinal).Select(f => new LfsObjectId(f.Sha256!, f.Size)).ToList();
            var body = new LfsBatchRequest("upload", ["basic", "multipart"], objects, "sha256", new LfsRef(revision));
            var request = new HttpRequestMessage(HttpMethod.Post, batchPath)
            {
                Content = HfHttp.JsonBody(body, HubJsonContext.Default.LfsBatchRequest, LfsMediaType.MediaType!),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(LfsMediaType.MediaType!));

            // Asking where to upload changes nothing on the server: safe to repeat.
            var answer = await HfHttp.SendForJsonAsync(_http, request.AsRetrySafe(), HubJsonContext.Default.LfsBatchResponse, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
            var byOid = (answer.Objects ?? []).ToDictionary(o => o.Oid, StringComparer.OrdinalIgnoreCase);
            foreach (var file in chunk.DistinctBy(f => f.Sha256, StringComparer.Ordinal))
            {
                if (!byOid.TryGetValue(file.Sha256!, out var target))
                {
                    throw new HfProtocolException($"POST /{batchPath} said nothing about the LFS object of '{file.Path}'.");
                }

                await UploadLfsObjectAsync(batchPath, answer.Transfer, file, target, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task UploadLfsObjectAsync(string batchPath, string? transfer, PreparedFile file, LfsBatchObject target, CancellationToken cancellationToken)
    {
        if (target.Error is { } error)
        {
            var details = new HfErrorDetails((HttpStatusCode)error.Code, "POST", "/" + batchPath, ErrorCode: null, error.Message, RequestId: null, RetryAfter: null);
            throw new HfApiException(details, $"The LFS server refused '{file.Path}' ({error.Code}): {error.Message}");
        }

        if (target.Actions?.Upload is not { } upload)
        {
            HubLog.LfsAlreadyPresent(_logger, file.Sha256!, file.Path);
            return;
        }

        if (transfer is not (null or "basic" or "multipart"))
        {
            throw new HfProtocolException($"The LFS server chose the '{transfer}' transfer, which SpaceFactory does not speak (it asked for basic or multipart).");
        }

        if (upload.Header?.TryGetValue("chunk_size", out var chunkSize) == true)
        {
            await UploadMultipartAsync(file, upload, chunkSize, cancellationToken).ConfigureAwait(false);
            HubLog.LfsUploaded(_logger, file.Sha256!, file.Size, file.Path, "multipart");
        }
        else
        {
            await UploadBasicAsync(file, upload, cancellationToken).ConfigureAwait(false);
            HubLog.LfsUploaded(_logger, file.Sha256!, file.Size, file.Path, "basic");
        }

        if (target.Actions.Verify is { } verify)
        {
            var request = HfHttp.JsonRequest(
                HttpMethod.Post, HubPaths.FixEndpoint(verify.Href, _endpoint).AbsoluteUri, new LfsObjectId(file.Sha256!, file.Size), HubJsonContext.Default.LfsObjectId);
            AddActionHeaders(request, verify.Header);
            await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One PUT of the raw bytes to the pre-signed <c>href</c>, streamed from the source, without the Hub token.</summary>
    private async Task UploadBasicAsync(PreparedFile file, LfsAction upload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, HubPaths.FixEndpoint(upload.Href, _endpoint)).WithoutCredentials();
        request.Content = new StreamContent(file.Source.Open()) { Headers = { ContentLength = file.Size } };
        AddActionHeaders(request, upload.Header);
        using var response = await HfHttp.SendAsync(_streaming.HttpClient, request, _timeProvider, cancellationToken, HttpCompletionOption.ResponseHeadersRead)
            .ConfigureAwait(false);
    }

    /// <summary>PUTs each <c>chunk_size</c> slice to its numbered part URL, then posts the parts' ETags to <c>href</c>.</summary>
    private async Task UploadMultipartAsync(PreparedFile file, LfsAction upload, string chunkSizeText, CancellationToken cancellationToken)
    {
        if (!long.TryParse(chunkSizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var chunkSize) || chunkSize <= 0)
        {
            throw new HfProtocolException($"The LFS server gave an invalid chunk_size '{chunkSizeText}' for '{file.Path}'.");
        }

        var parts = upload.Header!
            .Select(h => (Ok: int.TryParse(h.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n), Number: n, Url: h.Value))
            .Where(p => p.Ok)
            .OrderBy(p => p.Number)
            .ToList();
        var expected = (file.Size + chunkSize - 1) / chunkSize;
        if (parts.Count != expected)
        {
            throw new HfProtocolException(
                $"The LFS server gave {parts.Count} part URL(s) for '{file.Path}', but {file.Size} bytes in chunks of {chunkSize} need {expected}.");
        }

        var completed = new List<LfsCompletedPart>(parts.Count);
        var source = file.Source.Open();
        await using (source.ConfigureAwait(false))
        {
            long remaining = file.Size;
            foreach (var part in parts)
            {
                var length = Math.Min(chunkSize, remaining);
                using var request = new HttpRequestMessage(HttpMethod.Put, HubPaths.FixEndpoint(part.Url, _endpoint)).WithoutCredentials();
                request.Content = new StreamContent(new ReadSliceStream(source, length)) { Headers = { ContentLength = length } };
                using var response = await HfHttp.SendAsync(_streaming.HttpClient, request, _timeProvider, cancellationToken, HttpCompletionOption.ResponseHeadersRead)
                    .ConfigureAwait(false);
                var etag = response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() : null;
                if (string.IsNullOrEmpty(etag))
                {
                    throw new HfProtocolException($"Part {part.Number} of '{file.Path}' was stored without an ETag, so the upload cannot be completed.");
                }

                completed.Add(new LfsCompletedPart(part.Number, etag));
                remaining -= length;
            }
        }

        var completion = new HttpRequestMessage(HttpMethod.Post, HubPaths.FixEndpoint(upload.Href, _endpoint))
        {
            Content = HfHttp.JsonBody(new LfsCompletionRequest(file.Sha256!, completed), HubJsonContext.Default.LfsCompletionRequest, LfsMediaType.MediaType!),
        };
        completion.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(LfsMediaType.MediaType!));
        await SendAsync(completion.WithoutCredentials(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the headers an LFS action asks for, except the multipart bookkeeping keys.</summary>
    private static void AddActionHeaders(HttpRequestMessage request, IReadOnlyDictionary<string, string>? header)
    {
        if (header is null)
        {
            return;
        }

        foreach (var (name, value) in header)
        {
            if (string.Equals(name, "chunk_size", StringComparison.Ordinal) || name.All(char.IsAsciiDigit))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.Remove(name);
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
