using SpaceFactory.Phases.Agents;

namespace SpaceFactory.Phases.Tests.Agents;

[TestFixture]
public class PiEventReaderTests
{
    [Test]
    public void Read_KeepsTheLastAssistantOutcome_CountsToolCalls_AndWritesAReadableTranscript()
    {
        var reader = new PiEventReader();
        foreach (var line in (string[])
        [
            """{"type":"session","version":3,"id":"01a2","timestamp":"2026-11-23T21:15:15Z","cwd":"/w"}""",
            """{"type":"message_end","message":{"role":"user","content":[{"type":"text","text":"Edit app.py"}]}}""",
            """{"type":"message_update","message":{"role":"assistant","content":[]},"assistantMessageEvent":{"type":"toolcall_delta"}}""",
            """{"type":"message_end","message":{"role":"assistant","content":[{"type":"toolCall","id":"c1","name":"edit","arguments":{"path":"app.py"}}],"stopReason":"toolUse"}}""",
            """{"type":"message_end","message":{"role":"toolResult","toolCallId":"c1","toolName":"edit","content":[{"type":"text","text":"Successfully replaced 1 block(s) in app.py."}],"isError":false}}""",
            """{"type":"auto_retry_start","attempt":1,"maxAttempts":2,"delayMs":1000,"errorMessage":"500 boom"}""",
            """{"type":"message_end","message":{"role":"assistant","content":[{"type":"text","text":"Done."}],"stopReason":"stop"}}""",
            "not json at all",
        ])
        {
            reader.Read(line);
        }

        Assert.That(reader.StopReason, Is.EqualTo("stop"));
        Assert.That(reader.ErrorMessage, Is.Null);
        Assert.That(reader.FinalText, Is.EqualTo("Done."));
        Assert.That(reader.ToolCalls, Is.EqualTo(1));
        Assert.That(reader.Transcript, Is.EqualTo(
            "[session] 01a2\n[user] Edit app.py\n[tool call] edit {\"path\":\"app.py\"}\n" +
            "[tool result] edit: Successfully replaced 1 block(s) in app.py.\n[retry] attempt 1/2 in 1000 ms: 500 boom\n" +
            "[assistant] Done.\n[stdout] not json at all\n"));
    }

    [Test]
    public void Read_AnErrorAnswer_KeepsItsStopReasonAndMessage()
    {
        var reader = new PiEventReader();
        reader.Read("""{"type":"message_end","message":{"role":"assistant","content":[],"stopReason":"error","errorMessage":"401 Invalid credentials"}}""");
        Assert.That((reader.StopReason, reader.ErrorMessage), Is.EqualTo(("error", "401 Invalid credentials")));
        Assert.That(reader.Transcript, Is.EqualTo("[error] 401 Invalid credentials\n"));
    }
}
