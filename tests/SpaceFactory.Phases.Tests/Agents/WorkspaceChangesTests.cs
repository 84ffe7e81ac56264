using SpaceFactory.Phases.Agents;

namespace SpaceFactory.Phases.Tests.Agents;

[TestFixture]
public class WorkspaceChangesTests
{
    [Test]
    public void Compare_And_Violation_NameEveryCreatedDeletedAndForbiddenFile()
    {
        var before = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.py"] = "a", ["README.md"] = "r", ["requirements.txt"] = "q" };
        var after = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.py"] = "A", ["README.md"] = "R", ["notes.txt"] = "n" };

        var changes = AgentWorkspace.Compare(before, after);

        Assert.That(changes.Added, Is.EqualTo(new[] { "notes.txt" }));
        Assert.That(changes.Removed, Is.EqualTo(new[] { "requirements.txt" }));
        Assert.That(changes.Changed, Is.EqualTo(new[] { "README.md", "app.py" }));
        Assert.That(changes.Violation(["app.py"]), Is.EqualTo(
            "the agent created notes.txt; deleted requirements.txt; changed README.md, which it was not allowed to edit (allowed: app.py)"));
    }

    [Test]
    public void Violation_OnlyAllowedEdits_IsNull()
    {
        var changes = AgentWorkspace.Compare(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["app.py"] = "a" },
            new Dictionary<string, string>(StringComparer.Ordinal) { ["app.py"] = "b" });
        Assert.That(changes.Violation(["app.py"]), Is.Null);
    }
}
