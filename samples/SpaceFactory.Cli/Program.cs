using SpaceFactory.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
