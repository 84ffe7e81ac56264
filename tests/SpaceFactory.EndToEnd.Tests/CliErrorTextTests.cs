using System.Text.Json;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// Bad input to every verb, as a separate process: a sentence naming what was wrong, never .NET exception text, and
/// with <c>--json</c> exactly one JSON document on stdout (logs go to stderr).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public class CliErrorTextTests
{
    private static readonly string[] DotnetTexts =
    [
        "(Parameter '", "LineNumber:", "BytePositionInLine", "Operation is not valid due to the current state of the object.",
        "System.", "Exception:", "   at ", "..",
    ];

    [TestCase("Cannot parse argument 'many' for option '--limit' as a whole number.", "runs", "--limit", "many")]
    [TestCase("Cannot parse argument 'lots' for option '--calls' as a whole number.", "validate", "sandbox-user/x", "--calls", "lots")]
    [TestCase("Required argument missing for command: 'status'.", "status")]
    [TestCase("'not-a-run-id' is not a run id", "cancel", "not-a-run-id")]
    [TestCase("'not-a-run-id' is not a run id", "resume", "not-a-run-id")]
    [TestCase("'a/b/c' is not a Space id (owner/name): Repository id 'a/b/c' has more than one '/'; expected 'namespace/name'.", "monitors", "a/b/c")]
    [TestCase("'a/b/c' is not a Space id", "validate", "a/b/c", "--schedule", "@daily")]
    [TestCase("There is no run 20261201T100000Z-abcdefgh", "status", "20261201T100000Z-abcdefgh")]
    [TestCase("'novalue' is not key=value.", "run", "private-space", "--sandbox", "-p", "novalue")]
    [TestCase("Did you mean 'space'?", "run", "private-space", "--sandbox", "-p", "spcae=x")]
    [TestCase("There is no recipe 'nope'.", "demo", "--recipe", "nope")]
    [TestCase("--executor must be 'local' or 'job', not 'cloud'.", "demo", "--executor", "cloud")]
    [TestCase("The parameter 'expect' must be one of text, image, audio, label, json, file, not 'pdf'.", "validate", "sandbox-user/x", "--sandbox", "--expect", "pdf")]
    [TestCase("it needs a namespace, e.g. owner/name.", "validate", "no-owner", "--sandbox")]
    [TestCase("someone-else/demo is outside your namespaces (sandbox-user)", "validate", "someone-else/demo", "--sandbox")]
    public async Task Bad_input_is_a_sentence_never_dotnet_text_and_json_is_one_document_on_stdout(string expected, params string[] args)
    {
        var folder = CliProcess.TempFolder("sf-cli-errors-");
        var text = await CliProcess.RunAsync(folder, null, args);
        var json = await CliProcess.RunAsync(folder, null, [.. args, "--json"]);

        using var document = JsonDocument.Parse(json.Output); // the whole of stdout: one JSON document
        var message = document.RootElement.TryGetProperty("message", out var m) ? m.GetString()! : document.RootElement.GetProperty("reason").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.Not.Zero.And.EqualTo(json.ExitCode));
            Assert.That(text.Output + text.Error, Does.Contain(expected));
            Assert.That(message, Does.Contain(expected));
            foreach (var dotnet in DotnetTexts)
            {
                Assert.That(text.Output + text.Error, Does.Not.Contain(dotnet), "people's output");
                Assert.That(message, Does.Not.Contain(dotnet), "the JSON message");
            }

            Assert.That(json.Output + text.Output, Does.Not.Contain("\u001b["), "no ANSI codes when not on a terminal");
            Assert.That(json.Output, Does.Not.Contain("warn:"), "log lines go to stderr only");
        });
        Directory.Delete(folder, recursive: true);
    }
}
