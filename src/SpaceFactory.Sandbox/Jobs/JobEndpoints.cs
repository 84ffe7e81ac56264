using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>Jobs API: run, inspect, list (paged with <c>Link</c>), cancel, labels, logs (SSE), hardware.</summary>
internal sealed class JobEndpoints(SandboxServices services)
{
    public void Map(IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs");
        jobs.MapGet("/hardware", context => SandboxHttp.WriteNodeAsync(context, HardwareCatalog.ToJson()));
        jobs.MapPost("/{ns}", RunAsync);
        jobs.MapGet("/{ns}", ListAsync);
        jobs.MapGet("/{ns}/{id}", context => WithJobAsync(context, job => WriteAsync(context, services.Jobs.ToJson(job))));
        jobs.MapPost("/{ns}/{id}/cancel", context => WithJobAsync(context, job =>
        {
            services.Jobs.Stop(job, "CANCELED", "Canceled by the user", graceful: true);
            return WriteAsync(context, services.Jobs.ToJson(job));
        }));
        jobs.MapPost("/{ns}/{id}/duplicate", context => WithJobAsync(context, job => DuplicateAsync(context, job)));
        jobs.MapPut("/{ns}/{id}/labels", context => WithJobAsync(context, job => LabelsAsync(context, job)));
        jobs.MapGet("/{ns}/{id}/logs", context => WithJobAsync(context, job =>
        {
            int? tail = int.TryParse(context.Request.Query["tail"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;
            return LogStreamWriter.WriteAsync(context, job.Log, tail, services.TimeProvider, services.Options.LogKeepAlive);
        }));
    }

    /// <summary>Writes one Job answer.</summary>
    internal static Task WriteAsync(HttpContext context, JobAnswer job) => SandboxHttp.WriteJsonAsync(context, job, SandboxJsonContext.Relaxed.JobAnswer);

    private async Task RunAsync(HttpContext context)
    {
        var caller = await JobAccess.OwnerAsync(context, services).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        if (!caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, "A write token is needed to run Jobs").ConfigureAwait(false);
            return;
        }

        var spec = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.JobSpec).ConfigureAwait(false);
        if (JobAccess.SpecProblem(spec) is { } problem)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var job = services.Jobs.Start(caller.User, caller.UserId, spec!);
        await WriteAsync(context, services.Jobs.ToJson(job)).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context)
    {
        var caller = await JobAccess.OwnerAsync(context, services).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        var query = context.Request.Query;
        var stages = query["stage"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var labels = query["label"].OfType<string>().Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
        var jobs = services.Jobs.All
            .Where(j => string.Equals(j.Owner, caller.User, StringComparison.OrdinalIgnoreCase))
            .Where(j => stages.Count == 0 || stages.Contains(j.Stage))
            .Where(j => labels.All(l => j.Spec.Labels?.TryGetValue(l.Key, out var v) == true && string.Equals(v, l.Value, StringComparison.Ordinal)))
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal)
            .ToList();
        var page = Paging.Page(context, services, jobs).Select(services.Jobs.ToJson).ToList();
        await SandboxHttp.WriteJsonAsync(context, page, SandboxJsonContext.Relaxed.ListJobAnswer).ConfigureAwait(false);
    }

    private async Task WithJobAsync(HttpContext context, Func<SandboxJob, Task> handler)
    {
        var caller = await JobAccess.OwnerAsync(context, services).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        var job = services.Jobs.Find(SandboxHttp.Route(context, "id"));
        if (job is null || !string.Equals(job.Owner, caller.User, StringComparison.OrdinalIgnoreCase))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Job not found").ConfigureAwait(false);
            return;
        }

        await handler(job).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST …/{id}/duplicate</c> (huggingface.js <c>duplicateJob</c>): runs a new Job of the caller with a copy of the
    /// spec (its secrets included, as the original's owner gave them), answered like a new run.
    /// </summary>
    private async Task DuplicateAsync(HttpContext context, SandboxJob job)
    {
        var caller = Hub.RepoAccess.Caller(context, services);
        if (caller is not { CanWrite: true })
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, "A write token is needed to run Jobs").ConfigureAwait(false);
            return;
        }

        JobsWire.JobSpec copy;
        lock (job.Gate)
        {
            copy = System.Text.Json.JsonSerializer.Deserialize(
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(job.Spec, SandboxJsonContext.Default.JobSpec), SandboxJsonContext.Default.JobSpec)!;
        }

        var duplicate = services.Jobs.Start(caller.User, caller.UserId, copy);
        await WriteAsync(context, services.Jobs.ToJson(duplicate)).ConfigureAwait(false);
    }

    private async Task LabelsAsync(HttpContext context, SandboxJob job)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.LabelsRequest).ConfigureAwait(false);
        if (request?.Labels is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"labels\" is required").ConfigureAwait(false);
            return;
        }

        lock (job.Gate)
        {
            job.Spec.Labels = request.Labels;
        }

        await WriteAsync(context, services.Jobs.ToJson(job)).ConfigureAwait(false);
    }
}
