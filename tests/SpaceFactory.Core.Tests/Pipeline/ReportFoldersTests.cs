using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Tests.Pipeline;

/// <summary><c>report.md</c> names only the artifact folders the record really has, a resumed run's earlier ones included.</summary>
[TestFixture]
public class ReportFoldersTests
{
    private const string FilesLine = "Files: `state.json` (for programs), `events.jsonl` (every event), this report";
    private string _root = null!;
    private DirectoryRunStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "sf-core-report-" + Guid.NewGuid().ToString("N"));
        _store = new DirectoryRunStore(_root);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static InProcessRunExecutor Executor(IRunStore store, Recipe recipe) => new(new RecipeCatalog([recipe]), store);

    private static DelegateStep Writes(string name, params string[] paths) => new(name, async (context, ct) =>
    {
        foreach (var path in paths)
        {
            await context.Recorder.WriteArtifactAsync(path, "x\n", ct);
        }

        return StepResult.Completed();
    });

    private Task<string> ReportAsync(RunId runId) => File.ReadAllTextAsync(Path.Combine(_store.RunFolder(runId), "report.md"));

    [Test]
    public async Task Only_the_folders_written_are_listed()
    {
        var recipe = new RecipeBuilder("test").Add(Writes("generate", "generated/app.py", "generated/README.md")).Add(Writes("validate", "tests/test_result.json")).Add(DelegateStep.Succeeds("done")).Build();

        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test"));

        var report = await ReportAsync(result.RunId);
        Assert.That(report, Does.Contain(FilesLine + ", and artifacts under `generated/`, `tests/`.\n"));
        Assert.That(report, Does.Not.Contain("`logs/`").And.Not.Contain("`traces/`"));
    }

    [Test]
    public async Task A_run_without_artifacts_lists_no_folder()
    {
        var result = await Executor(_store, new RecipeBuilder("test").Add(DelegateStep.Succeeds("done")).Build()).RunAsync(new FactoryRequest("test"));

        Assert.That(await ReportAsync(result.RunId), Does.Contain(FilesLine + ".\n").And.Not.Contain("artifacts under"));
    }

    [Test]
    public async Task A_resumed_run_keeps_the_folders_of_its_first_process()
    {
        var killable = new KillableRunStore(_store);
        var attempts = 0;
        var recipe = new RecipeBuilder("test")
            .Add(Writes("wait", "logs/build.log"))
            .Add(new DelegateStep("validate", async (context, ct) =>
            {
                if (attempts++ == 0)
                {
                    killable.Kill();
                }

                await context.Recorder.WriteArtifactAsync("tests/test_result.json", "{}\n", ct);
                return StepResult.Success(OutcomeCode.Completed, "ok");
            }))
            .Build();
        var runId = RunId.New(TimeProvider.System);
        Assert.ThrowsAsync<ProcessKilledException>(() => Executor(killable, recipe).RunAsync(new FactoryRequest("test") { RunId = runId }));

        var result = await Executor(_store, recipe).ResumeAsync(runId);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(await ReportAsync(runId), Does.Contain(FilesLine + ", and artifacts under `logs/`, `tests/`.\n"));
    }
}
