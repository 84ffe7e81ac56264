using SpaceFactory.Scenarios;
using SpaceFactory.Scenarios.Workloads;

// P0's floor: a JIT process that only sends one GET with a bare HttpClient (before anything else is loaded).
if (args is [CliStartWorkload.FloorVerb, var url])
{
    return await CliStartWorkload.FloorRequestAsync(new Uri(url)).ConfigureAwait(false);
}

// No configuration file watchers in the servers this runner starts (the Sandbox, the local listeners): a shared
// machine may have used up its inotify instances, and the workloads need none.
Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

// Runs the performance budgets P0–P5 (docs/performance.md): dotnet run --project bench/SpaceFactory.Scenarios -c Release [-- --only P2]
return await ScenarioRunner.RunAsync(args, Console.Out, CancellationToken.None).ConfigureAwait(false);
