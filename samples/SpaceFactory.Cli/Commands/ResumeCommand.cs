using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Runs;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory resume &lt;run-id&gt;</c>: continues a cancelled, failed or interrupted run with the recipe and
/// parameters read from its record; finished steps are skipped and the event log goes on.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run to resume." };
        var executor = new Option<string>("--executor") { Description = "local (this process) or job (a Hugging Face Job runs the worker).", DefaultValueFactory = _ => "local" };
        var sandbox = CliOptions.Sandbox();
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("resume", "Resume a cancelled, failed or interrupted run: recipe and parameters from its record, finished steps skipped.")
        {
            runId, executor, sandbox, record, json, verbose,
        }.WithSandboxData();
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var id = RunId.Parse(parse.GetRequiredValue(runId));
            var root = parse.GetRequiredValue(record);
            var useJob = string.Equals(parse.GetRequiredValue(executor), "job", StringComparison.Ordinal);
            if (!useJob)
            {
                var store = new DirectoryRunStore(root);
                var state = await store.GetStateAsync(id, cancellationToken).ConfigureAwait(false)
                    ?? throw new KeyNotFoundException($"There is no run {id} in {store.Describe(id)}.");
                if (state.Status == RunStatus.Running && RunOwner.Read(root, id.Value) is { } owner && owner.IsAlive())
                {
                    throw new CliInputException($"Run {id} is still running in process {owner.ProcessId}; cancel it first: spacefactory cancel {id}");
                }

                if (state.Status == RunStatus.Succeeded)
                {
                    throw new CliInputException($"Run {id} already succeeded; there is nothing to resume.");
                }
            }

            // The recipe and parameters are read from the record where the executor keeps it (a folder, the run Bucket).
            var request = new FactoryRequest(RunExecution.FromRecord);
            if (parse.GetValue(sandbox))
            {
                await using var local = await SandboxSession.StartAsync(parse, root, cancellationToken).ConfigureAwait(false);
                return await RunExecution.ExecuteAsync(new RunInvocation(SandboxSession.Connection(local), root, request, parse.GetRequiredValue(executor),
                    parse.GetValue(json), parse.GetValue(verbose), local.DefaultUser) { Resume = id }, cancellationToken).ConfigureAwait(false);
            }

            return await RunExecution.ExecuteAsync(new RunInvocation(Connections.FromEnvironment(), root, request, parse.GetRequiredValue(executor),
                parse.GetValue(json), parse.GetValue(verbose)) { Resume = id }, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
