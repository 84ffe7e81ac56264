using SpaceFactory.Core.Redaction;

namespace SpaceFactory.Core.Tests.Redaction;

[TestFixture]
public class SecretRedactorTests
{
    [Test]
    public void Registered_values_are_removed_in_their_plain_url_and_json_spellings()
    {
        var redactor = new SecretRedactor();
        redactor.Register("s3cr3t/with\"quote");

        Assert.That(redactor.Redact("a s3cr3t/with\"quote b"), Is.EqualTo("a [REDACTED] b"));
        Assert.That(redactor.Redact("url=" + Uri.EscapeDataString("s3cr3t/with\"quote")), Is.EqualTo("url=[REDACTED]"));
        Assert.That(redactor.Redact("{\"v\":\"s3cr3t/with\\u0022quote\"}"), Is.EqualTo("{\"v\":\"[REDACTED]\"}"));
    }

    [Test]
    public void Short_values_are_ignored_and_token_shapes_are_always_removed()
    {
        var redactor = new SecretRedactor();
        redactor.Register("abc");
        Assert.That(redactor.Redact("abc hf_ThisLooksLikeAToken12345"), Is.EqualTo("abc [REDACTED]"));
    }
}
