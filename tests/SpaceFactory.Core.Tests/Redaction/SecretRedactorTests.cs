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

    [TestCase("")]
    [TestCase("token=")]
    [TestCase("HF_TOKEN:")]
    public void Base64_and_base64url_spellings_are_removed_at_every_alignment(string prefix)
    {
        const string Secret = "s3cr3t-value/with+odd~chars0123456789";
        var redactor = new SecretRedactor();
        redactor.Register(Secret);

        foreach (var encoded in new[] { Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(prefix + Secret + "\n")), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(prefix + Secret)).Replace('+', '-').Replace('/', '_') })
        {
            var redacted = redactor.Redact("leak " + encoded + " end");

            Assert.That(redacted, Does.Contain(TokenShapes.Mask), encoded);
            Assert.That(redacted, Does.Not.Contain(encoded[(prefix.Length * 4 / 3 + 4)..^4]), "the part that encodes the secret is gone");
        }
    }

    [Test]
    public void Hex_and_percent_encoded_spellings_are_removed()
    {
        const string Secret = "s3cr3t-value0123456789";
        var redactor = new SecretRedactor();
        redactor.Register(Secret);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Secret);

        Assert.That(redactor.Redact("x " + Convert.ToHexString(bytes) + " y"), Is.EqualTo("x [REDACTED] y"));
        Assert.That(redactor.Redact("x " + Convert.ToHexString(bytes).ToLowerInvariant() + " y"), Is.EqualTo("x [REDACTED] y"));
        Assert.That(redactor.Redact("x " + string.Concat(bytes.Select(b => $"%{b:X2}")) + " y"), Is.EqualTo("x [REDACTED] y"));
        Assert.That(redactor.Redact("x " + string.Concat(bytes.Select(b => $"%{b:x2}")) + " y"), Is.EqualTo("x [REDACTED] y"));
    }

    [Test]
    public void Short_values_are_ignored_and_token_shapes_are_always_removed()
    {
        var redactor = new SecretRedactor();
        redactor.Register("abc");
        Assert.That(redactor.Redact("abc hf_ThisLooksLikeAToken12345"), Is.EqualTo("abc [REDACTED]"));
    }
}
