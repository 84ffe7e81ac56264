using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Gradio;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>
/// Moves each Space through BUILDING → APP_STARTING → RUNNING after a commit or restart, on timers of the
/// Sandbox's <see cref="TimeProvider"/>, applying injected failures, the optional <c>py_compile</c> check and the
/// manifest check; owns the Spaces' app servers.
/// </summary>
internal sealed class SpaceRuntimeManager(SandboxServices services)
{
    private readonly ConcurrentDictionary<string, SpaceRuntime> _spaces = new(StringComparer.OrdinalIgnoreCase);

    public SpaceRuntime? Find(string spaceId) => _spaces.TryGetValue(spaceId, out var runtime) ? runtime : null;

    public IEnumerable<SpaceRuntime> All => _spaces.Values;

    /// <summary>Creates the runtime of a new Space and starts its app listener (so that <c>host</c> is known).</summary>
    public async Task<SpaceRuntime> RegisterAsync(Repo repo, CancellationToken cancellationToken)
    {
        var runtime = new SpaceRuntime(repo);
        if (repo.Sdk is "static")
        {
            runtime.RequestedHardware = null;
        }

        runtime.App = await GradioAppServer.StartAsync(runtime, services, cancellationToken).ConfigureAwait(false);
        _spaces[repo.Id] = runtime;
        return runtime;
    }

    public async Task RemoveAsync(string spaceId)
    {
        if (_spaces.TryRemove(spaceId, out var runtime))
        {
            lock (runtime.Gate)
            {
                runtime.Generation++;
                runtime.Timer?.Dispose();
                runtime.Timer = null;
            }

            await StopRealApp(runtime).ConfigureAwait(false);
            runtime.BuildLog.Complete();
            runtime.RunLog.Complete();
            runtime.SetStage("DELETING");
            if (runtime.App is { } app)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAllAsync()
    {
        foreach (var id in _spaces.Keys.ToList())
        {
            await RemoveAsync(id).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a (re)build of the head commit.</summary>
    public void StartBuild(SpaceRuntime runtime)
    {
        long generation;
        lock (runtime.Gate)
        {
            generation = ++runtime.Generation;
            runtime.Timer?.Dispose();
            runtime.Timer = null;
            runtime.Manifest = null;
            runtime.CurrentHardware = null;
        }

        _ = StopRealApp(runtime);

        runtime.BuildLog.Complete();
        runtime.RunLog.Complete();
        var build = new LogBuffer();
        var run = new LogBuffer();
        runtime.BuildLog = build;
        runtime.RunLog = run;
        var head = runtime.Repo.Head;
        runtime.Sha = head.Oid;
        var now = services.TimeProvider.GetUtcNow();
        build.Append($"===== Build Queued at {Stamp(now)} / Commit SHA: {head.Oid[..7]} =====", now);

        if (runtime.IsStatic)
        {
            build.Append("Static Space: nothing to build.", now);
            build.Complete();
            run.Complete();
            Publish(runtime, "RUNNING");
            return;
        }

        var appFile = AppFile(runtime);
        if (runtime.Repo.Sdk is "gradio" && !head.Tree.ContainsKey(appFile))
        {
            build.Append($"No application file found: {appFile}", now);
            build.Complete();
            run.Complete();
            Publish(runtime, "NO_APP_FILE");
            return;
        }

        Schedule(runtime, generation, services.Options.BuildDelay, () => FinishBuildAsync(runtime, generation, appFile));
        Publish(runtime, "BUILDING");
    }

    /// <summary>Pauses a Space: pending stage changes are dropped, the app stops serving (503).</summary>
    public void Pause(SpaceRuntime runtime)
    {
        lock (runtime.Gate)
        {
            runtime.Generation++;
            runtime.Timer?.Dispose();
            runtime.Timer = null;
            runtime.Manifest = null;
            runtime.CurrentHardware = null;
        }

        _ = StopRealApp(runtime);
        runtime.BuildLog.Complete();
        runtime.RunLog.Complete();
        Publish(runtime, "PAUSED");
    }

    /// <summary>Null when <paramref name="flavor"/> may be used by <paramref name="spaceId"/>, else the refusal.</summary>
    public (int Status, string Message)? HardwareRefusal(string flavor, string spaceId)
    {
        if (!HardwareCatalog.IsKnown(flavor))
        {
            return (400, $"Invalid hardware flavor '{flavor}'. Valid flavors: {string.Join(", ", HardwareCatalog.Names)}");
        }

        var allowed = services.Options.AllowedHardware;
        if (allowed is not null && !allowed.Contains(flavor))
        {
            return (402, $"Hardware '{flavor}' is not available to this account (the Sandbox allows: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}). A paid plan or a different flavor is required.");
        }

        if (services.Options.UpgradedHardwareQuota is { } quota && flavor is not "cpu-basic")
        {
            var used = _spaces.Values.Count(s => !string.Equals(s.Repo.Id, spaceId, StringComparison.OrdinalIgnoreCase) && s.RequestedHardware is not null and not "cpu-basic");
            if (used >= quota)
            {
                return (403, $"Upgraded hardware quota reached: {used} of {quota} Spaces already use hardware other than cpu-basic.");
            }
        }

        return null;
    }

    /// <summary>The runtime JSON, in the field order of the recorded Hub answers.</summary>
    public static JsonObject RuntimeJson(SpaceRuntime runtime)
    {
        if (runtime.IsStatic)
        {
            return new JsonObject
            {
                ["stage"] = runtime.Stage,
                ["hardware"] = new JsonObject { ["current"] = null, ["requested"] = null },
                ["storage"] = null,
                ["replicas"] = new JsonObject { ["requested"] = 1, ["current"] = 1 },
            };
        }

        var replicas = new JsonObject { ["requested"] = 1 };
        if (runtime.Stage is "RUNNING")
        {
            replicas["current"] = 1;
        }

        var json = new JsonObject
        {
            ["stage"] = runtime.Stage,
            ["hardware"] = new JsonObject { ["current"] = runtime.CurrentHardware, ["requested"] = runtime.RequestedHardware },
            ["storage"] = null,
            ["gcTimeout"] = runtime.GcTimeout,
            ["replicas"] = replicas,
            ["devMode"] = false,
            ["domains"] = new JsonArray(new JsonObject { ["domain"] = Domain(runtime), ["stage"] = "READY" }),
        };
        if (runtime.Sha is not null)
        {
            json["sha"] = runtime.Sha;
        }

        if (runtime.ErrorMessage is not null)
        {
            json["errorMessage"] = runtime.ErrorMessage;
        }

        return json;
    }

    /// <summary>The app origin's host and port (what the Hub calls the domain).</summary>
    public static string Domain(SpaceRuntime runtime) => runtime.App is { } app ? new Uri(app.Origin).Authority : "";

    /// <summary>The Hub-style subdomain: lower-case <c>owner-name</c> with <c>_</c> and <c>.</c> replaced by <c>-</c>.</summary>
    public static string Subdomain(Repo repo) => (repo.Namespace + "-" + repo.Name).ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    private async Task FinishBuildAsync(SpaceRuntime runtime, long generation, string appFile)
    {
        if (Stale(runtime, generation))
        {
            return;
        }

        var build = runtime.BuildLog;
        var error = Failure(runtime, SpaceFailureKind.BuildError);
        if (error is null && services.Options.CompileCheck && runtime.Repo.Sdk is "gradio" && appFile.EndsWith(".py", StringComparison.Ordinal))
        {
            error = await CompileAsync(runtime, appFile).ConfigureAwait(false);
        }

        if (Stale(runtime, generation))
        {
            return;
        }

        var now = services.TimeProvider.GetUtcNow();
        if (error is not null)
        {
            foreach (var line in error.Split('\n'))
            {
                build.Append(line, now);
            }

            build.Complete();
            runtime.RunLog.Complete();
            Publish(runtime, "BUILD_ERROR", error);
            return;
        }

        build.Append(services.Options.GradioPython is null
            ? "Simulated build (SpaceFactory Sandbox): no image is built, no dependency is installed."
            : $"SpaceFactory Sandbox: no image is built; {appFile} will run with {services.Options.GradioPython} and the packages it already has.", now);
        build.Append("DONE", now);
        build.Complete();
        runtime.RunLog.Append($"===== Application Startup at {Stamp(now)} =====", now);
        Schedule(runtime, generation, services.Options.StartDelay, () => services.Options.GradioPython is not null && runtime.Repo.Sdk is "gradio"
            ? FinishRealStartAsync(runtime, generation, appFile)
            : FinishStartAsync(runtime, generation));
        Publish(runtime, "APP_STARTING");
    }

    /// <summary>Starts the committed app for real; RUNNING once it serves, RUNTIME_ERROR with its output when it cannot.</summary>
    private async Task FinishRealStartAsync(SpaceRuntime runtime, long generation, string appFile)
    {
        if (Stale(runtime, generation))
        {
            return;
        }

        var error = Failure(runtime, SpaceFailureKind.RuntimeError);
        RealGradioApp? app = null;
        if (error is null)
        {
            try
            {
                app = await RealGradioApp.StartAsync(runtime, services, appFile, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                error = ex.Message;
            }
        }

        if (error is not null)
        {
            runtime.RunLog.Append(error, services.TimeProvider.GetUtcNow());
            runtime.RunLog.Complete();
            Publish(runtime, "RUNTIME_ERROR", error.Split('\n')[0]);
            return;
        }

        lock (runtime.Gate)
        {
            if (runtime.Generation == generation)
            {
                runtime.RealApp = app;
                runtime.CurrentHardware = runtime.RequestedHardware;
                app = null;
            }
        }

        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false); // a newer build started meanwhile
            return;
        }

        Publish(runtime, "RUNNING");
    }

    /// <summary>Stops the real app of the Space, if one runs (rebuild, pause, delete); the returned task ends with the process.</summary>
    private static Task StopRealApp(SpaceRuntime runtime)
    {
        RealGradioApp? app;
        lock (runtime.Gate)
        {
            app = runtime.RealApp;
            runtime.RealApp = null;
        }

        return app is null ? Task.CompletedTask : app.DisposeAsync().AsTask();
    }

    private Task FinishStartAsync(SpaceRuntime runtime, long generation)
    {
        if (Stale(runtime, generation))
        {
            return Task.CompletedTask;
        }

        var run = runtime.RunLog;
        var now = services.TimeProvider.GetUtcNow();
        var error = Failure(runtime, SpaceFailureKind.RuntimeError);
        GradioManifest? manifest = null;
        if (error is null)
        {
            if (!runtime.Repo.Head.Tree.TryGetValue(GradioManifest.FileName, out var file))
            {
                error = "no spacefactory_manifest.json: the Sandbox's simulated runtime cannot run this app";
            }
            else
            {
                using var stream = file.Open();
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                manifest = GradioManifest.TryParse(memory.ToArray(), out var parseError);
                error = manifest is null ? parseError : null;
            }
        }

        if (error is not null)
        {
            run.Append(error, now);
            run.Complete();
            Publish(runtime, "RUNTIME_ERROR", error);
            return Task.CompletedTask;
        }

        lock (runtime.Gate)
        {
            if (runtime.Generation != generation)
            {
                return Task.CompletedTask;
            }

            runtime.Manifest = manifest;
            runtime.CurrentHardware = runtime.RequestedHardware;
        }

        run.Append($"* Running on local URL:  {runtime.App?.Origin} (simulated Gradio {manifest!.GradioVersion} app from {GradioManifest.FileName}; no real inference)", now);
        run.Complete();
        Publish(runtime, "RUNNING");
        return Task.CompletedTask;
    }

    private static bool Stale(SpaceRuntime runtime, long generation)
    {
        lock (runtime.Gate)
        {
            return runtime.Generation != generation;
        }
    }

    private string? Failure(SpaceRuntime runtime, SpaceFailureKind kind)
    {
        List<SpaceFailureRule> rules;
        lock (services.Options.SpaceFailures)
        {
            rules = [.. services.Options.SpaceFailures];
        }

        foreach (var rule in rules)
        {
            if (rule.Kind != kind || !rule.Matches(runtime.Repo.Id))
            {
                continue;
            }

            lock (runtime.Gate)
            {
                runtime.RuleUses.TryGetValue(rule, out var uses);
                if (rule.Times is { } times && uses >= times)
                {
                    continue;
                }

                runtime.RuleUses[rule] = uses + 1;
            }

            return rule.Message;
        }

        return null;
    }

    private void Schedule(SpaceRuntime runtime, long generation, TimeSpan delay, Func<Task> next)
    {
        if (delay <= TimeSpan.Zero)
        {
            _ = Task.Run(next);
            return;
        }

        lock (runtime.Gate)
        {
            if (runtime.Generation != generation)
            {
                return;
            }

            runtime.Timer?.Dispose();
            runtime.Timer = services.TimeProvider.CreateTimer(static state => _ = ((Func<Task>)state!)(), next, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Publish(SpaceRuntime runtime, string stage, string? errorMessage = null)
    {
        runtime.SetStage(stage, errorMessage);
        SandboxLog.SpaceStage(services.Logger, runtime.Repo.Id, stage);
    }

    private static string AppFile(SpaceRuntime runtime)
    {
        if (runtime.Repo.Head.Tree.TryGetValue("README.md", out var readme))
        {
            using var reader = new StreamReader(readme.Open(), Encoding.UTF8);
            if (CardData.Parse(reader.ReadToEnd())?["app_file"] is JsonValue value && value.TryGetValue<string>(out var appFile) && appFile.Length > 0)
            {
                return appFile;
            }
        }

        return "app.py";
    }

    /// <summary>Runs <c>python3 -m py_compile</c> on the app file; null when it compiles or python3 is absent.</summary>
    private async Task<string?> CompileAsync(SpaceRuntime runtime, string appFile)
    {
        var python = FindOnPath("python3");
        if (python is null || !runtime.Repo.Head.Tree.TryGetValue(appFile, out var file))
        {
            return null;
        }

        var folder = Path.Combine(services.DataRoot, "builds", runtime.Repo.ObjectId + "-" + HexIds.New(6));
        var target = Path.Combine(folder, appFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var source = file.Open();
        await using (source.ConfigureAwait(false))
        {
            var output = File.Create(target);
            await using (output.ConfigureAwait(false))
            {
                await source.CopyToAsync(output).ConfigureAwait(false);
            }
        }

        var start = new ProcessStartInfo(python)
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add("py_compile");
        start.ArgumentList.Add(appFile);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            var message = ((await stderr.ConfigureAwait(false)) + (await stdout.ConfigureAwait(false))).Trim();
            return process.ExitCode == 0 ? null : $"Build failed: {appFile} does not compile (python3 -m py_compile, exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}):\n{message}";
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the data root is temporary.
            }
        }
    }

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
