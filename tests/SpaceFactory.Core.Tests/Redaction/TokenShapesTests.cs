using SpaceFactory.Core.Redaction;

namespace SpaceFactory.Core.Tests.Redaction;

[TestFixture]
public class TokenShapesTests
{
    private const string FakeUserToken = "hf_FakeCanaryToken0123456789abcdefghij";

    [TestCase("token " + FakeUserToken + " end", "token [REDACTED] end")]
    [TestCase("hf_oauth_FakeOauthTokenValue123456", "[REDACTED]")]
    [TestCase("api_org_FakeOrgToken123456", "[REDACTED]")]
    [TestCase("Authorization: Bearer abcdef123456", "Authorization: Bearer [REDACTED]")]
    [TestCase("authorization=secretvalue1", "authorization=[REDACTED]")]
    [TestCase("{\"Authorization\": \"Basic dXNlcjpwYXNz\"}", "{\"Authorization\": \"Basic [REDACTED]\"}")]
    public void Redact_removes_token_shapes(string input, string expected)
    {
        Assert.That(TokenShapes.Redact(input), Is.EqualTo(expected));
        Assert.That(TokenShapes.ContainsToken(input), Is.True);
    }

    [TestCase("the model is sshleifer/tiny-gpt2")]
    [TestCase("chf_value is not a token")]
    [TestCase("")]
    public void Redact_keeps_ordinary_text(string input)
    {
        Assert.That(TokenShapes.Redact(input), Is.EqualTo(input));
        Assert.That(TokenShapes.ContainsToken(input), Is.False);
    }
}
