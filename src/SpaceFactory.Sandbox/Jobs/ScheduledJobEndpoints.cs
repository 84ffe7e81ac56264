using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// Scheduled Jobs: create, list (paged), inspect, delete, suspend, resume, and run now (huggingface.js; 409 while the
/// previous run still runs and concurrency is off). Runs are ordinary Jobs of the owner.
/// </summary>
internal sealed class ScheduledJobEndpoints(SandboxServices services)
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scheduled-jobs/{ns}");
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id}", context => WithJobAsync(context, write: false, job => WriteAsync(context, job)));
        group.MapDelete("/{id}", context => WithJobAsync(context, write: true, job =>
        {
            services.ScheduledJobs.Delete(job);
            return SandboxHttp.WriteNodeAsync(context, new System.Text.Json.Nodes.JsonObject());
        }));
        group.MapPost("/{id}/suspend", context => WithJobAsync(context, write: true, job =>
        {
            services.ScheduledJobs.SetSuspended(job, suspend: true);
            return WriteAsync(context, job);
        }));
        group.MapPost("/{id}/resume", context => WithJobAsync(context, write: true, job =>
        {
            services.ScheduledJobs.SetSuspended(job, suspend: false);
            return WriteAsync(context, job);
        }));
        group.MapPost("/{id}/run", context => WithJobAsync(context, write: true, job => services.ScheduledJobs.Run(job) is { } run
            ? JobEndpoints.WriteAsync(context, services.Jobs.ToJson(run))
            : SandboxHttp.ErrorAsync(context, StatusCodes.Status409Conflict, "The previous run of this scheduled Job is still running (concurrency is off)")));
    }

    private static Task WriteAsync(HttpContext context, ScheduledJob job)
        => SandboxHttp.WriteJsonAsync(context, ScheduledJobAnswer.From(job), SandboxJsonContext.Relaxed.ScheduledJobAnswer);

    private async Task CreateAsync(HttpContext context)
    {
        var caller = await JobAccess.OwnerAsync(context, services).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        if (!caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, "A write token is needed to schedule Jobs").ConfigureAwait(false);
            return;
        }

        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.ScheduledJobRequest).ConfigureAwait(false);
        if (request is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "The body must be {\"jobSpec\", \"schedule\", \"suspend\"?, \"concurrency\"?}").ConfigureAwait(false);
            return;
        }

        var cron = CronSchedule.TryParse(request.Schedule, out var scheduleProblem);
        var problem = JobAccess.SpecProblem(request.JobSpec) is { } specProblem ? "Invalid jobSpec: " + specProblem : scheduleProblem;
        if (problem is not null || cron is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem ?? "\"schedule\" is required").ConfigureAwait(false);
            return;
        }

        var job = services.ScheduledJobs.Create(caller.User, caller.UserId, request.JobSpec!, request.Schedule!.Trim(), cron, request.Suspend ?? false, request.Concurrency ?? false);
        await WriteAsync(context, job).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context)
    {
        var caller = await JobAccess.OwnerAsync(context, services).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        var jobs = services.ScheduledJobs.All
            .Where(j => string.Equals(j.Owner, caller.User, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal)
            .ToList();
        var page = Paging.Page(context, services, jobs).Select(ScheduledJobAnswer.From).ToList();
        await SandboxHttp.WriteJsonAsync(context, page, SandboxJsonContext.Relaxed.ListScheduledJobAnswer).ConfigureAwait(false);
    }

    private async Task WithJobAsync(HttpContext context, bool write, Func<ScheduledJob, Task> handler)
    {
        var caller = await JobAccess.OwnerAsync(context, services).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        var job = services.ScheduledJobs.Find(SandboxHttp.Route(context, "id"));
        if (job is null || !string.Equals(job.Owner, caller.User, StringComparison.OrdinalIgnoreCase))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Scheduled job not found").ConfigureAwait(false);
            return;
        }

        if (write && !caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, "A write token is needed to change scheduled Jobs").ConfigureAwait(false);
            return;
        }

        await handler(job).ConfigureAwait(false);
    }
}
