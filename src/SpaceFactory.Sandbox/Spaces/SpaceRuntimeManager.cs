using System.Collections.Concurrent;
using System.Globalization;
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

        var appFile = SpaceAppCompiler.AppFile(runtime);
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

    /// <summary>Null when <paramref name="flavor"/> may be used by <paramref name="spaceId"/>, else the refusal.</summary>
    public (int Status, string Message)? HardwareRefusal(string flavor, string spaceId) => SpaceHardwarePolicy.Refusal(services.Options, All, flavor, spaceId);

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

    private async Task FinishBuildAsync(SpaceRuntime runtime, long generation, string appFile)
    {
        if (Stale(runtime, generation))
        {
            return;
        }

        var build = runtime.BuildLog;
        var error = SpaceFailureRules.Next(services.Options, runtime, SpaceFailureKind.BuildError);
        if (error is null && services.Options.CompileCheck && runtime.Repo.Sdk is "gradio" && appFile.EndsWith(".py", StringComparison.Ordinal))
        {
            error = await SpaceAppCompiler.CompileAsync(services, runtime, appFile).ConfigureAwait(false);
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

        var error = SpaceFailureRules.Next(services.Options, runtime, SpaceFailureKind.RuntimeError);
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
        var error = SpaceFailureRules.Next(services.Options, runtime, SpaceFailureKind.RuntimeError);
        GradioManifest? manifest = null;
        if (error is null)
        {
            manifest = SpaceManifestReader.Read(runtime.Repo, out error);
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
        services.Changed();
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
