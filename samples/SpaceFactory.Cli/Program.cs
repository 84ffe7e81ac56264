using SpaceFactory.Cli;
using SpaceFactory.Cli.Hosting;

StartupTrace.Start();
return await CliApplication.RunAsync(args).ConfigureAwait(false);
