using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs any benchmark in this assembly: dotnet run -c Release --project bench/SpaceFactory.Benchmarks -- --filter '*'
// `-- --smoke` runs every case once, in process (seconds, not minutes), and fails when a case produced no number:
// CI runs it so that a benchmark that silently reports NA (a broken set-up) cannot stay unnoticed.
if (args is ["--smoke", ..])
{
    var config = ManualConfig.CreateMinimumViable()
        .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("smoke"))
        .WithUnionRule(ConfigUnionRule.AlwaysUseGlobal); // the classes' own [SimpleJob]s are for real measurements
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args[1..], "--filter", "*"], config);
    var cases = summaries.SelectMany(s => s.Reports).ToList();
    var missing = cases.Where(r => r.ResultStatistics is null).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
    Console.WriteLine($"benchmark smoke: {cases.Count - missing.Count} of {cases.Count} cases produced a number");
    foreach (var name in missing)
    {
        Console.Error.WriteLine($"benchmark smoke: no result for {name}");
    }

    return cases.Count > 0 && missing.Count == 0 ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
