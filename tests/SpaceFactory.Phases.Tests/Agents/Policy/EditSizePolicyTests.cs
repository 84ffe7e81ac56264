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
}
