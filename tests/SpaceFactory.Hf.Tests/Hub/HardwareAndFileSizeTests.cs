using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>
/// <c>GET /api/models/{id}?blobs=true</c> and <c>GET /api/spaces/hardware</c>. The hub-recordings cassettes hold
/// neither answer, so the bodies follow shared/protocols (hf-hub-api.md "Repository listings": siblings gain
/// <c>size</c>, <c>blobId</c> and <c>lfs</c>; hf-jobs-buckets.md §2.10: the hardware list's fields).
/// </summary>
[TestFixture]
public class HardwareAndFileSizeTests
{
    private const string ModelWithBlobs = """
        {"_id":"6422","id":"EleutherAI/gpt-j-6b","private":false,"library_name":"transformers","pipeline_tag":"text-generation",
         "config":{"architectures":["GPTJForCausalLM"],"model_type":"gptj"},
         "siblings":[{"rfilename":"config.json","size":930,"blobId":"a1"},
                     {"rfilename":"pytorch_model.bin","size":24207819913,"blobId":"b2",
                      "lfs":{"size":24207819913,"sha256":"0a1b2c3d","pointerSize":136}}]}
        """;

    private const string HardwareList = """
        [{"name":"cpu-basic","prettyName":"CPU Basic","cpu":"2 vCPU","ram":"16 GB","ephemeralStorage":"20 GB","accelerator":null,"unitCostMicroUSD":0,"unitCostUSD":0,"unitLabel":"minute"},
         {"name":"t4-small","prettyName":"Nvidia T4 - small","cpu":"4 vCPU","ram":"15 GB","ephemeralStorage":"20 GB",
          "accelerator":{"type":"gpu","model":"T4","quantity":"1","vram":"16 GB","manufacturer":"Nvidia"},"unitCostMicroUSD":6667,"unitCostUSD":0.006667,"unitLabel":"minute"},
         {"name":"some-future-flavor","prettyName":"Later","cpu":"1 vCPU","ram":"1 GB","accelerator":null,"unitCostMicroUSD":1,"unitCostUSD":0.000001,"unitLabel":"minute","newField":true}]
        """;

    private static IResponseBuilder Json(string body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body);

    [Test]
    public async Task GetModelInfoWithFileSizes_sends_blobs_true_and_reads_every_file_size()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/models/EleutherAI/gpt-j-6b").UsingGet()).RespondWith(Json(ModelWithBlobs));

        var info = await host.Client.GetModelInfoWithFileSizesAsync(RepoId.Parse("EleutherAI/gpt-j-6b"));

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/models/EleutherAI/gpt-j-6b", query: "blobs=true");
        Assert.Multiple(() =>
        {
            Assert.That(info.Siblings!.Select(s => s.Path), Is.EqualTo(new[] { "config.json", "pytorch_model.bin" }));
            Assert.That(info.Siblings![1].Size, Is.EqualTo(24_207_819_913));
            Assert.That(info.Siblings[1].Lfs!.Size, Is.EqualTo(24_207_819_913));
            Assert.That(info.Config!.ModelType, Is.EqualTo("gptj"));
        });
    }

    [Test]
    public async Task GetModelInfoWithFileSizes_at_a_revision_keeps_the_revision_segment()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Json(ModelWithBlobs));

        await host.Client.GetModelInfoWithFileSizesAsync(RepoId.Parse("EleutherAI/gpt-j-6b"), "v1.0");

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/models/EleutherAI/gpt-j-6b/revision/v1.0", query: "blobs=true");
    }

    [Test]
    public async Task ListSpaceHardware_reads_memory_accelerator_and_price_and_tolerates_new_flavors()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/hardware").UsingGet()).RespondWith(Json(HardwareList));

        var flavors = await host.Client.ListSpaceHardwareAsync();

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/spaces/hardware");
        Assert.Multiple(() =>
        {
            Assert.That(flavors.Select(f => f.Name), Is.EqualTo(new[] { "cpu-basic", "t4-small", "some-future-flavor" }));
            Assert.That(flavors[0].Accelerator, Is.Null);
            Assert.That(flavors[0].Ram, Is.EqualTo("16 GB"));
            Assert.That(flavors[1].Accelerator!.Vram, Is.EqualTo("16 GB"));
            Assert.That(flavors[1].Accelerator!.Quantity, Is.EqualTo("1"));
            Assert.That(flavors[1].UnitCostUsd, Is.EqualTo(0.006667m));
            Assert.That(flavors[1].UnitLabel, Is.EqualTo("minute"));
        });
    }
}
