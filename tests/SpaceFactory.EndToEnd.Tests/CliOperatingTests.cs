using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// Operating runs from the CLI, as a separate process against a Sandbox the test holds: Ctrl+C/SIGTERM, a second
/// signal, cancel, resume, status of a run whose process is gone, scripts' output, monitors and scheduled checks.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[CancelAfter(180_000)]
public class CliOperatingTests
{
    private static Dictionary<string, string?> Hub(HfSandbox sandbox) => new()
    {
        ["HF_ENDPOINT"] = sandbox.Endpoint.AbsoluteUri.TrimEnd('/'),
        ["HF_TOKEN"] = sandbox.DefaultToken,
    };

    private static Task<HfSandbox> SandboxAsync(TimeSpan buildDelay, Action<HfSandboxOptions>? configure = null)
    {
        var options = new HfSandboxOptions { BuildDelay = buildDelay, StartDelay = TimeSpan.FromMilliseconds(50), DefaultToken = "hf_fake_cli_operating_token" };
        configure?.Invoke(options);
        return HfSandbox.StartAsync(options);
    }

    /// <summary>Starts the CLI and returns once a line containing <paramref name="marker"/> was printed.</summary>
    private static async Task<(Process Process, StringBuilder Output, StringBuilder Error)> StartUntilAsync(string folder, IDictionary<string, string?> environment, string marker, params string[] args)
    {
        var process = Process.Start(CliProcess.StartInfo(folder, environment, args))!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return (process, output, error);
    }

    private static void Terminate(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static string RunIdOf(string output) =>
        output.Split('\n').Select(l => l.Trim()).First(l => l.Contains("— run ", StringComparison.Ordinal)).Split("— run ")[1].Trim();

    private static List<string> EventTypes(string folder, string runId) =>
        [.. File.ReadAllLines(Path.Combine(folder, ".spacefactory", "runs", runId, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()!)];

    [Test]
    public async Task Sigterm_cancels_cooperatively_the_record_ends_cancelled_with_one_run_ended_and_resume_finishes_it()
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromSeconds(6));
        var folder = CliProcess.TempFolder("sf-cli-cancel-");
        var (process, output, error) = await StartUntilAsync(folder, Hub(sandbox), "wait_for_space_running started", "run", "private-space", "--space", "slow");

        Terminate(process);
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(130), output.ToString() + error);
        var runId = RunIdOf(output.ToString());
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ".spacefactory", "runs", runId, "state.json")));
        Assert.That(state.RootElement.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That(EventTypes(folder, runId).Count(t => t == "run_ended"), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain($"spacefactory resume {runId}"));
        Assert.That(error.ToString(), Does.Contain("Cancelling"));

        var (code, resumed, resumeError) = await CliProcess.RunAsync(folder, Hub(sandbox), "resume", runId, "--json");

        Assert.That(code, Is.Zero, resumed + resumeError);
        Assert.That(JsonDocument.Parse(resumed).RootElement.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(EventTypes(folder, runId), Does.Contain("run_resumed"));
    }

    [Test]
    public async Task Sigterm_with_the_job_executor_cancels_the_job_and_its_worker_ends_the_record_cancelled_with_one_run_ended()
    {
        const string image = "spacefactory/worker:test";
        await using var sandbox = await SandboxAsync(TimeSpan.FromSeconds(60),
            o => o.JobImageCommandMap[image] = argv => [.. CliProcess.Command, .. argv.SkipWhile(a => a != "worker")]);
        var folder = CliProcess.TempFolder("sf-cli-cancel-job-");
        var environment = Hub(sandbox);
        environment["SPACE_FACTORY_JOB_IMAGE"] = image;
        environment["SPACE_FACTORY_BUCKET_SOURCE"] = $"hf://buckets/{sandbox.DefaultUser}/cancel-runs";
        var (process, output, error) = await StartUntilAsync(folder, environment, "wait_for_space_running started", "run", "private-space", "--space", "held-in-job", "--executor", "job");

        Terminate(process);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(process.ExitCode, Is.EqualTo(130), output.ToString() + error);
        var runId = RunIdOf(output.ToString());
        using var services = new ServiceCollection().AddHuggingFace(o =>
        {
            o.Endpoint = sandbox.Endpoint;
            o.Token = sandbox.DefaultToken;
        }).Services.BuildServiceProvider();
        var jobs = new List<JobInfo>();
        await foreach (var job in services.GetRequiredService<JobsClient>().ListJobsAsync())
        {
            jobs.Add(job);
        }

        var record = Path.Combine(sandbox.Inspector.GetBucketFolder($"{sandbox.DefaultUser}/cancel-runs"), "runs", runId);
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(record, "state.json")));
        var events = File.ReadAllLines(Path.Combine(record, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(jobs, Has.Count.EqualTo(1));
            Assert.That(sandbox.Inspector.GetJobStage(jobs[0].Id), Is.EqualTo("CANCELED"), "the Job was cancelled with the CLI");
            Assert.That(state.RootElement.GetProperty("status").GetString(), Is.EqualTo("cancelled"), "the worker ended its record after the Job's SIGTERM");
            Assert.That(events.Count(t => t == "run_ended"), Is.EqualTo(1));
            Assert.That(output.ToString(), Does.Contain($"spacefactory resume {runId}"));
        });
    }

    [Test]
    public async Task A_second_signal_exits_at_once_and_the_record_says_interrupted()
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromSeconds(60));
        var folder = CliProcess.TempFolder("sf-cli-interrupt-");
        var (process, output, error) = await StartUntilAsync(folder, Hub(sandbox), "wait_for_space_running started", "run", "private-space", "--space", "stuck");

        // The Sandbox's build never ends within the test, so the first signal's cancellation is still under way... or done:
        // either way the second one must end the process at once.
        Terminate(process);
        Terminate(process);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(process.ExitCode, Is.EqualTo(130), output.ToString() + error);
        var runId = RunIdOf(output.ToString());
        var (code, status, _) = await CliProcess.RunAsync(folder, null, "status", runId, "--json");
        using var json = JsonDocument.Parse(status);
        var outcome = json.RootElement.GetProperty("outcome").GetProperty("code").GetString();
        Assert.That(outcome, Is.AnyOf("interrupted", "cancelled"), status);
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public async Task Status_marks_a_running_run_whose_process_is_gone_as_interrupted_with_the_resume_command()
    {
        var folder = CliProcess.TempFolder("sf-cli-gone-");
        const string runId = "20261201T100000Z-abcdefgh";
        var run = Directory.CreateDirectory(Path.Combine(folder, ".spacefactory", "runs", runId)).FullName;
        await File.WriteAllTextAsync(Path.Combine(run, "state.json"), $$"""
            {"schema_version":1,"run_id":"{{runId}}","recipe":"private-space","status":"running","current_step":"upload_space_files","parameters":{"space":"x"},"links":{},"steps":[],"blockers":[],"executor":"in-process","created_at":"2026-12-01T10:00:00+00:00","updated_at":"2026-12-01T10:00:01+00:00"}
            """);
        Directory.CreateDirectory(Path.Combine(folder, ".spacefactory", "cli"));
        await File.WriteAllTextAsync(Path.Combine(folder, ".spacefactory", "cli", runId + ".json"), """{"pid":2147483000,"executor":"local","started_at":"2026-12-01T10:00:00+00:00"}""");

        var (code, output, error) = await CliProcess.RunAsync(folder, null, "status", runId);

        Assert.That(code, Is.EqualTo(1), output + error);
        Assert.That(output, Does.Contain("interrupted").And.Contain($"spacefactory resume {runId}").And.Contain("upload_space_files"));
        Assert.That(output, Does.Not.Contain("\u001b["), "no ANSI codes when the output is not a terminal");
    }

    [Test]
    public async Task Status_of_a_bucket_run_whose_job_is_gone_marks_it_interrupted_with_the_resume_command()
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromMilliseconds(50));
        var folder = CliProcess.TempFolder("sf-cli-gone-job-");
        const string runId = "20261201T110000Z-jobgonez";
        var bucket = $"{sandbox.DefaultUser}/gone-runs";
        using (var services = new ServiceCollection().AddHuggingFace(o =>
        {
            o.Endpoint = sandbox.Endpoint;
            o.Token = sandbox.DefaultToken;
        }).Services.BuildServiceProvider())
        {
            await services.GetRequiredService<SpaceFactory.Hf.Buckets.BucketClient>().CreateBucketAsync(RepoId.Parse(bucket));
        }

        // The record a Job's worker left saying "running"; no Job carries its run label.
        var run = Directory.CreateDirectory(Path.Combine(sandbox.Inspector.GetBucketFolder(bucket), "runs", runId)).FullName;
        await File.WriteAllTextAsync(Path.Combine(run, "state.json"), $$"""
            {"schema_version":1,"run_id":"{{runId}}","recipe":"private-space","status":"running","current_step":"wait_for_space_running","parameters":{"space":"x"},"links":{},"steps":[],"blockers":[],"executor":"hf-job","created_at":"2026-12-01T11:00:00+00:00","updated_at":"2026-12-01T11:00:01+00:00"}
            """);

        var (code, output, error) = await CliProcess.RunAsync(folder, Hub(sandbox), "status", runId, "--bucket", $"hf://buckets/{bucket}");
        var (jsonCode, json, jsonError) = await CliProcess.RunAsync(folder, Hub(sandbox), "status", runId, "--bucket", $"hf://buckets/{bucket}", "--json");

        Assert.That(code, Is.EqualTo(1), output + error);
        Assert.That(output, Does.Contain("interrupted").And.Contain("no Job runs it").And.Contain($"spacefactory resume {runId}"));
        Assert.That(jsonCode, Is.EqualTo(1), json + jsonError);
        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("outcome").GetProperty("code").GetString(), Is.EqualTo("interrupted"));
    }

    [Test]
    public async Task Unknown_parameters_are_refused_naming_the_recipes_parameters()
    {
        var (code, output, error) = await CliProcess.RunAsync(CliProcess.TempFolder("sf-cli-param-"), null, "run", "private-space", "--sandbox", "-p", "spcae=demo", "--json");

        Assert.That(code, Is.EqualTo(2), output + error);
        var message = JsonDocument.Parse(output).RootElement.GetProperty("message").GetString();
        Assert.That(message, Is.EqualTo("The recipe 'private-space' has no parameter 'spcae'. Did you mean 'space'? Its parameters: allow_zerogpu, space, space_token_secret, title."));
    }

    [Test]
    public async Task Validate_appends_to_the_monitors_whose_listing_and_history_scripts_can_read()
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromMilliseconds(50));
        var folder = CliProcess.TempFolder("sf-cli-monitors-");
        var space = $"{sandbox.DefaultUser}/watched";
        Assert.That((await CliProcess.RunAsync(folder, Hub(sandbox), "run", "private-space", "--space", "watched", "--json")).ExitCode, Is.Zero);

        var (code, output, error) = await CliProcess.RunAsync(folder, Hub(sandbox), "validate", space, "--calls", "3", "--expect", "text", "--endpoint", "/echo", "--inputs", "[\"hi\"]");

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("@spaces.GPU(duration=").And.Contain($"/spaces/{space}/settings"));
        Assert.That(output, Does.Not.Contain("\u001b["));
        var (listCode, list, _) = await CliProcess.RunAsync(folder, null, "monitors", "--json");
        Assert.That(listCode, Is.Zero);
        var last = JsonDocument.Parse(list).RootElement.EnumerateArray().Single();
        Assert.That(last.GetProperty("space").GetString(), Is.EqualTo(space));
        Assert.That(last.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(last.GetProperty("output_type").GetString(), Is.EqualTo("text"));
        var (historyCode, history, _) = await CliProcess.RunAsync(folder, null, "monitors", space);
        Assert.That(historyCode, Is.Zero);
        Assert.That(history, Does.Contain("passed").And.Contain("simulated_inference_success"));
    }

    [Test]
    public async Task Validate_schedule_creates_a_scheduled_job_whose_runs_append_to_the_history_in_the_bucket()
    {
        const string image = "spacefactory/worker:test";
        await using var sandbox = await SandboxAsync(TimeSpan.FromMilliseconds(50),
            o => o.JobImageCommandMap[image] = argv => [.. CliProcess.Command, .. argv.SkipWhile(a => a != "validate")]);
        var folder = CliProcess.TempFolder("sf-cli-schedule-");
        var space = $"{sandbox.DefaultUser}/nightly";
        Assert.That((await CliProcess.RunAsync(folder, Hub(sandbox), "run", "private-space", "--space", "nightly", "--json")).ExitCode, Is.Zero);
        var environment = Hub(sandbox);
        environment["SPACE_FACTORY_JOB_IMAGE"] = image;
        environment["SPACE_FACTORY_BUCKET_SOURCE"] = $"hf://buckets/{sandbox.DefaultUser}/monitor-runs";

        var (code, output, error) = await CliProcess.RunAsync(folder, environment, "validate", space, "--schedule", "@daily", "--calls", "2", "--endpoint", "/echo", "--inputs", "[\"hi\"]", "--json");

        Assert.That(code, Is.Zero, output + error);
        using var created = JsonDocument.Parse(output);
        var id = created.RootElement.GetProperty("scheduled_job_id").GetString()!;
        Assert.That(created.RootElement.GetProperty("schedule").GetString(), Is.EqualTo("@daily"));

        // One tick of the schedule, now: the Hub's "run now" starts the same Job a tick starts.
        using var services = new ServiceCollection().AddHuggingFace(o =>
        {
            o.Endpoint = sandbox.Endpoint;
            o.Token = sandbox.DefaultToken;
        }).Services.BuildServiceProvider();
        var jobs = services.GetRequiredService<JobsClient>();
        var scheduled = await jobs.InspectScheduledJobAsync(id);
        Assert.That(scheduled.JobSpec!.Arguments, Does.Contain("validate").And.Contain(space));
        Assert.That(scheduled.JobSpec.SecretNames, Is.EqualTo(new[] { "HF_TOKEN" }));
        var run = await jobs.RunScheduledJobNowAsync(id);
        Assert.That(await sandbox.Inspector.WaitForJobAsync(run.Id, CancellationToken.None), Is.EqualTo("COMPLETED"));

        var (historyCode, history, historyError) = await CliProcess.RunAsync(folder, environment, "monitors", space, "--bucket", $"hf://buckets/{sandbox.DefaultUser}/monitor-runs", "--json");
        Assert.That(historyCode, Is.Zero, history + historyError);
        var entry = JsonDocument.Parse(history).RootElement.EnumerateArray().Single();
        Assert.That(entry.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(entry.GetProperty("calls").GetInt32(), Is.EqualTo(2));

        await jobs.SuspendScheduledJobAsync(id);
        Assert.That((await jobs.InspectScheduledJobAsync(id)).Suspend, Is.True);
        await jobs.DeleteScheduledJobAsync(id);
    }

    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task Sandbox_stops_cleanly_on_sigterm_and_ctrl_c_stopping_the_job_processes_it_started(string signal)
    {
        var folder = CliProcess.TempFolder("sf-cli-sandbox-");
        var (process, output, error) = await StartUntilAsync(folder, new Dictionary<string, string?>(), "}", "sandbox", "--json");
        using var started = JsonDocument.Parse(output.ToString());
        var endpoint = started.RootElement.GetProperty("endpoint").GetString()!;
        using var http = new HttpClient { BaseAddress = new Uri(endpoint + "/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", started.RootElement.GetProperty("token").GetString());
        var user = started.RootElement.GetProperty("user").GetString();

        // A Job whose process runs until it is stopped; it writes its process id first.
        var pidFile = Path.Combine(folder, "job.pid");
        var spec = $$"""{"dockerImage":"python:3.12","command":["sh","-c","echo $$ > '{{pidFile}}'; echo ready; exec sleep 600"]}""";
        using var create = await http.PostAsync($"api/jobs/{user}", new StringContent(spec, Encoding.UTF8, "application/json"));
        Assert.That(create.IsSuccessStatusCode, Is.True, await create.Content.ReadAsStringAsync());
        using var job = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        using (var logs = await http.GetAsync($"api/jobs/{user}/{job.RootElement.GetProperty("id").GetString()}/logs", HttpCompletionOption.ResponseHeadersRead))
        using (var reader = new StreamReader(await logs.Content.ReadAsStreamAsync()))
        {
            while (await reader.ReadLineAsync() is { } line && !line.Contains("ready", StringComparison.Ordinal))
            {
                // Follow the log until the Job's process runs.
            }
        }

        var jobPid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(IsAlive(jobPid), Is.True, "the Job's process runs before the signal");

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(process.ExitCode, Is.Zero, output.ToString() + error);
        Assert.That(error.ToString(), Does.Contain("Stopping the Sandbox and the app processes it started"));
        Assert.That(IsAlive(jobPid), Is.False, "the Sandbox stopped the Job's process before it exited");
        Assert.That(File.Exists(Path.Combine(folder, ".spacefactory", "sandbox", "state.json")), Is.True, "its data was saved");
    }

    /// <summary>True while a process runs: it has a /proc entry that is not a zombie (a zombie has ended, its parent gone or not yet reaping).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}
