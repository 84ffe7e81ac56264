using SpaceFactory.Phases.Agents.Policy;

namespace SpaceFactory.Phases.Tests.Agents.Policy;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public class EditSizePolicyTests
{
    [Test]
    public void One_replaced_line_counts_as_two_changed_lines()
    {
        Assert.That(EditSizePolicy.ChangedLines("a\nb\nc\n", "a\nB\nc\n"), Is.EqualTo(2));
        Assert.That(EditSizePolicy.ChangedLines("a\nb\n", "a\nb\n"), Is.Zero);
    }

    [Test]
    public void A_rewrite_beyond_the_bound_is_refused_naming_the_files()
    {
        var before = new Dictionary<string, string> { ["app.py"] = "import gradio as gr\n" };
        var after = new Dictionary<string, string> { ["app.py"] = string.Concat(Enumerable.Range(0, 300).Select(i => $"x{i} = {i}\n")) };

        var found = EditSizePolicy.Check(before, after, maxChangedLines: 200);

        Assert.That(found, Is.Not.Null);
        Assert.That(found!.Rule, Is.EqualTo("edit_size"));
        Assert.That(found.Detail, Does.Contain("app.py: 301").And.Contain("more than the 200"));
        Assert.That(EditSizePolicy.Check(before, before, 200), Is.Null);
    }

    [Test]
    public async Task A_token_written_into_any_file_is_refused_with_its_line()
    {
        var before = new Dictionary<string, string> { ["README.md"] = "# Demo\n" };
        var after = new Dictionary<string, string> { ["README.md"] = "# Demo\nkey: hf_" + new string('x', 34) + "\n" };

        var found = await new AgentOutputPolicy().CheckAsync(before, after, CancellationToken.None);

        Assert.That(found, Is.EqualTo(new PolicyViolation("secret", "README.md", 2, "the file holds a token-shaped string")));
    }
}
