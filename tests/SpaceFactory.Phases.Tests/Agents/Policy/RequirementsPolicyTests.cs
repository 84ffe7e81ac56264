using SpaceFactory.Phases.Agents.Policy;

namespace SpaceFactory.Phases.Tests.Agents.Policy;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public class RequirementsPolicyTests
{
    [Test]
    public void Pinned_names_comments_and_blank_lines_pass()
    {
        Assert.That(RequirementsPolicy.Check("# pinned\ntransformers==4.46.3\n\ntorch == 2.5.1  # cpu\nuvicorn[standard]==0.30.0\n"), Is.Empty);
    }

    [TestCase("--extra-index-url https://evil.example/simple\ntorch==2.5.1\n", "requirements_option", 1)]
    [TestCase("torch==2.5.1\n-e .\n", "requirements_option", 2)]
    [TestCase("-r other.txt\n", "requirements_option", 1)]
    [TestCase("torch==2.5.1\nhttps://evil.example/pkg.whl\n", "requirements_url", 2)]
    [TestCase("pkg @ https://evil.example/pkg.whl\n", "requirements_url", 1)]
    [TestCase("git+https://github.com/x/y.git\n", "requirements_vcs", 1)]
    [TestCase("./vendored\n", "requirements_local_path", 1)]
    [TestCase("/tmp/pkg.whl\n", "requirements_local_path", 1)]
    [TestCase("requests\n", "requirements_unpinned", 1)]
    [TestCase("requests>=2\n", "requirements_unpinned", 1)]
    [TestCase("requests==2.32.3; python_version<'3.9'\n", "requirements_marker", 1)]
    public void Anything_but_a_pinned_name_is_refused_with_rule_and_line(string content, string rule, int line)
    {
        var found = RequirementsPolicy.Check(content);

        Assert.That(found, Is.Not.Empty);
        Assert.That(found[0].Rule, Is.EqualTo(rule));
        Assert.That(found[0].Line, Is.EqualTo(line));
        Assert.That(found[0].ToString(), Does.Contain($"requirements.txt line {line} (rule {rule})").And.Contain("nothing was uploaded"));
    }
}
