using SpaceFactory.Hf.Buckets;

namespace SpaceFactory.Hf.Tests.Buckets;

[TestFixture]
public class BucketUriTests
{
    [TestCase("hf://buckets/ns/name", "ns/name", "")]
    [TestCase("hf://buckets/ns/name/", "ns/name", "")]
    [TestCase("hf://buckets/ns/name/runs/42/state.json", "ns/name", "runs/42/state.json")]
    [TestCase("hf://buckets/ns/name/runs/42/", "ns/name", "runs/42")]
    [TestCase("https://huggingface.co/buckets/ns/name", "ns/name", "")]
    [TestCase("https://huggingface.co/buckets/ns/name/tree/runs/42", "ns/name", "runs/42")]
    [TestCase("https://hf.co/buckets/ns/name/resolve/runs/a%20b.txt?download=true", "ns/name", "runs/a b.txt")]
    [TestCase("huggingface.co/buckets/ns/name/tree/x", "ns/name", "x")]
    public void Parse_reads_uris_and_urls(string text, string bucket, string path)
    {
        var uri = BucketUri.Parse(text);
        Assert.That(uri.Bucket, Is.EqualTo(RepoId.Parse(bucket)));
        Assert.That(uri.Path, Is.EqualTo(path));
        Assert.That(BucketUri.Parse(uri.ToString()), Is.EqualTo(uri), "ToString round-trips");
    }

    [Test]
    public void Parse_accepts_urls_of_a_given_endpoint_with_a_path_prefix()
    {
        var uri = BucketUri.Parse("http://localhost:8080/hf/buckets/ns/name/tree/out", new Uri("http://localhost:8080/hf"));
        Assert.That(uri, Is.EqualTo(new BucketUri(RepoId.Parse("ns/name"), "out")));
    }

    [TestCase("hf://models/ns/name", "starts with 'hf://buckets/'")]
    [TestCase("hf://buckets/ns", "'namespace/name'")]
    [TestCase("hf://buckets/ns/name@v1/x", "no revisions")]
    [TestCase("hf://buckets/ns/na me", "contains ' '")]
    [TestCase("hf://buckets/ns/name/a//b", "empty segments")]
    [TestCase("hf://buckets/ns/name/a/../b", "'..' segment")]
    [TestCase("https://example.com/buckets/ns/name", "not a Hugging Face Hub")]
    [TestCase("https://huggingface.co/ns/name", "'/buckets/namespace/name[/tree/path]'")]
    [TestCase("https://huggingface.co/buckets/ns/name/settings", "'/settings/' route")]
    [TestCase("ftp://huggingface.co/buckets/ns/name", "neither an hf:// location nor an http(s) URL")]
    public void Parse_rejects_bad_locations_saying_why(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BucketUri.Parse(text));
        Assert.That(error!.Message, Does.Contain(expected).And.Contain($"'{text}'"));
    }

    [Test]
    public void Construction_combination_and_web_urls()
    {
        var root = new BucketUri(RepoId.Parse("me1/records"));
        Assert.That(root.IsRoot, Is.True);
        var file = root.Combine("runs/42").Combine("/report.md");
        Assert.That(file.ToString(), Is.EqualTo("hf://buckets/me1/records/runs/42/report.md"));
        Assert.That(file.ToWebUrl(new Uri("https://huggingface.co")).AbsoluteUri, Is.EqualTo("https://huggingface.co/buckets/me1/records/tree/runs/42/report.md"));
        Assert.That(root.ToWebUrl(new Uri("http://localhost:8080/hf")).AbsoluteUri, Is.EqualTo("http://localhost:8080/hf/buckets/me1/records"));
        Assert.That(() => new BucketUri(RepoId.Parse("records")), Throws.ArgumentException.With.Message.Contains("no namespace"));
        Assert.That(() => new BucketUri(RepoId.Parse("a/b"), "x/../y"), Throws.ArgumentException.With.Message.Contains("'..'"));
    }
}
