namespace SpaceFactory.Hf.Tests.Repos;

[TestFixture]
public class RepoIdTests
{
    [TestCase("foo", null, "foo")]
    [TestCase("foo/bar", "foo", "bar")]
    [TestCase("Foo-BAR_foo.bar123/x", "Foo-BAR_foo.bar123", "x")]
    [TestCase("sshleifer/tiny-gpt2", "sshleifer", "tiny-gpt2")]
    public void Parse_accepts_valid_ids(string text, string? ns, string name)
    {
        var id = RepoId.Parse(text);
        Assert.That(id.Namespace, Is.EqualTo(ns));
        Assert.That(id.Name, Is.EqualTo(name));
        Assert.That(id.ToString(), Is.EqualTo(text));
    }

    [TestCase("datasets/foo/bar", "more than one '/'")]
    [TestCase(".repo_id", "must start and end")]
    [TestCase("foo--bar", "'--'")]
    [TestCase("foo..bar", "'..'")]
    [TestCase("foo.git", "'.git'")]
    [TestCase("user/my space", "contains ' '")]
    [TestCase("user/", "the name is empty")]
    [TestCase("/name", "the namespace is empty")]
    [TestCase("", "must not be empty")]
    [TestCase("ns/../../x", "more than one '/'")]
    public void Parse_rejects_invalid_ids_naming_the_problem(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => RepoId.Parse(text));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Parse_rejects_names_longer_than_96_characters()
    {
        var ex = Assert.Throws<ArgumentException>(() => RepoId.Parse("user/" + new string('a', 97)));
        Assert.That(ex!.Message, Does.Contain("at most 96"));
    }

    [Test]
    public void WithDefaultNamespace_fills_only_a_missing_namespace()
    {
        Assert.That(RepoId.Parse("app").WithDefaultNamespace("me").ToString(), Is.EqualTo("me/app"));
        Assert.That(RepoId.Parse("org/app").WithDefaultNamespace("me").ToString(), Is.EqualTo("org/app"));
    }
}
