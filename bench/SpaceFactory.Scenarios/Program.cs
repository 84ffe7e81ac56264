using SpaceFactory.Scenarios;

// Runs the performance budgets P0–P5 (docs/performance.md): dotnet run --project bench/SpaceFactory.Scenarios -c Release [-- --only P2]
return await ScenarioRunner.RunAsync(args, Console.Out, CancellationToken.None).ConfigureAwait(false);
