using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Phases.Steps;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>
/// AnalyzeModelCard + RecommendRuntime against recorded-shape Hub answers for 17 repositories of different kinds
/// (Fixtures/models/*: model_info.json, README.md, the statuses to answer, and the expected analysis).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class AnalyzeModelCardStepTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "models");

    public static IEnumerable<string> Models => Directory.EnumerateDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures", "models")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Models))]
    public async Task The_analysis_of_each_fixture_model_is_as_expected(string name)
    {
        using var harness = new StepHarness();
        var folder = Path.Combine(Root, name);
        using var responses = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "responses.json")));
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "expected.json")));
        var model = responses.RootElement.GetProperty("model").GetString()!;
        Stub(harness, folder, model, responses.RootElement);

        var (result, state) = await harness.RunAsync([harness.Step<AnalyzeModelCardStep>(), harness.Step<RecommendRuntimeStep>()], ("model", model));

        var e = expected.RootElement;
        var supported = e.GetProperty("supported").GetBoolean();
        var analysisJson = await harness.ReadAsync(result.RunId, "model_analysis.json");
        Assert.That(analysisJson, Is.Not.Null, "model_analysis.json recorded");
        using var analysis = JsonDocument.Parse(analysisJson!);
        var a = analysis.RootElement;
        Assert.That(a.GetProperty("supported").GetBoolean(), Is.EqualTo(supported), a.GetProperty("reason").GetString());

        if (!supported)
        {
            Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
            if (e.TryGetProperty("blocker_contains", out var blocker))
            {
                Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
                Assert.That(state.Blockers.Single(), Does.Contain(blocker.GetString()));
            }
            else
            {
                Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.UnsupportedModel));
                Assert.That(result.Outcome.Reason, Does.Contain(e.GetProperty("reason_contains").GetString()));
            }

            return;
        }

        Assert.That(a.GetProperty("pipeline").GetString(), Is.EqualTo(e.GetProperty("pipeline").GetString()));
        Check(e, a, "pipeline_source", "pipeline_source");
        Check(e, a, "library", "library");
        Check(e, a, "license", "license");
        Check(e, a, "parameters_source", "parameters_source");
        Check(e, a, "example_source", "example_source");
        if (e.TryGetProperty("parameters", out var parameters))
        {
            Assert.That(a.GetProperty("parameters").GetInt64(), Is.EqualTo(parameters.GetInt64()));
        }

        if (e.TryGetProperty("example", out var example))
        {
            Assert.That(a.GetProperty("example").GetProperty("text").GetString(), Is.EqualTo(example.GetString()));
        }

        if (e.TryGetProperty("example_context", out var context))
        {
            Assert.That(a.GetProperty("example").GetProperty("context").GetString(), Is.EqualTo(context.GetString()));
        }

        if (e.TryGetProperty("candidate_labels", out var labels))
        {
            Assert.That(a.GetProperty("example").GetProperty("candidate_labels").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(labels.EnumerateArray().Select(l => l.GetString())));
        }

        if (e.TryGetProperty("languages", out var languages))
        {
            Assert.That(a.GetProperty("languages").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(languages.EnumerateArray().Select(l => l.GetString())));
        }

        if (e.TryGetProperty("needs_sentencepiece", out var sentencePiece))
        {
            Assert.That(a.GetProperty("needs_sentence_piece").GetBoolean(), Is.EqualTo(sentencePiece.GetBoolean()));
        }

        if (e.TryGetProperty("warning_contains", out var warning))
        {
            Assert.That(a.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Has.Some.Contains(warning.GetString()));
        }

        using var recommendation = JsonDocument.Parse((await harness.ReadAsync(result.RunId, "runtime_recommendation.json"))!);
        Assert.That(recommendation.RootElement.GetProperty("flavors").EnumerateArray().Select(f => f.GetString()),
            Is.EqualTo(e.GetProperty("flavors").EnumerateArray().Select(f => f.GetString())));
        Assert.That(state.Steps.Select(s => s.Status), Is.All.EqualTo(StepStatus.Completed));
        var requests = harness.Hub.LogEntries.Select(l => l.RequestMessage!).ToList();
        Assert.That(requests.All(r => r.Headers!["Authorization"].Single() == "Bearer " + StepHarness.Token), Is.True);
        Assert.That(requests.Select(r => r.Path), Does.Contain($"/api/models/{model}").And.Contain($"/{model}/resolve/main/README.md"));
    }

    [Test]
    public async Task A_huge_card_is_cut_and_analysed_like_any_other()
    {
        using var harness = new StepHarness();
        var folder = Path.Combine(Root, "tiny-gpt2");
        using var responses = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "responses.json")));
        Stub(harness, folder, "sshleifer/tiny-gpt2", responses.RootElement, readme: "---\nlicense: mit\nwidget:\n- text: Once upon a time\n---\n" + new string('x', 3 * 1024 * 1024));

        var (result, _) = await harness.RunAsync([harness.Step<AnalyzeModelCardStep>()], ("model", "sshleifer/tiny-gpt2"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed), "no step declares success here");
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Incomplete));
        using var analysis = JsonDocument.Parse((await harness.ReadAsync(result.RunId, "model_analysis.json"))!);
        Assert.That(analysis.RootElement.GetProperty("supported").GetBoolean(), Is.True);
        Assert.That(analysis.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Has.Some.Contains("cut before analysis"));
    }

    [TestCase("not a model id")]
    [TestCase("../../etc/passwd")]
    [TestCase("noslash")]
    public async Task A_malformed_model_parameter_fails_with_an_error_naming_it(string model)
    {
        using var harness = new StepHarness();

        var (result, state) = await harness.RunAsync([harness.Step<AnalyzeModelCardStep>()], ("model", model));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(state.Steps[0].Error!.Type, Is.EqualTo("RecipeParameterException"));
        Assert.That(harness.Hub.LogEntries, Is.Empty);
    }

    private static void Stub(StepHarness harness, string folder, string model, JsonElement responses, string? readme = null)
    {
        var infoStatus = responses.GetProperty("info_status").GetInt32();
        var info = Response.Create().WithStatusCode(infoStatus).WithHeader("Content-Type", "application/json");
        info = infoStatus == 200
            ? info.WithBody(File.ReadAllText(Path.Combine(folder, "model_info.json")))
            : info.WithBody(responses.GetProperty("info_body").GetRawText());
        if (responses.TryGetProperty("info_headers", out var infoHeaders))
        {
            foreach (var header in infoHeaders.EnumerateObject())
            {
                info = info.WithHeader(header.Name, header.Value.GetString()!);
            }
        }

        harness.Hub.Given(Request.Create().UsingGet().WithPath($"/api/models/{model}")).RespondWith(info);

        var readmeStatus = responses.GetProperty("readme_status").GetInt32();
        var card = Response.Create().WithStatusCode(readmeStatus);
        var path = Path.Combine(folder, "README.md");
        card = readmeStatus == 200 ? card.WithHeader("Content-Type", "text/plain").WithBody(readme ?? File.ReadAllText(path)) : card.WithBody(string.Empty);
        if (responses.TryGetProperty("readme_headers", out var readmeHeaders))
        {
            foreach (var header in readmeHeaders.EnumerateObject())
            {
                card = card.WithHeader(header.Name, header.Value.GetString()!);
            }
        }

        harness.Hub.Given(Request.Create().UsingGet().WithPath($"/{model}/resolve/main/README.md")).RespondWith(card);
        harness.Hub.Given(Request.Create().UsingGet().WithPath($"/{model}/resolve/main/config.json"))
            .RespondWith(readmeStatus == 403 ? card : Response.Create().WithStatusCode(200).WithBody("{}"));
    }

    private static void Check(JsonElement expected, JsonElement actual, string expectedName, string actualName)
    {
        if (expected.TryGetProperty(expectedName, out var value))
        {
            Assert.That(actual.GetProperty(actualName).GetString(), Is.EqualTo(value.GetString()), expectedName);
        }
    }
}
