using SpaceFactory.Phases.Agents;

namespace SpaceFactory.Phases.Tests.Agents;

[TestFixture]
public class TraceRedactorTests
{
    private const string Secret = "sk-literal-SECRET-123";

    [Test]
    public void RedactLine_RemovesSecretsTokenShapesSignaturesAndTheScratchPath_InEveryString()
    {
        var redactor = new TraceRedactor([Secret], "/tmp/spacefactory-pi-deploy-abc");
        var line = """{"type":"message","cwd":"/tmp/spacefactory-pi-deploy-abc/workspace","message":{"role":"toolResult","content":[{"type":"text","text":"token=sk-literal-SECRET-123 other=hf_FakeTokenShapeForTheRedactorTest0123"}],"thinkingSignature":"opaque"}}""";

        var redacted = redactor.RedactLine(line);

        Assert.That(redacted, Is.EqualTo("""{"type":"message","cwd":"<agent>/workspace","message":{"role":"toolResult","content":[{"type":"text","text":"token=[REDACTED] other=[REDACTED]"}]}}"""));
    }

    [Test]
    public void RedactLine_ANonJsonLine_IsRedactedAsText()
    {
        var redactor = new TraceRedactor([Secret]);
        Assert.That(redactor.RedactLine("broken {" + Secret), Is.EqualTo("broken {[REDACTED]"));
    }

    [Test]
    public void RedactLine_ASecretSplitByJsonEscaping_IsStillRemoved()
    {
        var redactor = new TraceRedactor(["se\"cret-value"]);
        Assert.That(redactor.RedactLine("""{"a":"x se\"cret-value y"}"""), Is.EqualTo("""{"a":"x [REDACTED] y"}"""));
    }
}
