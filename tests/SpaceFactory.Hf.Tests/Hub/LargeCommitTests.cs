using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>
/// Proves that commit bodies and LFS uploads are streamed: 256 MiB go through the real client pipeline into a sink
/// that consumes them as written, and the bytes allocated meanwhile stay far below the payload.
/// </summary>
[TestFixture]
[NonParallelizable]
public class LargeCommitTests
{
    private const long Size = 256L * 1024 * 1024;

    /// <summary>Allowed allocation while moving 256 MiB (a buffered body alone would need over 256 MiB).</summary>
    private const long AllocationBudget = 16L * 1024 * 1024;

    private static string _expectedSha256 = string.Empty;

    [OneTimeSetUp]
    public static void HashThePayloadOnce()
    {
        using var stream = new GeneratedStream(Size);
        _expectedSha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    [Test]
    public async Task A_256_MiB_regular_file_is_base64_streamed_into_the_commit_body()
    {
        var sink = new UploadSinkHandler("regular");
        using var provider = BuildProvider(sink);
        var client = provider.GetRequiredService<HubClient>();
        var operation = CommitOperation.AddFile("big.bin", () => new GeneratedStream(Size), Size);

        await Warmup(client);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await client.CreateCommitAsync(RepoId.Parse("testuser/big"), RepoType.Model, "big regular file", [operation]);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Multiple(() =>
        {
            Assert.That(sink.CommitFileSha256, Is.EqualTo(_expectedSha256), "the server decoded exactly the generated content");
            Assert.That(sink.CommitBodyBytes, Is.GreaterThan(Size / 3 * 4), "the body carries the base64 of all 256 MiB");
            Assert.That(allocated, Is.LessThan(AllocationBudget), $"allocated {allocated:N0} bytes while sending {Size:N0}");
        });
        TestContext.Out.WriteLine($"regular commit of {Size:N0} bytes: {sink.CommitBodyBytes:N0} body bytes, {allocated:N0} bytes allocated");
    }

    [Test]
    public async Task A_256_MiB_lfs_file_is_hashed_and_PUT_as_a_stream_without_the_token()
    {
        var sink = new UploadSinkHandler("lfs");
        using var provider = BuildProvider(sink);
        var client = provider.GetRequiredService<HubClient>();
        var operation = CommitOperation.AddFile("big.bin", () => new GeneratedStream(Size), Size);

        await Warmup(client);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await client.CreateCommitAsync(RepoId.Parse("testuser/big"), RepoType.Model, "big lfs file", [operation]);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Multiple(() =>
        {
            Assert.That(sink.PutBytes, Is.EqualTo(Size));
            Assert.That(sink.PutSha256, Is.EqualTo(_expectedSha256));
            Assert.That(sink.PutHadAuthorization, Is.False, "the pre-signed PUT goes without the Hub token");
            Assert.That(sink.Verified, Is.True);
            Assert.That(sink.CommitLfsLine, Does.Contain(_expectedSha256).And.Contain($"\"size\":{Size}"));
            Assert.That(sink.CommitBodyBytes, Is.LessThan(1024), "an LFS file is only a pointer line in the commit");
            Assert.That(allocated, Is.LessThan(AllocationBudget), $"allocated {allocated:N0} bytes while hashing and sending {Size:N0}");
        });
        TestContext.Out.WriteLine($"LFS commit of {Size:N0} bytes: {allocated:N0} bytes allocated");
    }

    private static ServiceProvider BuildProvider(UploadSinkHandler sink)
    {
        var services = new ServiceCollection();
        services.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri("http://hub.test");
            o.Token = HubTestHost.Token;
        });

        // Configured after AddHuggingFace, as a user would: the last primary handler wins.
        services.AddHttpClient(nameof(HubClient)).ConfigurePrimaryHttpMessageHandler(() => sink);
        services.AddHttpClient(HfServiceCollectionExtensions.StreamingClientName).ConfigurePrimaryHttpMessageHandler(() => sink);
        return services.BuildServiceProvider();
    }

    /// <summary>A small commit first, so one-time costs (handler chains, JSON metadata, pools) are not counted.</summary>
    private static Task<CommitInfo> Warmup(HubClient client) =>
        client.CreateCommitAsync(RepoId.Parse("testuser/big"), RepoType.Model, "warm-up", [CommitOperation.AddFile("big.bin", () => new GeneratedStream(4096), 4096)]);
}
