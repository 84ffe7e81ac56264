using SpaceFactory.Hf;

namespace SpaceFactory.Api.Tests;

/// <summary>The approval itself: it fails on any surface change with a diff naming only the changed lines.</summary>
[TestFixture]
public sealed class ApiApprovalTests
{
    private const string ExtraMember = "    public sealed class SneakedIn { }";

    private static readonly string Current = ApiApproval.Listing(typeof(HfClientOptions).Assembly);

    [Test]
    public void A_listing_with_an_extra_type_fails_and_the_diff_names_it_as_removed()
    {
        var result = ApiApproval.Compare(Current, Current + ExtraMember + "\n", "SpaceFactory.Hf.txt");

        Assert.That(result.Verdict, Is.EqualTo(ApprovalVerdict.Changed));
        var diffLines = DiffLines(result.Message);
        Assert.That(diffLines, Has.Count.EqualTo(1));
        Assert.That(diffLines[0], Does.StartWith("- ").And.EndWith(ExtraMember));
    }

    [Test]
    public void A_surface_with_an_extra_type_fails_and_the_diff_names_it_as_added()
    {
        var lines = Current.Split('\n').ToList();
        var at = lines.FindIndex(line => line.StartsWith("namespace ", StringComparison.Ordinal)) + 2;
        lines.Insert(at, ExtraMember);

        var result = ApiApproval.Compare(string.Join('\n', lines), Current, "SpaceFactory.Hf.txt");

        Assert.That(result.Verdict, Is.EqualTo(ApprovalVerdict.Changed));
        Assert.That(DiffLines(result.Message), Is.EqualTo(new[] { $"+ {at + 1,5}: {ExtraMember}" }));
    }

    [Test]
    public void A_changed_member_shows_as_one_removed_and_one_added_line_not_as_two_dumps()
    {
        const string Before = "public System.TimeSpan AttemptTimeout { get; set; }";
        Assert.That(Current, Does.Contain(Before), "the member this test changes");
        var changed = Current.Replace(Before, "public int AttemptTimeout { get; set; }", StringComparison.Ordinal);

        var result = ApiApproval.Compare(changed, Current, "SpaceFactory.Hf.txt");

        var diffLines = DiffLines(result.Message);
        Assert.That(diffLines, Has.Count.EqualTo(2));
        Assert.That(diffLines[0], Does.StartWith("- ").And.EndWith(Before));
        Assert.That(diffLines[1], Does.StartWith("+ ").And.EndWith("public int AttemptTimeout { get; set; }"));
    }

    [Test]
    public void Line_endings_of_the_checked_in_listing_do_not_count_as_a_change()
    {
        var result = ApiApproval.Compare(Current, Current.Replace("\n", "\r\n", StringComparison.Ordinal), "SpaceFactory.Hf.txt");

        Assert.That(result.Verdict, Is.EqualTo(ApprovalVerdict.Approved));
    }

    [Test]
    public void A_missing_listing_fails_saying_how_to_create_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "spacefactory-api-" + Guid.NewGuid().ToString("N"), "SpaceFactory.Nothing.txt");

        var result = ApiApproval.Check(Current, path, update: false);

        Assert.That(result.Verdict, Is.EqualTo(ApprovalVerdict.Missing));
        Assert.That(result.Message, Does.Contain("api/SpaceFactory.Nothing.txt").And.Contain("SPACEFACTORY_UPDATE_API=1 dotnet test"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void The_update_switch_writes_the_listing_that_then_approves()
    {
        var folder = Path.Combine(Path.GetTempPath(), "spacefactory-api-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "SpaceFactory.Hf.txt");
        try
        {
            var written = ApiApproval.Check(Current, path, update: true);
            var approved = ApiApproval.Check(Current, path, update: false);

            Assert.That(written.Verdict, Is.EqualTo(ApprovalVerdict.Updated));
            Assert.That(File.ReadAllText(path), Is.EqualTo(Current));
            Assert.That(approved.Verdict, Is.EqualTo(ApprovalVerdict.Approved));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> DiffLines(string message) =>
        message.ReplaceLineEndings("\n").Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("+ ", StringComparison.Ordinal)).ToList();
}
