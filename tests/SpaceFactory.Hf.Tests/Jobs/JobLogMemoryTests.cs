using System.Net;
using SpaceFactory.Hf.Tests.TestSupport;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>A million log lines stream through the client with bounded memory (no timing asserted here; speed is in bench/).</summary>
[TestFixture]
[NonParallelizable]
public class JobLogMemoryTests
{
    private const int LineCount = 1_000_000;

    [Test]
    public async Task One_million_lines_are_read_with_bounded_memory()
    {
        var handler = new ScriptedHandler().On("/api/jobs/testuser/" + JobJson.Id + "/logs", _ =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new GeneratedLogStream(LineCount), 16 * 1024) });
        var client = TestClients.Jobs(handler, new TestClock());

        var count = 0;
        long allocatedAtStart = 0, heapAtTenth = 0, heapAtEnd = 0;
        var lastText = string.Empty;
        await foreach (var line in client.StreamLogsAsync(JobJson.Id, owner: "testuser"))
        {
            if (count == 1000)
            {
                allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
            }
            else if (count == LineCount / 10)
            {
                heapAtTenth = GC.GetTotalMemory(forceFullCollection: true);
            }

            lastText = line.Text;
            count++;
        }

        var allocatedPerLine = (GC.GetTotalAllocatedBytes(precise: true) - allocatedAtStart) / (double)(LineCount - 1000);
        heapAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        TestContext.Out.WriteLine($"allocated per line: {allocatedPerLine:0.0} B; heap after 10%: {heapAtTenth / 1024} KiB; after 100%: {heapAtEnd / 1024} KiB");

        Assert.That(count, Is.EqualTo(LineCount));
        Assert.That(lastText, Is.EqualTo(GeneratedLogStream.TextOf(LineCount - 1)));

        // The line's own string is 48 bytes ("line 0000042"); anything else allocated per line (even an empty list,
        // 32 bytes) would break this bound.
        Assert.That(allocatedPerLine, Is.LessThan(64), "bytes allocated per line");
        Assert.That(heapAtEnd - heapAtTenth, Is.LessThan(4L * 1024 * 1024), "the heap does not grow with the number of lines");
    }
}
