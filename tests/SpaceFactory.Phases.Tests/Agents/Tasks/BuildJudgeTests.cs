using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Agents.Tasks;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Steps;
using SpaceFactory.Phases.Tests.Steps;

namespace SpaceFactory.Phases.Tests.Agents.Tasks;

/// <summary>
/// The wrapper's judgement of a build workspace (<see cref="BuildJudge"/>), through the real python3 checks: blockers
/// end <c>agent_blocked</c>, a manifest or app missing what validation calls, a placeholder and a policy breach end
/// <c>agent_policy_violation</c> naming what is wrong, and the Sandbox's scripted spaCy app is accepted.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class BuildJudgeTests
{
    private const string Model = "spacy/en_core_web_sm";

    // The files the Sandbox's scripted build agent writes (linked from src/SpaceFactory.Sandbox/SeedData/agent/spacy_ner).
    private static string Spacy(string file) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "agent", "spacy_ner", file)).Replace("{{model}}", Model, StringComparison.Ordinal);

    private static Dictionary<string, string> GoodBuild() => new(StringComparer.Ordinal)
    {
        ["app.py"] = Spacy("app.py"),
        ["requirements.txt"] = Spacy("requirements.txt"),
        ["spacefactory_manifest.json"] = Spacy("spacefactory_manifest.json"),
    };

    /// <summary>Puts the analysis of an unsupported model in the state, writes the workspace and lets the judge decide.</summary>
    private sealed class JudgeStep(IReadOnlyDictionary<string, string> workspaceFiles) : IPhaseStep
    {
        public string Name => "pi_build_app";

        public bool IsSafeToRerun => true;

        public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
        {
            context.State.Set(FactoryState.Analysis, new ModelAnalysis
            {
                Model = RepoId.Parse(Model),
                Supported = false,
                Reason = "library 'spacy' is not supported",
                Library = "spacy",
                PipelineTag = "token-classification",
                License = "mit",
            });
            var workspace = Directory.CreateTempSubdirectory("sf-build-judge-").FullName;
            try
            {
                await File.WriteAllTextAsync(Path.Combine(workspace, BuildJudge.CardFile), "# the card (a data file, never judged)\n", cancellationToken);
                foreach (var (path, content) in workspaceFiles)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(workspace, path))!);
                    await File.WriteAllTextAsync(Path.Combine(workspace, path), content, cancellationToken);
                }

                return await new BuildJudge(new AgentOutputPolicy()).JudgeAsync(context, workspace, 4, cancellationToken);
            }
            finally
            {
                Directory.Delete(workspace, recursive: true);
            }
        }
    }

    private static async Task<(RunResult Result, RunState State, StepHarness Harness)> JudgeAsync(IReadOnlyDictionary<string, string> files)
    {
        var harness = new StepHarness();
        var (result, state) = await harness.RunAsync([new JudgeStep(files)]);
        return (result, state, harness);
    }

    private static async Task<string> RefusalAsync(IReadOnlyDictionary<string, string> files)
    {
        var (result, _, harness) = await JudgeAsync(files);
        using (harness)
        {
            Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation), result.Outcome.Reason);
            Assert.That(result.Outcome.Reason, Does.EndWith("nothing was uploaded"));
            Assert.That(await harness.ReadAsync(result.RunId, "generated/app.py"), Is.Null, "a refused build records nothing as generated");
            return result.Outcome.Reason;
        }
    }

    private static string ManifestWith(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(Spacy("spacefactory_manifest.json"))!.AsObject();
        change(manifest);
        return manifest.ToJsonString();
    }

    [Test]
    public async Task The_scripted_spacy_build_is_accepted_and_becomes_the_app_with_the_factory_readme_and_manifest()
    {
        var (result, state, harness) = await JudgeAsync(GoodBuild());
        using var _ = harness;

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Incomplete), "the judge hands the app on; validation declares the outcome");
        Assert.That(state.Steps.Single().Summary, Is.EqualTo($"the agent built an app for {Model} with endpoint /predict (check entity_list); policy and structure checks passed (4 tool calls)"));
        Assert.That(await harness.ReadAsync(result.RunId, "generated/app.py"), Is.EqualTo(Spacy("app.py")), "app.py ships as the agent wrote it");
        Assert.That(await harness.ReadAsync(result.RunId, "generated/README.md"), Does.Contain("sdk: gradio").And.Contain("written by the Pi coding agent"));
        var manifest = await harness.ReadAsync(result.RunId, "generated/spacefactory_manifest.json");
        using var json = JsonDocument.Parse(manifest!);
        Assert.That(json.RootElement.GetProperty("model").GetString(), Is.EqualTo(Model));
        Assert.That(json.RootElement.GetProperty("show_error").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("validation").GetProperty("api_name").GetString(), Is.EqualTo("/predict"));
        Assert.That(json.RootElement.GetProperty("simulation").GetProperty("/predict").GetRawText(), Does.Contain("[simulated entity]"), "the factory's own labelled simulation");
    }

    [Test]
    public async Task A_simulation_the_agent_wrote_is_replaced_by_the_factorys_own()
    {
        var files = GoodBuild();
        files["spacefactory_manifest.json"] = ManifestWith(m => m["simulation"] = new System.Text.Json.Nodes.JsonObject { ["/predict"] = new System.Text.Json.Nodes.JsonObject { ["mode"] = "fixed", ["outputs"] = new System.Text.Json.Nodes.JsonArray("agent says all is fine") } });
        var (result, _, harness) = await JudgeAsync(files);
        using var _h = harness;

        var manifest = await harness.ReadAsync(result.RunId, "generated/spacefactory_manifest.json");
        Assert.That(manifest, Does.Not.Contain("agent says all is fine").And.Contain("[simulated entity]"));
    }

    [Test]
    public async Task Blockers_end_agent_blocked_with_each_reason_recorded_and_no_app()
    {
        var files = GoodBuild();
        files["blockers.md"] = "# Blockers\n\n- The base model is gated.\n* The adapter needs 14 GB.\n\n";
        var (result, state, harness) = await JudgeAsync(files);
        using var _ = harness;

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentBlocked));
        Assert.That(result.Outcome.Reason, Is.EqualTo($"the coding agent found real inference of {Model} impossible (3 blockers: Blockers; The base model is gated.; The adapter needs 14 GB.); no Space was created"));
        Assert.That(state.Blockers, Is.EqualTo(new[] { "Blockers", "The base model is gated.", "The adapter needs 14 GB." }));
        Assert.That(await harness.ReadAsync(result.RunId, "agent/blockers.md"), Is.EqualTo("- Blockers\n- The base model is gated.\n- The adapter needs 14 GB.\n"));
        Assert.That(await harness.ReadAsync(result.RunId, "events.jsonl"), Does.Contain("\"type\":\"agent_blocked\""));
        Assert.That(await harness.ReadAsync(result.RunId, "generated/app.py"), Is.Null, "blockers win over an app written beside them");
    }

    [Test]
    public void Blockers_are_bounded_in_number_and_length()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"- reason {i} " + new string('x', i == 1 ? 400 : 0));
        var blockers = BuildJudge.ReadBlockers(string.Join("\n", lines));

        Assert.That(blockers, Has.Count.EqualTo(BuildJudge.MaxBlockers));
        Assert.That(blockers[0], Has.Length.EqualTo(301).And.EndWith("…"));
        Assert.That(blockers[^1], Is.EqualTo("reason 20"));
    }

    [Test]
    public async Task An_empty_blockers_file_is_refused()
    {
        var reason = await RefusalAsync(new Dictionary<string, string> { ["blockers.md"] = "\n  - \n#\n" });

        Assert.That(reason, Is.EqualTo("the agent wrote an empty blockers.md: it must say why real inference is impossible; nothing was uploaded"));
    }

    [Test]
    public async Task A_manifest_without_health_is_refused_naming_it()
    {
        var files = GoodBuild();
        files["spacefactory_manifest.json"] = ManifestWith(m => m["info"]!["named_endpoints"]!.AsObject().Remove("/health"));

        Assert.That(await RefusalAsync(files), Is.EqualTo("the agent's spacefactory_manifest.json does not declare the endpoint /health; nothing was uploaded"));
    }

    [Test]
    public async Task A_manifest_whose_validation_endpoint_is_not_declared_is_refused_naming_it()
    {
        var files = GoodBuild();
        files["spacefactory_manifest.json"] = ManifestWith(m => m["validation"]!["api_name"] = "/generate");

        Assert.That(await RefusalAsync(files), Does.StartWith("the agent's spacefactory_manifest.json names the endpoint '/generate' for validation, which must be a named endpoint of info.named_endpoints other than /health"));
    }

    [TestCase("check", "\"looks_fine\"", "has no validation.check among entity_list, label_with_scores, non_empty_text, embedding_vector")]
    [TestCase("inputs", "[]", "must give validation.inputs as a list of 1 example value(s), one per parameter of /predict")]
    [TestCase("api_name", "\"/health\"", "names the endpoint '/health' for validation")]
    public async Task A_manifest_that_cannot_be_validated_is_refused_saying_why(string field, string value, string expected)
    {
        var files = GoodBuild();
        files["spacefactory_manifest.json"] = ManifestWith(m => m["validation"]![field] = System.Text.Json.Nodes.JsonNode.Parse(value));

        Assert.That(await RefusalAsync(files), Does.Contain(expected));
    }

    [Test]
    public async Task An_app_that_does_not_wire_the_manifest_endpoint_is_refused_naming_it()
    {
        var files = GoodBuild();
        files["app.py"] = files["app.py"].Replace("api_name=\"predict\"", "api_name=\"find\"", StringComparison.Ordinal);

        Assert.That(await RefusalAsync(files), Is.EqualTo("the agent policy refused app.py (rule structure): app.py does not wire the endpoint /predict (api_name) that validation calls; nothing was uploaded"));
    }

    [Test]
    public async Task An_app_without_health_is_refused_naming_it()
    {
        var files = GoodBuild();
        files["app.py"] = files["app.py"].Replace("    gr.api(health, api_name=\"health\")\n", string.Empty, StringComparison.Ordinal);

        Assert.That(await RefusalAsync(files), Does.Contain("(rule structure): app.py does not wire the endpoint /health (api_name)"));
    }

    [Test]
    public async Task An_app_that_never_launches_is_refused()
    {
        var files = GoodBuild();
        files["app.py"] = files["app.py"].Replace("    demo.launch(show_error=True)\n", "    pass\n", StringComparison.Ordinal);

        Assert.That(await RefusalAsync(files), Does.Contain("(rule structure): app.py never calls launch()"));
    }

    [TestCase("    return \"placeholder: the model would answer here\"\n", "returns text marked as a stand-in ('placeholder')")]
    [TestCase("    return [{\"entity_group\": \"ORG\", \"score\": 0.9, \"word\": w} for w in text.split()]\n", "/predict (predict) never uses a loaded model or a model library, so its answer is not inference")]
    [TestCase("    raise NotImplementedError(\"spaCy is not wired yet\")\n", "raises NotImplementedError instead of running the model")]
    [TestCase("    import random\n    return [{\"entity_group\": \"ORG\", \"score\": random.random(), \"word\": text}]\n", "draws its result at random")]
    public async Task A_placeholder_presented_as_inference_is_refused(string body, string expected)
    {
        var files = GoodBuild();
        var app = files["app.py"];
        var start = app.IndexOf("    doc = nlp(text)\n", StringComparison.Ordinal);
        var end = app.IndexOf("\n\n\ndef health", StringComparison.Ordinal);
        files["app.py"] = app[..start] + body + app[end..];

        var reason = await RefusalAsync(files);
        Assert.That(reason, Does.Match(@"^the agent policy refused app\.py line \d+ \(rule placeholder\)"));
        Assert.That(reason, Does.Contain(expected).And.Contain("the app must run the model for real or write blockers.md"));
    }

    [Test]
    public async Task An_app_that_reads_the_environment_is_an_agent_policy_violation()
    {
        var files = GoodBuild();
        files["app.py"] = files["app.py"].Replace("import spacy\n", "import spacy\nimport os\n\nTOKEN = os.environ[\"HF_TOKEN\"]\n", StringComparison.Ordinal);

        Assert.That(await RefusalAsync(files), Does.Match(@"^the agent policy refused app\.py line 10 \(rule environment\): reads os\.environ"));
    }

    [Test]
    public async Task Requirements_with_an_extra_index_are_an_agent_policy_violation()
    {
        var files = GoodBuild();
        files["requirements.txt"] = "--extra-index-url https://pypi.evil.example/simple\nspacy==3.8.7\n";

        Assert.That(await RefusalAsync(files), Does.StartWith("the agent policy refused requirements.txt line 1 (rule requirements_option)"));
    }

    [Test]
    public async Task A_token_written_into_a_file_is_an_agent_policy_violation()
    {
        var files = GoodBuild();
        files["requirements.txt"] += "# hf_fakeagentpolicytokenabcdefghijklm\n";

        Assert.That(await RefusalAsync(files), Is.EqualTo("the agent policy refused requirements.txt line 3 (rule secret): the file holds a token-shaped string; nothing was uploaded"));
    }

    [Test]
    public async Task A_missing_file_and_an_extra_file_are_refused_naming_both()
    {
        var files = GoodBuild();
        files.Remove("requirements.txt");
        files["notes/plan.txt"] = "my plan\n";

        Assert.That(await RefusalAsync(files), Is.EqualTo("the agent did not write requirements.txt; wrote notes/plan.txt, which is not one of the app's files (a build writes exactly app.py, requirements.txt, spacefactory_manifest.json, or only blockers.md); nothing was uploaded"));
    }

    [Test]
    public async Task A_manifest_that_is_not_json_is_refused()
    {
        var files = GoodBuild();
        files["spacefactory_manifest.json"] = "{ not json";

        Assert.That(await RefusalAsync(files), Is.EqualTo("the agent's spacefactory_manifest.json is not a JSON object; nothing was uploaded"));
    }

    [TestCase("claude")]
    [TestCase("PI")]
    public async Task An_unknown_agent_is_bad_input_in_words(string agent)
    {
        using var harness = new StepHarness();
        var generate = new SpaceFactory.Phases.Agents.TemplateOnlyStep(new JudgeStep(GoodBuild()));

        var (result, _) = await harness.RunAsync([generate], ("agent", agent));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.InvalidInput));
        Assert.That(result.Outcome.Reason, Does.Contain($"Unknown agent '{agent}'; use 'pi' or leave it out."));
    }

    [Test]
    public void The_scripted_spacy_app_compiles_with_py_compile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sf-spacy-app-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, Spacy("app.py"));
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["-I", "-m", "py_compile", path])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, errors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
