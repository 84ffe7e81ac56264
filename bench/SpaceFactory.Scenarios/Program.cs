using SpaceFactory.Scenarios;

// No configuration file watchers in the servers this runner starts (the Sandbox, the local listeners): a shared
// machine may have used up its inotify instances, and the workloads need none.
Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

// Runs the performance budgets P0–P5 (docs/performance.md): dotnet run --project bench/SpaceFactory.Scenarios -c Release [-- --only P2]
return await ScenarioRunner.RunAsync(args, Console.Out, CancellationToken.None).ConfigureAwait(false);
